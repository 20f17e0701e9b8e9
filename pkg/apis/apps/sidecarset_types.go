package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// Well-known keys of SidecarSet.
const (
	// SidecarSetCustomVersionLabel is the v1alpha1 label form of spec.customVersion; ControllerRevisions carry it too.
	SidecarSetCustomVersionLabel = "apps.kruise.io/sidecarset-custom-version"
	// SidecarSetCanaryAnnotation set to "true" marks a canary SidecarSet that takes precedence over its base.
	SidecarSetCanaryAnnotation = "apps.kruise.io/sidecarset-canary"
	// SidecarSetBaseAnnotation names the base SidecarSet of a canary.
	SidecarSetBaseAnnotation = "apps.kruise.io/sidecarset-base"
	// SidecarSetHashAnnotation holds the hash of the sidecar containers.
	SidecarSetHashAnnotation = "kruise.io/sidecarset-hash"
	// SidecarSetHashWithoutImageAnnotation holds the same hash computed with images blanked.
	SidecarSetHashWithoutImageAnnotation = "kruise.io/sidecarset-hash-without-image"
)

// SidecarSetSpec is the desired state of a SidecarSet.
type SidecarSetSpec struct {
	// Selector picks the pods to inject into.
	Selector *metav1.LabelSelector
	// NamespaceSelector picks the namespaces; nil means all of them.
	NamespaceSelector *metav1.LabelSelector
	// InitContainers are injected when a pod is created.
	InitContainers []SidecarContainer
	// Containers are injected and kept up to date.
	Containers []SidecarContainer
	// Volumes the sidecars may mount.
	Volumes []v1.Volume
	// UpdateStrategy controls updates of already injected pods.
	UpdateStrategy SidecarSetUpdateStrategy
	// InjectionStrategy controls injection into new pods.
	InjectionStrategy SidecarSetInjectionStrategy
	// ImagePullSecrets are added to injected pods.
	ImagePullSecrets []v1.LocalObjectReference
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	RevisionHistoryLimit *int32
	// PatchPodMetadata lists pod annotations to set on injection or update.
	PatchPodMetadata []SidecarSetPatchPodMetadata
	// CustomVersion labels the ControllerRevisions of this SidecarSet.
	CustomVersion string
}

// SidecarSetPatchPodMetadata is a set of pod annotations and how to apply them.
type SidecarSetPatchPodMetadata struct {
	Annotations map[string]string
	PatchPolicy SidecarSetPatchPolicyType
}

// SidecarSetPatchPolicyType is how patched annotations meet existing ones.
type SidecarSetPatchPolicyType string

// Patch policies.
const (
	SidecarSetRetainPatchPolicy         SidecarSetPatchPolicyType = "Retain"
	SidecarSetOverwritePatchPolicy      SidecarSetPatchPolicyType = "Overwrite"
	SidecarSetMergePatchJsonPatchPolicy SidecarSetPatchPolicyType = "MergePatchJson"
)

// SidecarContainer is a container to inject plus Kruise's injection settings.
type SidecarContainer struct {
	v1.Container
	// PodInjectPolicy places the container before or after the pod's own containers.
	PodInjectPolicy PodInjectPolicyType
	// UpgradeStrategy is cold (recreate) or hot (swap with a standby container).
	UpgradeStrategy SidecarContainerUpgradeStrategy
	// ShareVolumePolicy mounts the other containers' volume mounts into the sidecar.
	ShareVolumePolicy ShareVolumePolicy
	// ShareVolumeDevicePolicy does the same for volume devices.
	ShareVolumeDevicePolicy *ShareVolumePolicy
	// TransferEnv copies env vars from other containers of the pod.
	TransferEnv []TransferEnvVar
	// ResourcesPolicy computes the sidecar's resources from the pod's containers.
	ResourcesPolicy *ResourcesPolicy
}

// ShareVolumePolicy enables or disables sharing.
type ShareVolumePolicy struct {
	Type ShareVolumePolicyType
}

// PodInjectPolicyType is where a sidecar container goes.
type PodInjectPolicyType string

// Inject policies.
const (
	BeforeAppContainerType PodInjectPolicyType = "BeforeAppContainer"
	AfterAppContainerType  PodInjectPolicyType = "AfterAppContainer"
)

// ShareVolumePolicyType is enabled or disabled.
type ShareVolumePolicyType string

// Share volume policies.
const (
	ShareVolumePolicyEnabled  ShareVolumePolicyType = "enabled"
	ShareVolumePolicyDisabled ShareVolumePolicyType = "disabled"
)

