package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// MaxMinReadySeconds caps rollingUpdate.minReadySeconds of an Advanced StatefulSet.
const MaxMinReadySeconds = 300

// VolumeClaimUpdateStrategyType says when changed volumeClaimTemplates reach existing PVCs.
type VolumeClaimUpdateStrategyType string

// Volume claim update strategies.
const (
	// OnPodRollingUpdateVolumeClaimUpdateStrategyType resizes PVCs as their pods are rolled.
	OnPodRollingUpdateVolumeClaimUpdateStrategyType VolumeClaimUpdateStrategyType = "OnPodRollingUpdate"
	// OnPVCDeleteVolumeClaimUpdateStrategyType applies a new template only to PVCs created after a delete.
	OnPVCDeleteVolumeClaimUpdateStrategyType VolumeClaimUpdateStrategyType = "OnDelete"
)

// VolumeClaimStatus reports how many pods' PVCs already match one volume claim template.
type VolumeClaimStatus struct {
	// VolumeClaimName is the template name.
	VolumeClaimName string
	// CompatibleReplicas counts pods whose PVC requests at least the template's storage.
	CompatibleReplicas int32
	// CompatibleReadyReplicas counts those whose PVC capacity also reached the request.
	CompatibleReadyReplicas int32
}

// StatefulSetUpdateStrategy says how pods move to a new revision.
type StatefulSetUpdateStrategy struct {
	// Type is RollingUpdate (default) or OnDelete.
	Type appsv1.StatefulSetUpdateStrategyType
	// RollingUpdate tunes a RollingUpdate; only allowed with that type.
	RollingUpdate *RollingUpdateStatefulSetStrategy
}

// VolumeClaimUpdateStrategy says how template changes reach existing PVCs.
type VolumeClaimUpdateStrategy struct {
	// Type is OnPodRollingUpdate or OnDelete.
	Type VolumeClaimUpdateStrategyType
}

// RollingUpdateStatefulSetStrategy tunes a rolling update.
type RollingUpdateStatefulSetStrategy struct {
	// Partition is how many pods (highest ordinals first, or by priority when unordered) stay at the old revision.
	Partition *int32
	// MaxUnavailable is how many pods may be unavailable during the update; values other than 1 need Parallel.
	MaxUnavailable *intstr.IntOrString
	// PodUpdatePolicy is ReCreate (default), InPlaceIfPossible or InPlaceOnly.
	PodUpdatePolicy PodUpdateStrategyType
	// Paused stops the update.
	Paused bool
	// UnorderedUpdate updates pods by priority instead of ordinal; needs Parallel.
	UnorderedUpdate *UnorderedUpdateStrategy
	// InPlaceUpdateStrategy tunes in-place updates.
	InPlaceUpdateStrategy *pub.InPlaceUpdateStrategy
	// MinReadySeconds an updated pod must be ready before the next one is updated (0..300).
	MinReadySeconds *int32
}

// UnorderedUpdateStrategy orders updates by priority.
type UnorderedUpdateStrategy struct {
	// PriorityStrategy orders pods for update.
	PriorityStrategy *pub.UpdatePriorityStrategy
}

// PodUpdateStrategyType is how one pod moves to a new revision.
type PodUpdateStrategyType string

// Pod update policies.
const (
	RecreatePodUpdateStrategyType          PodUpdateStrategyType = "ReCreate"
	InPlaceIfPossiblePodUpdateStrategyType PodUpdateStrategyType = "InPlaceIfPossible"
	InPlaceOnlyPodUpdateStrategyType       PodUpdateStrategyType = "InPlaceOnly"
)

// PersistentVolumeClaimRetentionPolicyType says whether PVCs outlive their pods.
type PersistentVolumeClaimRetentionPolicyType string

// PVC retention policies.
const (
	RetainPersistentVolumeClaimRetentionPolicyType PersistentVolumeClaimRetentionPolicyType = "Retain"
	DeletePersistentVolumeClaimRetentionPolicyType PersistentVolumeClaimRetentionPolicyType = "Delete"
)

