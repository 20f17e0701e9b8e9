package v1alpha1

import (
	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// UpdateStrategyType is how a UnitedDeployment rolls a new template out to its subsets.
// +enum
type UpdateStrategyType string

// ManualUpdateStrategyType updates each subset up to the partition given for it.
const ManualUpdateStrategyType UpdateStrategyType = "Manual"

// UnitedDeploymentConditionType is a kind of UnitedDeployment condition.
type UnitedDeploymentConditionType string

// Condition types.
const (
	// SubsetProvisioned: the expected subsets exist and no others.
	SubsetProvisioned UnitedDeploymentConditionType = "SubsetProvisioned"
	// SubsetUpdated: every subset runs the latest template.
	SubsetUpdated UnitedDeploymentConditionType = "SubsetUpdated"
	// SubsetFailure: reconciling a subset failed.
	SubsetFailure UnitedDeploymentConditionType = "SubsetFailure"
	// UnitedDeploymentUpdated: currentRevision equals updatedRevision.
	UnitedDeploymentUpdated UnitedDeploymentConditionType = "UnitedDeploymentUpdated"
)

// UnitedDeploymentSpec is the desired state of a UnitedDeployment.
type UnitedDeploymentSpec struct {
	// Replicas is the total over all subsets (1 when unset).
	// +optional
	Replicas *int32 `json:"replicas,omitempty"`
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector `json:"selector"`
	// Template is the workload created for every subset.
	// +optional
	Template SubsetTemplate `json:"template,omitempty"`
	// Topology lists the subsets and how pods are spread over them.
	// +optional
	Topology Topology `json:"topology,omitempty"`
	// UpdateStrategy controls how a new template reaches the subsets.
	// +optional
	UpdateStrategy UnitedDeploymentUpdateStrategy `json:"updateStrategy,omitempty"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	// +optional
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
}

// SubsetTemplate holds exactly one workload template.
type SubsetTemplate struct {
	// +optional
	StatefulSetTemplate *StatefulSetTemplateSpec `json:"statefulSetTemplate,omitempty"`
	// +optional
	AdvancedStatefulSetTemplate *AdvancedStatefulSetTemplateSpec `json:"advancedStatefulSetTemplate,omitempty"`
	// +optional
	CloneSetTemplate *CloneSetTemplateSpec `json:"cloneSetTemplate,omitempty"`
	// +optional
	DeploymentTemplate *DeploymentTemplateSpec `json:"deploymentTemplate,omitempty"`
}

// StatefulSetTemplateSpec is an apps/v1 StatefulSet template.
type StatefulSetTemplateSpec struct {
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              appsv1.StatefulSetSpec `json:"spec"`
}

// AdvancedStatefulSetTemplateSpec is an Advanced StatefulSet template (in the v1beta1 shape).
type AdvancedStatefulSetTemplateSpec struct {
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              v1beta1.StatefulSetSpec `json:"spec"`
}

// CloneSetTemplateSpec is a CloneSet template (in the v1beta1 shape).
type CloneSetTemplateSpec struct {
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              v1beta1.CloneSetSpec `json:"spec"`
}

// DeploymentTemplateSpec is an apps/v1 Deployment template.
type DeploymentTemplateSpec struct {
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              appsv1.DeploymentSpec `json:"spec"`
}

// UnitedDeploymentUpdateStrategy controls how a new template reaches the subsets.
type UnitedDeploymentUpdateStrategy struct {
	// Type is Manual (default).
	// +optional
	Type UpdateStrategyType `json:"type,omitempty"`
	// ManualUpdate holds the per-subset partitions of a Manual update.
	// +optional
	ManualUpdate *ManualUpdate `json:"manualUpdate,omitempty"`
}

// ManualUpdate holds per-subset partitions.
type ManualUpdate struct {
	// Partitions maps a subset name to the number of its pods kept at the old revision.
	// +optional
	Partitions map[string]int32 `json:"partitions,omitempty"`
}

// Topology lists the subsets and how pods are spread over them.
type Topology struct {
	// Subsets each receive one workload.
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	Subsets []Subset `json:"subsets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// ScheduleStrategy is how pods are placed among the subsets.
	// +optional
	ScheduleStrategy UnitedDeploymentScheduleStrategy `json:"scheduleStrategy,omitempty"`
}

// Subset is one group of nodes that receives its own workload.
type Subset struct {
	// Name is a DNS label; the subset workload is named <ud>-<subset>-<random>.
	Name string `json:"name"`
	// NodeSelectorTerm restricts the subset's pods to some nodes; immutable.
	// +optional
	NodeSelectorTerm v1.NodeSelectorTerm `json:"nodeSelectorTerm,omitempty"`
	// Tolerations added to the subset's pods; immutable.
	// +optional
	// +listType=atomic
	Tolerations []v1.Toleration `json:"tolerations,omitempty"`
	// Replicas is a fixed number or a percent of the total; exclusive with minReplicas/maxReplicas.
	// +optional
	Replicas *intstr.IntOrString `json:"replicas,omitempty"`
	// MinReplicas is the lower bound of the subset's replicas.
	// +optional
	MinReplicas *intstr.IntOrString `json:"minReplicas,omitempty"`
	// MaxReplicas is the upper bound; unset means no bound.
	// +optional
	MaxReplicas *intstr.IntOrString `json:"maxReplicas,omitempty"`
	// Patch is a strategic merge patch applied to the subset workload.
	// +optional
	Patch runtime.RawExtension `json:"patch,omitempty"`
}

// UnitedDeploymentScheduleStrategyType is Fixed or Adaptive.
// +enum
type UnitedDeploymentScheduleStrategyType string

// Schedule strategy types.
const (
	// AdaptiveUnitedDeploymentScheduleStrategyType moves pods that stay unschedulable to other subsets.
	AdaptiveUnitedDeploymentScheduleStrategyType UnitedDeploymentScheduleStrategyType = "Adaptive"
	// FixedUnitedDeploymentScheduleStrategyType keeps pods in their subset even if they cannot be scheduled.
	FixedUnitedDeploymentScheduleStrategyType UnitedDeploymentScheduleStrategyType = "Fixed"
)

// AdaptiveUnitedDeploymentStrategy tunes the Adaptive schedule strategy.
type AdaptiveUnitedDeploymentStrategy struct {
	// RescheduleCriticalSeconds a pending pod waits before moving (30 when unset).
	// +optional
	RescheduleCriticalSeconds *int32 `json:"rescheduleCriticalSeconds,omitempty"`
	// UnschedulableDuration a subset stays marked unschedulable (300 when unset).
	// +optional
	UnschedulableDuration *int32 `json:"unschedulableDuration,omitempty"`
	// ReserveUnschedulablePods keeps pending pods and runs temporary substitutes elsewhere.
	// +optional
	ReserveUnschedulablePods bool `json:"reserveUnschedulablePods,omitempty"`
}

// UnitedDeploymentScheduleStrategy is how pods are placed among the subsets.
type UnitedDeploymentScheduleStrategy struct {
	// Type is Fixed (when empty) or Adaptive.
	// +optional
	Type UnitedDeploymentScheduleStrategyType `json:"type,omitempty"`
	// Adaptive tunes the Adaptive strategy.
	// +optional
	Adaptive *AdaptiveUnitedDeploymentStrategy `json:"adaptive,omitempty"`
}

// UnitedDeploymentStatus is the observed state of a UnitedDeployment.
type UnitedDeploymentStatus struct {
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// ReadyReplicas is the number of ready pods.
	// +optional
	ReadyReplicas int32 `json:"readyReplicas,omitempty"`
	// Replicas is the number of pods.
	Replicas int32 `json:"replicas"`
	// UpdatedReplicas is the number of pods at the updated revision.
	UpdatedReplicas int32 `json:"updatedReplicas"`
	// ReservedPods is the number of pods reserved by the Adaptive strategy.
	// +optional
	ReservedPods int32 `json:"reservedPods,omitempty"`
	// UpdatedReadyReplicas is the number of ready pods at the updated revision.
	// +optional
	UpdatedReadyReplicas int32 `json:"updatedReadyReplicas,omitempty"`
	// CollisionCount disambiguates revision names when hashes collide.
	// +optional
	CollisionCount *int32 `json:"collisionCount,omitempty"`
	// CurrentRevision names the revision the subsets run.
	CurrentRevision string `json:"currentRevision"`
	// SubsetReplicas maps each subset name to the replicas it is asked to run.
	// +optional
	SubsetReplicas map[string]int32 `json:"subsetReplicas,omitempty"`
	// SubsetStatuses is the state of each subset.
	// +optional
	// +listType=atomic
	SubsetStatuses []UnitedDeploymentSubsetStatus `json:"subsetStatuses,omitempty"`
	// Conditions of the UnitedDeployment.
	// +optional
	// +listType=atomic
	Conditions []UnitedDeploymentCondition `json:"conditions,omitempty"`
	// UpdateStatus records the progress of the update.
	// +optional
	UpdateStatus *UpdateStatus `json:"updateStatus,omitempty"`
	// LabelSelector is the selector in string form, for the scale subresource.
	// +optional
	LabelSelector string `json:"labelSelector,omitempty"`
}

// UpdateStatus records the progress of an update.
type UpdateStatus struct {
	// UpdatedRevision names the newest revision.
	// +optional
	UpdatedRevision string `json:"updatedRevision,omitempty"`
	// CurrentPartitions maps each subset name to its current partition.
	// +optional
	CurrentPartitions map[string]int32 `json:"currentPartitions,omitempty"`
}

// UnitedDeploymentCondition is one observation about a UnitedDeployment.
type UnitedDeploymentCondition struct {
	// +optional
	Type UnitedDeploymentConditionType `json:"type,omitempty"`
	// +optional
	Status v1.ConditionStatus `json:"status,omitempty"`
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// +optional
	Reason string `json:"reason,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// UnitedDeploymentSubsetStatus is the observed state of one subset.
type UnitedDeploymentSubsetStatus struct {
	// Name of the subset.
	// +optional
	Name string `json:"name,omitempty"`
	// Replicas the subset is asked to run.
	// +optional
	Replicas int32 `json:"replicas,omitempty"`
	// ReadyReplicas of the subset.
	// +optional
	ReadyReplicas int32 `json:"readyReplicas,omitempty"`
	// Partition of the subset.
	// +optional
	Partition int32 `json:"partition,omitempty"`
	// ReservedPods in the subset.
	// +optional
	ReservedPods int32 `json:"reservedPods,omitempty"`
	// Conditions of the subset.
	// +optional
	// +listType=atomic
	Conditions []UnitedDeploymentSubsetCondition `json:"conditions,omitempty"`
}

// UnitedDeploymentSubsetConditionType is a kind of subset condition.
type UnitedDeploymentSubsetConditionType string

// UnitedDeploymentSubsetSchedulable is False while new pods of the subset would stay pending.
const UnitedDeploymentSubsetSchedulable UnitedDeploymentSubsetConditionType = "Schedulable"

// UnitedDeploymentSubsetCondition is one observation about a subset.
type UnitedDeploymentSubsetCondition struct {
	Type   UnitedDeploymentSubsetConditionType `json:"type"`
	Status v1.ConditionStatus                  `json:"status"`
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// +optional
	Reason string `json:"reason,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// +genclient
// +genclient:method=GetScale,verb=get,subresource=scale,result=k8s.io/api/autoscaling/v1.Scale
// +genclient:method=UpdateScale,verb=update,subresource=scale,input=k8s.io/api/autoscaling/v1.Scale,result=k8s.io/api/autoscaling/v1.Scale
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// UnitedDeployment runs one workload per subset of nodes from a single template.
type UnitedDeployment struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   UnitedDeploymentSpec   `json:"spec,omitempty"`
	Status UnitedDeploymentStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// UnitedDeploymentList is a list of UnitedDeployments.
type UnitedDeploymentList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []UnitedDeployment `json:"items"`
}

func init() {
	register(&UnitedDeployment{}, &UnitedDeploymentList{})
}