// TransferEnvVar copies env vars from a container of the pod.
type TransferEnvVar struct {
	SourceContainerName     string
	SourceContainerNameFrom *SourceContainerNameSource
	EnvName                 string
	EnvNames                []string
}

// SourceContainerNameSource reads the source container name from the pod's metadata.
type SourceContainerNameSource struct {
	FieldRef *v1.ObjectFieldSelector
}

// ResourcesPolicy derives a sidecar's resources from the pod's other containers.
type ResourcesPolicy struct {
	TargetContainersMode      TargetContainersModeType
	TargetContainersNameRegex string
	ResourcesExpr             ResourcesExpr
}

// TargetContainersModeType is how the target containers' resources are aggregated.
type TargetContainersModeType string

// Aggregation modes.
const (
	TargetContainersModeSum TargetContainersModeType = "sum"
	TargetContainersModeMax TargetContainersModeType = "max"
)

// ResourcesExpr holds the expressions for limits and requests.
type ResourcesExpr struct {
	Limits   *ResourceExprLimits
	Requests *ResourceExprRequests
}

// ResourceExprLimits are expressions over cpu and memory for the limits.
type ResourceExprLimits struct {
	CPU    string
	Memory string
}

// ResourceExprRequests are expressions over cpu and memory for the requests.
type ResourceExprRequests struct {
	CPU    string
	Memory string
}

// SidecarContainerUpgradeType is ColdUpgrade or HotUpgrade.
type SidecarContainerUpgradeType string

// Upgrade types.
const (
	SidecarContainerColdUpgrade SidecarContainerUpgradeType = "ColdUpgrade"
	SidecarContainerHotUpgrade  SidecarContainerUpgradeType = "HotUpgrade"
)

// SidecarContainerUpgradeStrategy is how a sidecar container is upgraded.
type SidecarContainerUpgradeStrategy struct {
	UpgradeType          SidecarContainerUpgradeType
	HotUpgradeEmptyImage string
}

// SidecarSetInjectionStrategy controls injection into new pods.
type SidecarSetInjectionStrategy struct {
	// Paused stops injection into new pods.
	Paused bool
	// Revision injects a recorded revision instead of the latest one.
	Revision *SidecarSetInjectRevision
}

// SidecarSetInjectRevision selects a ControllerRevision to inject.
type SidecarSetInjectRevision struct {
	CustomVersion *string
	RevisionName  *string
	Policy        SidecarSetInjectRevisionPolicy
}

// SidecarSetInjectRevisionPolicy is Always or Partial.
type SidecarSetInjectRevisionPolicy string

// Inject revision policies.
const (
	AlwaysSidecarSetInjectRevisionPolicy  SidecarSetInjectRevisionPolicy = "Always"
	PartialSidecarSetInjectRevisionPolicy SidecarSetInjectRevisionPolicy = "Partial"
)

// SidecarSetUpdateStrategy controls in-place updates of injected sidecars.
type SidecarSetUpdateStrategy struct {
	Type             SidecarSetUpdateStrategyType
	Paused           bool
	Selector         *metav1.LabelSelector
	Partition        *intstr.IntOrString
	MaxUnavailable   *intstr.IntOrString
	PriorityStrategy *pub.UpdatePriorityStrategy
	ScatterStrategy  UpdateScatterStrategy
}

// SidecarSetUpdateStrategyType is NotUpdate or RollingUpdate.
type SidecarSetUpdateStrategyType string

// Update strategy types.
const (
	NotUpdateSidecarSetStrategyType     SidecarSetUpdateStrategyType = "NotUpdate"
	RollingUpdateSidecarSetStrategyType SidecarSetUpdateStrategyType = "RollingUpdate"
)

// SidecarSetStatus is the observed state of a SidecarSet.
type SidecarSetStatus struct {
	ObservedGeneration int64
	MatchedPods        int32
	UpdatedPods        int32
	ReadyPods          int32
	UpdatedReadyPods   int32
	LatestRevision     string
	CollisionCount     *int32
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// SidecarSet injects sidecar containers into matching pods and keeps them updated.
type SidecarSet struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   SidecarSetSpec
	Status SidecarSetStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// SidecarSetList is a list of SidecarSets.
type SidecarSetList struct {
	metav1.TypeMeta
	metav1.ListMeta

	Items []SidecarSet
}

func init() {
	register(&SidecarSet{}, &SidecarSetList{})
}
