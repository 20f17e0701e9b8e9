package apps

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// TargetReference identifies a workload by apiVersion, kind and name.
type TargetReference struct {
	APIVersion string
	Kind       string
	Name       string
}

// WorkloadSpreadSpec is the desired state of a WorkloadSpread.
type WorkloadSpreadSpec struct {
	// TargetReference is the workload whose pods are spread.
	TargetReference *TargetReference
	// TargetFilter narrows the managed pods and says how to count them.
	TargetFilter *TargetFilter
	// Subsets are the places pods are spread over, in priority order.
	Subsets []WorkloadSpreadSubset
	// ScheduleStrategy is Fixed (default) or Adaptive.
	ScheduleStrategy WorkloadSpreadScheduleStrategy
}

// TargetFilter selects part of the workload's pods.
type TargetFilter struct {
	// Selector picks the managed pods.
	Selector *metav1.LabelSelector
	// ReplicasPathList are dot paths in the workload whose integer values sum to the managed replicas.
	ReplicasPathList []string
}

// WorkloadSpreadScheduleStrategyType is how pods move between subsets.
type WorkloadSpreadScheduleStrategyType string

// Schedule strategy types.
const (
	AdaptiveWorkloadSpreadScheduleStrategyType WorkloadSpreadScheduleStrategyType = "Adaptive"
	FixedWorkloadSpreadScheduleStrategyType    WorkloadSpreadScheduleStrategyType = "Fixed"
)

// WorkloadSpreadScheduleStrategy says how pods move between subsets.
type WorkloadSpreadScheduleStrategy struct {
	Type WorkloadSpreadScheduleStrategyType
	// Adaptive tunes the Adaptive type.
	Adaptive *AdaptiveWorkloadSpreadStrategy
}

// AdaptiveWorkloadSpreadStrategy tunes rescheduling between subsets.
type AdaptiveWorkloadSpreadStrategy struct {
	// DisableSimulationSchedule turns off the webhook's resource fit check.
	DisableSimulationSchedule bool
	// RescheduleCriticalSeconds after which an unschedulable pod moves to another subset.
	RescheduleCriticalSeconds *int32
}

// WorkloadSpreadSubset is one place pods are spread to.
type WorkloadSpreadSubset struct {
	Name                  string
	RequiredNodeSelector  *corev1.NodeSelectorTerm
	PreferredNodeSelector []corev1.PreferredSchedulingTerm
	Tolerations           []corev1.Toleration
	// MaxReplicas caps the subset (nil means no cap).
	MaxReplicas *intstr.IntOrString
	// Patch is a strategic merge patch applied to the subset's pods.
	Patch runtime.RawExtension
}

// WorkloadSpreadStatus is the observed state of a WorkloadSpread.
type WorkloadSpreadStatus struct {
	ObservedGeneration int64
	SubsetStatuses     []WorkloadSpreadSubsetStatus
	// VersionedSubsetStatuses holds subset statuses per workload revision.
	VersionedSubsetStatuses map[string][]WorkloadSpreadSubsetStatus
}

// SubsetSchedulable is the subset condition type saying whether its pods can be scheduled.
const SubsetSchedulable = "Schedulable"

// WorkloadSpreadSubsetStatus is the observed state of one subset.
type WorkloadSpreadSubsetStatus struct {
	Name       string
	Replicas   int32
	Conditions []metav1.Condition
	// MissingReplicas is how many pods the subset still lacks (-1 when uncapped).
	MissingReplicas int32
	// CreatingPods and DeletingPods are pods admitted but not yet seen by the controller.
	CreatingPods map[string]metav1.Time
	DeletingPods map[string]metav1.Time
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// WorkloadSpread spreads a workload's pods over subsets of nodes.
type WorkloadSpread struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   WorkloadSpreadSpec
	Status WorkloadSpreadStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// WorkloadSpreadList is a list of WorkloadSpreads.
type WorkloadSpreadList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []WorkloadSpread
}

func init() {
	register(&WorkloadSpread{}, &WorkloadSpreadList{})
}
