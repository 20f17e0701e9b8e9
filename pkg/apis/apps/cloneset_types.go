package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// Well-known keys and defaults of CloneSet.
const (
	// CloneSetInstanceID labels each pod and its PVCs with the instance id that names them.
	CloneSetInstanceID = "apps.kruise.io/cloneset-instance-id"
	// DefaultCloneSetMaxUnavailable is rollingUpdate.maxUnavailable when unset.
	DefaultCloneSetMaxUnavailable = "20%"
	// CloneSetScalingExcludePreparingDeleteKey is the v1alpha1 label form of scaleStrategy.excludePreparingDelete.
	CloneSetScalingExcludePreparingDeleteKey = "apps.kruise.io/cloneset-scaling-exclude-preparing-delete"
)

// CloneSetSpec is the desired state of a CloneSet.
type CloneSetSpec struct {
	// Replicas is the desired number of pods (1 when unset).
	Replicas *int32
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector
	// Template describes the pods to create.
	Template v1.PodTemplateSpec
	// VolumeClaimTemplates are PVCs created per pod, sharing the pod's instance id.
	VolumeClaimTemplates []v1.PersistentVolumeClaim
	// ScaleStrategy tunes scaling.
	ScaleStrategy CloneSetScaleStrategy
	// UpdateStrategy tunes how pods move to a new revision.
	UpdateStrategy CloneSetUpdateStrategy
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	RevisionHistoryLimit *int32
	// MinReadySeconds a pod must be ready before it counts as available.
	MinReadySeconds int32
	// Lifecycle hooks around pod creation, in-place update and deletion.
	Lifecycle *pub.Lifecycle
	// ProgressDeadlineSeconds after which a stalled rollout is reported in the Progressing condition.
	ProgressDeadlineSeconds *int32
}

// CloneSetScaleStrategy tunes scaling.
type CloneSetScaleStrategy struct {
	// PodsToDelete names pods to delete first when scaling down, or to replace.
	PodsToDelete []string
	// MaxUnavailable limits how many new pods may be unavailable while scaling up.
	MaxUnavailable *intstr.IntOrString
	// EnablePVCReuse lets a recreated instance reuse its PVCs.
	EnablePVCReuse bool
	// ExcludePreparingDelete leaves pods in PreparingDelete out of the replica count.
	ExcludePreparingDelete bool
}

// CloneSetUpdateStrategyType is how pods are updated.
type CloneSetUpdateStrategyType string

// Update strategy types.
const (
	RollingUpdateCloneSetUpdateStrategyType CloneSetUpdateStrategyType = "RollingUpdate"
	OnDeleteCloneSetUpdateStrategyType      CloneSetUpdateStrategyType = "OnDelete"
)

// CloneSetPodUpdateStrategyType is how one pod moves to a new revision.
type CloneSetPodUpdateStrategyType string

// Pod update policies.
const (
	RecreateCloneSetPodUpdateStrategyType          CloneSetPodUpdateStrategyType = "ReCreate"
	InPlaceIfPossibleCloneSetPodUpdateStrategyType CloneSetPodUpdateStrategyType = "InPlaceIfPossible"
	InPlaceOnlyCloneSetPodUpdateStrategyType       CloneSetPodUpdateStrategyType = "InPlaceOnly"
)

// CloneSetUpdateStrategy tunes updates.
type CloneSetUpdateStrategy struct {
	// Type is RollingUpdate (default) or OnDelete.
	Type CloneSetUpdateStrategyType
	// RollingUpdate tunes a RollingUpdate.
	RollingUpdate *RollingUpdateCloneSetStrategy
}

// RollingUpdateCloneSetStrategy tunes a rolling update.
type RollingUpdateCloneSetStrategy struct {
	// Partition is the number or percent of pods kept at the old revision.
	Partition *intstr.IntOrString
	// MaxUnavailable is how many pods may be unavailable during the update.
	MaxUnavailable *intstr.IntOrString
	// MaxSurge is how many extra pods may be created during the update.
	MaxSurge *intstr.IntOrString
	// PodUpdatePolicy is ReCreate (default), InPlaceIfPossible or InPlaceOnly.
	PodUpdatePolicy CloneSetPodUpdateStrategyType
	// Paused stops the update.
	Paused bool
	// PriorityStrategy orders pods for update.
	PriorityStrategy *pub.UpdatePriorityStrategy
	// ScatterStrategy spreads pods with the same labels across the update order.
	ScatterStrategy UpdateScatterStrategy
	// InPlaceUpdateStrategy tunes in-place updates.
	InPlaceUpdateStrategy *pub.InPlaceUpdateStrategy
}

// CloneSetStatus is the observed state of a CloneSet.
type CloneSetStatus struct {
	ObservedGeneration int64
	// Replicas is the number of pods.
	Replicas int32
	// ReadyReplicas is the number of ready pods.
	ReadyReplicas int32
	// AvailableReplicas is the number of pods ready for at least minReadySeconds.
	AvailableReplicas int32
	// UpdatedReplicas is the number of pods at the update revision.
	UpdatedReplicas int32
	// UpdatedReadyReplicas is the number of ready pods at the update revision.
	UpdatedReadyReplicas int32
	// UpdatedAvailableReplicas is the number of available pods at the update revision.
	UpdatedAvailableReplicas int32
	// ExpectedUpdatedReplicas is replicas minus partition.
	ExpectedUpdatedReplicas int32
	// UpdateRevision names the ControllerRevision of the current template.
	UpdateRevision string
	// CurrentRevision names the ControllerRevision all pods were at before the update.
	CurrentRevision string
	// CollisionCount disambiguates revision names when hashes collide.
	CollisionCount *int32
	// Conditions of the CloneSet.
	Conditions []CloneSetCondition
	// LabelSelector is the selector in string form, for the scale subresource.
	LabelSelector string
}

// CloneSetConditionType is a kind of CloneSet condition.
type CloneSetConditionType string

// Condition types.
const (
	CloneSetConditionFailedScale     CloneSetConditionType = "FailedScale"
	CloneSetConditionFailedUpdate    CloneSetConditionType = "FailedUpdate"
	CloneSetConditionTypeProgressing CloneSetConditionType = "Progressing"
)

// CloneSetConditionReason explains a Progressing condition.
type CloneSetConditionReason string

// Progressing condition reasons.
const (
	CloneSetProgressDeadlineExceeded   CloneSetConditionReason = "ProgressDeadlineExceeded"
	CloneSetProgressPaused             CloneSetConditionReason = "CloneSetPaused"
	CloneSetProgressUpdated            CloneSetConditionReason = "CloneSetUpdated"
	CloneSetProgressPartitionAvailable CloneSetConditionReason = "ProgressPartitionAvailable"
	CloneSetAvailable                  CloneSetConditionReason = "CloneSetAvailable"
)

// CloneSetCondition is one observation about a CloneSet.
type CloneSetCondition struct {
	Type               CloneSetConditionType
	Status             v1.ConditionStatus
	LastUpdateTime     metav1.Time
	LastTransitionTime metav1.Time
	Reason             string
	Message            string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CloneSet manages stateless pods with in-place update, partitioned rollout and selective deletion.
type CloneSet struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   CloneSetSpec
	Status CloneSetStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CloneSetList is a list of CloneSets.
type CloneSetList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []CloneSet
}

func init() {
	register(&CloneSet{}, &CloneSetList{})
}
