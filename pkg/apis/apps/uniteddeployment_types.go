package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// UpdateStrategyType is how a UnitedDeployment rolls a new template out to its subsets.
type UpdateStrategyType string

// ManualUpdateStrategyType updates each subset up to the partition given for it.
const ManualUpdateStrategyType UpdateStrategyType = "Manual"

// UnitedDeploymentConditionType is a kind of UnitedDeployment condition.
type UnitedDeploymentConditionType string

// Condition types.
const (
	SubsetProvisioned       UnitedDeploymentConditionType = "SubsetProvisioned"
	SubsetUpdated           UnitedDeploymentConditionType = "SubsetUpdated"
	SubsetFailure           UnitedDeploymentConditionType = "SubsetFailure"
	UnitedDeploymentUpdated UnitedDeploymentConditionType = "UnitedDeploymentUpdated"
)

// UnitedDeploymentSpec is the desired state of a UnitedDeployment.
type UnitedDeploymentSpec struct {
	// Replicas is the total over all subsets (1 when unset).
	Replicas *int32
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector
	// Template is the workload created for every subset.
	Template SubsetTemplate
	// Topology lists the subsets and how pods are spread over them.
	Topology Topology
	// UpdateStrategy controls how a new template reaches the subsets.
	UpdateStrategy UnitedDeploymentUpdateStrategy
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	RevisionHistoryLimit *int32
}

// SubsetTemplate holds exactly one workload template.
type SubsetTemplate struct {
	StatefulSetTemplate         *StatefulSetTemplateSpec
	AdvancedStatefulSetTemplate *AdvancedStatefulSetTemplateSpec
	CloneSetTemplate            *CloneSetTemplateSpec
	DeploymentTemplate          *DeploymentTemplateSpec
}

// StatefulSetTemplateSpec is an apps/v1 StatefulSet template.
type StatefulSetTemplateSpec struct {
	metav1.ObjectMeta
	Spec appsv1.StatefulSetSpec
}

// AdvancedStatefulSetTemplateSpec is an Advanced StatefulSet template.
type AdvancedStatefulSetTemplateSpec struct {
	metav1.ObjectMeta
	Spec StatefulSetSpec
}

// CloneSetTemplateSpec is a CloneSet template.
type CloneSetTemplateSpec struct {
	metav1.ObjectMeta
	Spec CloneSetSpec
}

// DeploymentTemplateSpec is an apps/v1 Deployment template.
type DeploymentTemplateSpec struct {
	metav1.ObjectMeta
	Spec appsv1.DeploymentSpec
}

// UnitedDeploymentUpdateStrategy controls how a new template reaches the subsets.
type UnitedDeploymentUpdateStrategy struct {
	// Type is Manual (default).
	Type UpdateStrategyType
	// ManualUpdate holds the per-subset partitions of a Manual update.
	ManualUpdate *ManualUpdate
}

// ManualUpdate holds per-subset partitions.
type ManualUpdate struct {
	// Partitions maps a subset name to the number of its pods kept at the old revision.
	Partitions map[string]int32
}

// Topology lists the subsets and how pods are spread over them.
type Topology struct {
	Subsets          []Subset
	ScheduleStrategy UnitedDeploymentScheduleStrategy
}

// Subset is one group of nodes that receives its own workload.
type Subset struct {
	// Name is a DNS label; the subset workload is named <ud>-<subset>-<random>.
	Name string
	// NodeSelectorTerm restricts the subset's pods to some nodes; immutable.
	NodeSelectorTerm v1.NodeSelectorTerm
	// Tolerations added to the subset's pods; immutable.
	Tolerations []v1.Toleration
	// Replicas is a fixed number or a percent of the total; exclusive with Min/MaxReplicas.
	Replicas *intstr.IntOrString
	// MinReplicas is the lower bound of the subset's replicas.
	MinReplicas *intstr.IntOrString
	// MaxReplicas is the upper bound; nil means no bound.
	MaxReplicas *intstr.IntOrString
	// Patch is a strategic merge patch applied to the subset workload.
	Patch runtime.RawExtension
}

// UnitedDeploymentScheduleStrategyType is Fixed or Adaptive.
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
	RescheduleCriticalSeconds *int32
	// UnschedulableDuration a subset stays marked unschedulable (300 when unset).
	UnschedulableDuration *int32
	// ReserveUnschedulablePods keeps pending pods and runs temporary substitutes elsewhere.
	ReserveUnschedulablePods bool
}

// UnitedDeploymentScheduleStrategy is how pods are placed among the subsets.
type UnitedDeploymentScheduleStrategy struct {
	Type     UnitedDeploymentScheduleStrategyType
	Adaptive *AdaptiveUnitedDeploymentStrategy
}

// IsAdaptive reports whether the strategy is Adaptive.
func (s *UnitedDeploymentScheduleStrategy) IsAdaptive() bool {
	return s.Type == AdaptiveUnitedDeploymentScheduleStrategyType
}

// ShouldReserveUnschedulablePods reports whether the Adaptive strategy reserves pending pods.
func (s *UnitedDeploymentScheduleStrategy) ShouldReserveUnschedulablePods() bool {
	return s.IsAdaptive() && s.Adaptive != nil && s.Adaptive.ReserveUnschedulablePods
}

// UnitedDeploymentStatus is the observed state of a UnitedDeployment.
type UnitedDeploymentStatus struct {
	ObservedGeneration   int64
	ReadyReplicas        int32
	Replicas             int32
	UpdatedReplicas      int32
	ReservedPods         int32
	UpdatedReadyReplicas int32
	CollisionCount       *int32
	CurrentRevision      string
	UpdatedRevision      string
	SubsetStatuses       []UnitedDeploymentSubsetStatus
	Conditions           []UnitedDeploymentCondition
	LabelSelector        string
}

// UnitedDeploymentCondition is one observation about a UnitedDeployment.
type UnitedDeploymentCondition struct {
	Type               UnitedDeploymentConditionType
	Status             v1.ConditionStatus
	LastTransitionTime metav1.Time
	Reason             string
	Message            string
}

// UnitedDeploymentSubsetStatus is the observed state of one subset.
type UnitedDeploymentSubsetStatus struct {
	Name          string
	Replicas      int32
	ReadyReplicas int32
	Partition     int32
	ReservedPods  int32
	Conditions    []UnitedDeploymentSubsetCondition
}

// UnitedDeploymentSubsetConditionType is a kind of subset condition.
type UnitedDeploymentSubsetConditionType string

// UnitedDeploymentSubsetSchedulable is False while new pods of the subset would stay pending.
const UnitedDeploymentSubsetSchedulable UnitedDeploymentSubsetConditionType = "Schedulable"

// UnitedDeploymentSubsetCondition is one observation about a subset.
type UnitedDeploymentSubsetCondition struct {
	Type               UnitedDeploymentSubsetConditionType
	Status             v1.ConditionStatus
	LastTransitionTime metav1.Time
	Reason             string
	Message            string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// UnitedDeployment runs one workload per subset of nodes from a single template.
type UnitedDeployment struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   UnitedDeploymentSpec
	Status UnitedDeploymentStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// UnitedDeploymentList is a list of UnitedDeployments.
type UnitedDeploymentList struct {
	metav1.TypeMeta
	metav1.ListMeta

	Items []UnitedDeployment
}

func init() {
	register(&UnitedDeployment{}, &UnitedDeploymentList{})
}