// StatefulSetPersistentVolumeClaimRetentionPolicy says what happens to PVCs on delete and scale-down.
type StatefulSetPersistentVolumeClaimRetentionPolicy struct {
	// WhenDeleted applies when the StatefulSet is deleted.
	WhenDeleted PersistentVolumeClaimRetentionPolicyType
	// WhenScaled applies to PVCs of pods removed by a scale-down.
	WhenScaled PersistentVolumeClaimRetentionPolicyType
}

// StatefulSetOrdinals sets the first pod ordinal.
type StatefulSetOrdinals struct {
	// Start is the ordinal of the first pod (0 when unset).
	Start int32
}

// StatefulSetSpec is the desired state of an Advanced StatefulSet.
type StatefulSetSpec struct {
	// Replicas is the desired number of pods (1 when unset).
	Replicas *int32
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector
	// Template describes the pods to create.
	Template v1.PodTemplateSpec
	// VolumeClaimTemplates are PVCs created for each ordinal.
	VolumeClaimTemplates []v1.PersistentVolumeClaim
	// VolumeClaimUpdateStrategy says how template changes reach existing PVCs.
	VolumeClaimUpdateStrategy VolumeClaimUpdateStrategy
	// ServiceName is the headless service giving pods their DNS names.
	ServiceName string
	// PodManagementPolicy is OrderedReady (default) or Parallel.
	PodManagementPolicy appsv1.PodManagementPolicyType
	// UpdateStrategy says how pods move to a new revision.
	UpdateStrategy StatefulSetUpdateStrategy
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	RevisionHistoryLimit *int32
	// ReserveOrdinals are ordinals (integers or "a-b" ranges) that get no pod.
	ReserveOrdinals []intstr.IntOrString
	// Lifecycle hooks around pod creation, in-place update and deletion.
	Lifecycle *pub.Lifecycle
	// ScaleStrategy tunes scaling.
	ScaleStrategy *StatefulSetScaleStrategy
	// PersistentVolumeClaimRetentionPolicy says what happens to PVCs on delete and scale-down.
	PersistentVolumeClaimRetentionPolicy *StatefulSetPersistentVolumeClaimRetentionPolicy
	// Ordinals sets the first pod ordinal.
	Ordinals *StatefulSetOrdinals
}

// StatefulSetScaleStrategy tunes scaling.
type StatefulSetScaleStrategy struct {
	// MaxUnavailable limits unavailable pods while scaling; needs Parallel.
	MaxUnavailable *intstr.IntOrString
}

// StatefulSetStatus is the observed state of an Advanced StatefulSet.
type StatefulSetStatus struct {
	ObservedGeneration       int64
	Replicas                 int32
	ReadyReplicas            int32
	AvailableReplicas        int32
	CurrentReplicas          int32
	UpdatedReplicas          int32
	UpdatedReadyReplicas     int32
	UpdatedAvailableReplicas int32
	CurrentRevision          string
	UpdateRevision           string
	CollisionCount           *int32
	Conditions               []appsv1.StatefulSetCondition
	// LabelSelector is the selector in string form, for the scale subresource.
	LabelSelector string
	// VolumeClaims reports, per template, how many pods' PVCs already match it.
	VolumeClaims []VolumeClaimStatus
}

// Condition types the Advanced StatefulSet controller reports.
const (
	FailedCreatePod appsv1.StatefulSetConditionType = "FailedCreatePod"
	FailedUpdatePod appsv1.StatefulSetConditionType = "FailedUpdatePod"
)

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// StatefulSet (Advanced StatefulSet) manages pods with stable identities, with in-place update,
// reserved ordinals and parallel rolling updates.
type StatefulSet struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   StatefulSetSpec
	Status StatefulSetStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// StatefulSetList is a list of StatefulSets.
type StatefulSetList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []StatefulSet
}

func init() {
	register(&StatefulSet{}, &StatefulSetList{})
}
