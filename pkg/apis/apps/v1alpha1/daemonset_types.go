package v1alpha1

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// DaemonSetUpdateStrategyType is how daemon pods move to a new revision.
// +enum
type DaemonSetUpdateStrategyType string

// RollingUpdateType is how a rolling update replaces one daemon pod.
// +enum
type RollingUpdateType string

// Daemon set update strategies and rolling update types.
const (
	// RollingUpdateDaemonSetStrategyType replaces pods node by node.
	RollingUpdateDaemonSetStrategyType DaemonSetUpdateStrategyType = "RollingUpdate"
	// OnDeleteDaemonSetStrategyType replaces a pod only after someone deletes it.
	OnDeleteDaemonSetStrategyType DaemonSetUpdateStrategyType = "OnDelete"

	// StandardRollingUpdateType recreates pods, like the upstream DaemonSet.
	StandardRollingUpdateType RollingUpdateType = "Standard"
	// InplaceRollingUpdateType updates images in place where possible.
	InplaceRollingUpdateType RollingUpdateType = "InPlaceIfPossible"
	// DeprecatedSurgingRollingUpdateType is the old name of a Standard update with surge; defaulting
	// turns it into Standard with maxSurge 1 and maxUnavailable 0.
	DeprecatedSurgingRollingUpdateType RollingUpdateType = "Surging"
)

// DaemonSetUpdateStrategy says how daemon pods move to a new revision.
type DaemonSetUpdateStrategy struct {
	// Type is RollingUpdate (default) or OnDelete.
	// +optional
	Type DaemonSetUpdateStrategyType `json:"type,omitempty"`
	// RollingUpdate tunes a RollingUpdate.
	// +optional
	RollingUpdate *RollingUpdateDaemonSet `json:"rollingUpdate,omitempty"`
}

// RollingUpdateDaemonSet tunes a rolling update.
type RollingUpdateDaemonSet struct {
	// Type is Standard (default), InPlaceIfPossible or the deprecated Surging.
	// +optional
	Type RollingUpdateType `json:"rollingUpdateType,omitempty"`
	// MaxUnavailable is how many daemon pods may be down at once (1 when neither limit is set);
	// 0 needs a non-zero maxSurge.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// MaxSurge is how many nodes may run an extra new pod before the old one goes (0 when neither
	// limit is set); 0 needs a non-zero maxUnavailable.
	// +optional
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`
	// Selector limits the update to nodes with these labels.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// Partition is how many (or what percent of) pods stay at the old revision.
	// +optional
	Partition *intstr.IntOrString `json:"partition,omitempty"`
	// Paused stops the update.
	// +optional
	Paused *bool `json:"paused,omitempty"`
}

// DaemonSetSpec is the desired state of an Advanced DaemonSet.
type DaemonSetSpec struct {
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector `json:"selector"`
	// Template describes the pod run on each eligible node.
	Template corev1.PodTemplateSpec `json:"template"`
	// UpdateStrategy says how pods move to a new revision.
	// +optional
	UpdateStrategy DaemonSetUpdateStrategy `json:"updateStrategy,omitempty"`
	// MinReadySeconds a new pod must be ready before it counts as available.
	// +optional
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// BurstReplicas limits how many pods are created at once (250 when unset).
	// +optional
	BurstReplicas *intstr.IntOrString `json:"burstReplicas,omitempty"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	// +optional
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	// Lifecycle hooks; only preDelete is supported.
	// +optional
	Lifecycle *pub.Lifecycle `json:"lifecycle,omitempty"`
}

// DaemonSetStatus is the observed state of an Advanced DaemonSet.
type DaemonSetStatus struct {
	// CurrentNumberScheduled is the number of eligible nodes running a daemon pod.
	CurrentNumberScheduled int32 `json:"currentNumberScheduled"`
	// NumberMisscheduled is the number of ineligible nodes running a daemon pod.
	NumberMisscheduled int32 `json:"numberMisscheduled"`
	// DesiredNumberScheduled is the number of eligible nodes.
	DesiredNumberScheduled int32 `json:"desiredNumberScheduled"`
	// NumberReady is the number of eligible nodes running a ready daemon pod.
	NumberReady int32 `json:"numberReady"`
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// UpdatedNumberScheduled is the number of nodes running a pod at the update revision.
	UpdatedNumberScheduled int32 `json:"updatedNumberScheduled"`
	// NumberAvailable is the number of eligible nodes running an available daemon pod.
	// +optional
	NumberAvailable int32 `json:"numberAvailable,omitempty"`
	// NumberUnavailable is the number of eligible nodes without an available daemon pod.
	// +optional
	NumberUnavailable int32 `json:"numberUnavailable,omitempty"`
	// CollisionCount disambiguates revision names when hashes collide.
	// +optional
	CollisionCount *int32 `json:"collisionCount,omitempty"`
	// Conditions of the DaemonSet.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +patchMergeKey=type
	// +patchStrategy=merge
	Conditions []appsv1.DaemonSetCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// DaemonSetHash is the revision hash of the current template (updateRevision in v1beta1).
	// +optional
	DaemonSetHash string `json:"daemonSetHash,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// DaemonSet (Advanced DaemonSet) runs one pod per eligible node, with in-place update,
// surge and partitioned rolling updates.
type DaemonSet struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec DaemonSetSpec `json:"spec,omitempty"`
	// +optional
	Status DaemonSetStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// DaemonSetList is a list of DaemonSets.
type DaemonSetList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []DaemonSet `json:"items"`
}

func init() {
	register(&DaemonSet{}, &DaemonSetList{})
}
