package v1alpha1

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// TargetReference identifies a workload by apiVersion, kind and name.
type TargetReference struct {
	// APIVersion of the workload.
	APIVersion string `json:"apiVersion"`
	// Kind of the workload.
	Kind string `json:"kind"`
	// Name of the workload.
	Name string `json:"name"`
}

// WorkloadSpreadSpec is the desired state of a WorkloadSpread.
type WorkloadSpreadSpec struct {
	// TargetReference is the workload whose pods are spread.
	TargetReference *TargetReference `json:"targetRef"`
	// TargetFilter narrows the managed pods and says how to count them.
	// +optional
	TargetFilter *TargetFilter `json:"targetFilter,omitempty"`
	// Subsets are the places pods are spread over, in priority order.
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	Subsets []WorkloadSpreadSubset `json:"subsets" patchStrategy:"merge" patchMergeKey:"name"`
	// ScheduleStrategy is Fixed (default) or Adaptive.
	// +optional
	ScheduleStrategy WorkloadSpreadScheduleStrategy `json:"scheduleStrategy,omitempty"`
}

// TargetFilter selects part of the workload's pods.
type TargetFilter struct {
	// Selector picks the managed pods.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// ReplicasPathList are dot paths in the workload (e.g. "spec.replicas", "subsets.1.replicas")
	// whose integer values sum to the number of managed replicas.
	// +optional
	// +listType=atomic
	ReplicasPathList []string `json:"replicasPathList,omitempty"`
}

// WorkloadSpreadScheduleStrategyType is how pods move between subsets.
// +enum
type WorkloadSpreadScheduleStrategyType string

// Schedule strategy types.
const (
	// AdaptiveWorkloadSpreadScheduleStrategyType lets the controller move unschedulable pods to later subsets.
	AdaptiveWorkloadSpreadScheduleStrategyType WorkloadSpreadScheduleStrategyType = "Adaptive"
	// FixedWorkloadSpreadScheduleStrategyType never moves pods.
	FixedWorkloadSpreadScheduleStrategyType WorkloadSpreadScheduleStrategyType = "Fixed"
)

// WorkloadSpreadScheduleStrategy says how pods move between subsets.
type WorkloadSpreadScheduleStrategy struct {
	// Type is Fixed (when empty) or Adaptive.
	// +optional
	Type WorkloadSpreadScheduleStrategyType `json:"type,omitempty"`
	// Adaptive tunes the Adaptive type.
	// +optional
	Adaptive *AdaptiveWorkloadSpreadStrategy `json:"adaptive,omitempty"`
}

// AdaptiveWorkloadSpreadStrategy tunes rescheduling between subsets.
type AdaptiveWorkloadSpreadStrategy struct {
	// DisableSimulationSchedule turns off the admission-time resource fit check.
	// +optional
	DisableSimulationSchedule bool `json:"disableSimulationSchedule,omitempty"`
	// RescheduleCriticalSeconds after which an unschedulable pod moves to another subset.
	// +optional
	RescheduleCriticalSeconds *int32 `json:"rescheduleCriticalSeconds,omitempty"`
}

// WorkloadSpreadSubset is one place pods are spread to.
type WorkloadSpreadSubset struct {
	// Name of the subset, unique in the WorkloadSpread.
	Name string `json:"name"`
	// RequiredNodeSelectorTerm the subset's pods must match (v1beta1: requiredNodeSelector).
	// +optional
	RequiredNodeSelectorTerm *corev1.NodeSelectorTerm `json:"requiredNodeSelectorTerm,omitempty"`
	// PreferredNodeSelectorTerms the subset's pods prefer (v1beta1: preferredNodeSelector).
	// +optional
	// +listType=atomic
	PreferredNodeSelectorTerms []corev1.PreferredSchedulingTerm `json:"preferredNodeSelectorTerms,omitempty"`
	// Tolerations added to the subset's pods.
	// +optional
	// +listType=atomic
	Tolerations []corev1.Toleration `json:"tolerations,omitempty"`
	// MaxReplicas caps the subset, as a number or a percentage (nil means no cap).
	// +optional
	MaxReplicas *intstr.IntOrString `json:"maxReplicas,omitempty"`
	// Patch is a strategic merge patch applied to the subset's pods.
	// +optional
	Patch runtime.RawExtension `json:"patch,omitempty"`
}

// WorkloadSpreadStatus is the observed state of a WorkloadSpread.
type WorkloadSpreadStatus struct {
	// ObservedGeneration is the generation the status was computed for.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// SubsetStatuses are the subsets' states, in spec order.
	// +optional
	// +listType=atomic
	SubsetStatuses []WorkloadSpreadSubsetStatus `json:"subsetStatuses,omitempty"`
	// VersionedSubsetStatuses holds subset statuses per workload revision.
	// +optional
	VersionedSubsetStatuses map[string][]WorkloadSpreadSubsetStatus `json:"versionedSubsetStatuses,omitempty"`
}

// WorkloadSpreadSubsetConditionType is a kind of subset condition.
type WorkloadSpreadSubsetConditionType string

// SubsetSchedulable says whether the subset's pods can be scheduled.
const SubsetSchedulable WorkloadSpreadSubsetConditionType = "Schedulable"

// WorkloadSpreadSubsetCondition is one observation about a subset (v1beta1 uses metav1.Condition).
type WorkloadSpreadSubsetCondition struct {
	// Type of the condition.
	Type WorkloadSpreadSubsetConditionType `json:"type"`
	// Status is True, False or Unknown.
	Status corev1.ConditionStatus `json:"status"`
	// LastTransitionTime is when the status last changed.
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// Reason is a machine-readable cause.
	// +optional
	Reason string `json:"reason,omitempty"`
	// Message is a human-readable explanation.
	// +optional
	Message string `json:"message,omitempty"`
}

// WorkloadSpreadSubsetStatus is the observed state of one subset.
type WorkloadSpreadSubsetStatus struct {
	// Name of the subset.
	Name string `json:"name"`
	// Replicas is the number of active pods in the subset.
	Replicas int32 `json:"replicas"`
	// Conditions of the subset.
	// +optional
	// +listType=atomic
	Conditions []WorkloadSpreadSubsetCondition `json:"conditions,omitempty"`
	// MissingReplicas is how many pods the subset still lacks (-1 when uncapped).
	MissingReplicas int32 `json:"missingReplicas"`
	// CreatingPods are pods admitted into the subset but not yet seen by the controller, with the admission time.
	// +optional
	CreatingPods map[string]metav1.Time `json:"creatingPods,omitempty"`
	// DeletingPods are pods whose deletion was admitted but not yet seen by the controller.
	// +optional
	DeletingPods map[string]metav1.Time `json:"deletingPods,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// WorkloadSpread spreads a workload's pods over subsets of nodes.
type WorkloadSpread struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec WorkloadSpreadSpec `json:"spec,omitempty"`
	// +optional
	Status WorkloadSpreadStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// WorkloadSpreadList is a list of WorkloadSpreads.
type WorkloadSpreadList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []WorkloadSpread `json:"items"`
}

func init() {
	register(&WorkloadSpread{}, &WorkloadSpreadList{})
}
