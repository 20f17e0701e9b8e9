package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// DaemonSetUpdateStrategyType is how daemon pods move to a new revision.
type DaemonSetUpdateStrategyType string

// RollingUpdateType is how a rolling update replaces one daemon pod.
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
)

// DaemonSetUpdateStrategy says how daemon pods move to a new revision.
type DaemonSetUpdateStrategy struct {
	// Type is RollingUpdate (default) or OnDelete.
	Type DaemonSetUpdateStrategyType
	// RollingUpdate tunes a RollingUpdate.
	RollingUpdate *RollingUpdateDaemonSet
}

// RollingUpdateDaemonSet tunes a rolling update.
type RollingUpdateDaemonSet struct {
	// Type is Standard (default) or InPlaceIfPossible.
	Type RollingUpdateType
	// MaxUnavailable is how many daemon pods may be down at once; 0 needs a non-zero MaxSurge.
	MaxUnavailable *intstr.IntOrString
	// MaxSurge is how many nodes may run an extra new pod before the old one goes; 0 needs a non-zero MaxUnavailable.
	MaxSurge *intstr.IntOrString
	// Selector limits the update to nodes with these labels.
	Selector *metav1.LabelSelector
	// Partition is how many (or what percent of) pods stay at the old revision.
	Partition *intstr.IntOrString
	// Paused stops the update.
	Paused *bool
}

// DaemonSetSpec is the desired state of an Advanced DaemonSet.
type DaemonSetSpec struct {
	// Selector must match the template's labels.
	Selector *metav1.LabelSelector
	// Template describes the pod run on each eligible node.
	Template v1.PodTemplateSpec
	// UpdateStrategy says how pods move to a new revision.
	UpdateStrategy DaemonSetUpdateStrategy
	// MinReadySeconds a new pod must be ready before it counts as available.
	MinReadySeconds int32
	// BurstReplicas limits how many pods are created at once (250 when unset).
	BurstReplicas *intstr.IntOrString
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	RevisionHistoryLimit *int32
	// Lifecycle hooks; only preDelete is supported.
	Lifecycle *pub.Lifecycle
	// ScaleStrategy tunes creation of pods on new nodes.
	ScaleStrategy *DaemonSetScaleStrategy
}

// DaemonSetScaleStrategy tunes creation of pods on new nodes.
type DaemonSetScaleStrategy struct {
	// PartitionedScaling makes the rolling update partition hold back pods for new nodes too.
	PartitionedScaling bool
}

// DaemonSetStatus is the observed state of an Advanced DaemonSet.
type DaemonSetStatus struct {
	CurrentNumberScheduled int32
	NumberMisscheduled     int32
	DesiredNumberScheduled int32
	NumberReady            int32
	ObservedGeneration     int64
	UpdatedNumberScheduled int32
	NumberAvailable        int32
	NumberUnavailable      int32
	CollisionCount         *int32
	Conditions             []appsv1.DaemonSetCondition
	// UpdateRevision is the revision hash of the current template (daemonSetHash in v1alpha1).
	UpdateRevision string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// DaemonSet (Advanced DaemonSet) runs one pod per eligible node, with in-place update,
// surge and partitioned rolling updates.
type DaemonSet struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   DaemonSetSpec
	Status DaemonSetStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// DaemonSetList is a list of DaemonSets.
type DaemonSetList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []DaemonSet
}

func init() {
	register(&DaemonSet{}, &DaemonSetList{})
}
