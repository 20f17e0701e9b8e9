package v1beta1

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
	// +optional
	Replicas *int32 `json:"replicas,omitempty"`
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector `json:"selector"`
	// Template describes the pods to create.
	Template v1.PodTemplateSpec `json:"template"`
	// VolumeClaimTemplates are PVCs created per pod, sharing the pod's instance id.
	// +optional
	// +listType=atomic
	VolumeClaimTemplates []v1.PersistentVolumeClaim `json:"volumeClaimTemplates,omitempty"`
	// ScaleStrategy tunes scaling.
	// +optional
	ScaleStrategy CloneSetScaleStrategy `json:"scaleStrategy,omitempty"`
	// UpdateStrategy tunes how pods move to a new revision.
	// +optional
	UpdateStrategy CloneSetUpdateStrategy `json:"updateStrategy,omitempty"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	// +optional
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	// MinReadySeconds a pod must be ready before it counts as available.
	// +optional
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// Lifecycle hooks around pod creation, in-place update and deletion.
	// +optional
	Lifecycle *pub.Lifecycle `json:"lifecycle,omitempty"`
	// ProgressDeadlineSeconds after which a stalled rollout is reported in the Progressing condition.
	// +optional
	ProgressDeadlineSeconds *int32 `json:"progressDeadlineSeconds,omitempty"`
}

// CloneSetScaleStrategy tunes scaling.
type CloneSetScaleStrategy struct {
	// PodsToDelete names pods to delete first when scaling down, or to replace.
	// +optional
	// +listType=atomic
	PodsToDelete []string `json:"podsToDelete,omitempty"`
	// MaxUnavailable limits how many new pods may be unavailable while scaling up.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// EnablePVCReuse lets a recreated instance reuse its PVCs.
	// +optional
	EnablePVCReuse bool `json:"enablePVCReuse,omitempty"`
	// ExcludePreparingDelete leaves pods in PreparingDelete out of the replica count.
	// +optional
	ExcludePreparingDelete bool `json:"excludePreparingDelete,omitempty"`
}

// CloneSetUpdateStrategyType is how pods are updated.
// +enum
type CloneSetUpdateStrategyType string

// Update strategy types.
const (
	RollingUpdateCloneSetUpdateStrategyType CloneSetUpdateStrategyType = "RollingUpdate"
	OnDeleteCloneSetUpdateStrategyType      CloneSetUpdateStrategyType = "OnDelete"
)

// CloneSetPodUpdateStrategyType is how one pod moves to a new revision.
// +enum
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
	// +optional
	Type CloneSetUpdateStrategyType `json:"type,omitempty"`
	// RollingUpdate tunes a RollingUpdate.
	// +optional
	RollingUpdate *RollingUpdateCloneSetStrategy `json:"rollingUpdate,omitempty"`
}

// RollingUpdateCloneSetStrategy tunes a rolling update.
type RollingUpdateCloneSetStrategy struct {
	// Partition is the number or percent of pods kept at the old revision.
	// +optional
	Partition *intstr.IntOrString `json:"partition,omitempty"`
	// MaxUnavailable is how many pods may be unavailable during the update.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// MaxSurge is how many extra pods may be created during the update.
	// +optional
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`
	// PodUpdatePolicy is ReCreate (default), InPlaceIfPossible or InPlaceOnly.
	// +optional
	PodUpdatePolicy CloneSetPodUpdateStrategyType `json:"podUpdatePolicy,omitempty"`
	// Paused stops the update.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// PriorityStrategy orders pods for update.
	// +optional
	PriorityStrategy *pub.UpdatePriorityStrategy `json:"priorityStrategy,omitempty"`
	// ScatterStrategy spreads pods with the same labels across the update order.
	// +optional
	ScatterStrategy UpdateScatterStrategy `json:"scatterStrategy,omitempty"`
	// InPlaceUpdateStrategy tunes in-place updates.
	// +optional
	InPlaceUpdateStrategy *pub.InPlaceUpdateStrategy `json:"inPlaceUpdateStrategy,omitempty"`
}

// CloneSetStatus is the observed state of a CloneSet.
type CloneSetStatus struct {
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// Replicas is the number of pods.
	Replicas int32 `json:"replicas"`
	// ReadyReplicas is the number of ready pods.
	ReadyReplicas int32 `json:"readyReplicas"`
	// AvailableReplicas is the number of pods ready for at least minReadySeconds.
	AvailableReplicas int32 `json:"availableReplicas"`
	// UpdatedReplicas is the number of pods at the update revision.
	UpdatedReplicas int32 `json:"updatedReplicas"`
	// UpdatedReadyReplicas is the number of ready pods at the update revision.
	UpdatedReadyReplicas int32 `json:"updatedReadyReplicas"`
	// UpdatedAvailableReplicas is the number of available pods at the update revision.
	// +optional
	UpdatedAvailableReplicas int32 `json:"updatedAvailableReplicas,omitempty"`
	// ExpectedUpdatedReplicas is replicas minus partition.
	// +optional
	ExpectedUpdatedReplicas int32 `json:"expectedUpdatedReplicas,omitempty"`
	// UpdateRevision names the ControllerRevision of the current template.
	// +optional
	UpdateRevision string `json:"updateRevision,omitempty"`
	// CurrentRevision names the ControllerRevision all pods were at before the update.
	// +optional
	CurrentRevision string `json:"currentRevision,omitempty"`
	// CollisionCount disambiguates revision names when hashes collide.
	// +optional
	CollisionCount *int32 `json:"collisionCount,omitempty"`
	// Conditions of the CloneSet.
	// +optional
	// +listType=map
	// +listMapKey=type
	Conditions []CloneSetCondition `json:"conditions,omitempty"`
	// LabelSelector is the selector in string form, for the scale subresource.
	// +optional
	LabelSelector string `json:"labelSelector,omitempty"`
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
	Type   CloneSetConditionType `json:"type"`
	Status v1.ConditionStatus    `json:"status"`
	// +optional
	LastUpdateTime metav1.Time `json:"lastUpdateTime,omitempty"`
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

// CloneSet manages stateless pods with in-place update, partitioned rollout and selective deletion.
type CloneSet struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec CloneSetSpec `json:"spec,omitempty"`
	// +optional
	Status CloneSetStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CloneSetList is a list of CloneSets.
type CloneSetList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []CloneSet `json:"items"`
}

func init() {
	register(&CloneSet{}, &CloneSetList{})
}
