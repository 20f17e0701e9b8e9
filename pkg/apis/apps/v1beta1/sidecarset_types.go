package v1beta1

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
)

// SidecarSetSpec is the desired state of a SidecarSet.
type SidecarSetSpec struct {
	// Selector picks the pods to inject into.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// NamespaceSelector picks the namespaces; unset means all of them.
	// +optional
	NamespaceSelector *metav1.LabelSelector `json:"namespaceSelector,omitempty"`
	// InitContainers are injected when a pod is created.
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	InitContainers []SidecarContainer `json:"initContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Containers are injected and kept up to date.
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	Containers []SidecarContainer `json:"containers,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Volumes the sidecars may mount.
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	Volumes []v1.Volume `json:"volumes,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// UpdateStrategy controls updates of already injected pods.
	// +optional
	UpdateStrategy SidecarSetUpdateStrategy `json:"updateStrategy,omitempty"`
	// InjectionStrategy controls injection into new pods.
	// +optional
	InjectionStrategy SidecarSetInjectionStrategy `json:"injectionStrategy,omitempty"`
	// ImagePullSecrets are added to injected pods.
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	ImagePullSecrets []v1.LocalObjectReference `json:"imagePullSecrets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep (10 when unset).
	// +optional
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	// PatchPodMetadata lists pod annotations to set on injection or update.
	// +optional
	// +listType=atomic
	PatchPodMetadata []SidecarSetPatchPodMetadata `json:"patchPodMetadata,omitempty"`
	// CustomVersion labels the ControllerRevisions of this SidecarSet.
	// +optional
	CustomVersion string `json:"customVersion,omitempty"`
}

// SidecarSetPatchPodMetadata is a set of pod annotations and how to apply them.
type SidecarSetPatchPodMetadata struct {
	// Annotations to set on the pod.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
	// PatchPolicy is Retain (default), Overwrite or MergePatchJson.
	// +optional
	PatchPolicy SidecarSetPatchPolicyType `json:"patchPolicy,omitempty"`
}

// SidecarSetPatchPolicyType is how patched annotations meet existing ones.
// +enum
type SidecarSetPatchPolicyType string

// Patch policies.
const (
	// SidecarSetRetainPatchPolicy keeps the pod's value on conflict; applied on injection only.
	SidecarSetRetainPatchPolicy SidecarSetPatchPolicyType = "Retain"
	// SidecarSetOverwritePatchPolicy replaces the pod's value, also on in-place update.
	SidecarSetOverwritePatchPolicy SidecarSetPatchPolicyType = "Overwrite"
	// SidecarSetMergePatchJsonPatchPolicy merges JSON values as a JSON merge patch.
	SidecarSetMergePatchJsonPatchPolicy SidecarSetPatchPolicyType = "MergePatchJson"
)

// SidecarContainer is a container to inject plus Kruise's injection settings.
type SidecarContainer struct {
	v1.Container `json:",inline"`
	// PodInjectPolicy places the container before (default for containers) or after the pod's own containers.
	// +optional
	PodInjectPolicy PodInjectPolicyType `json:"podInjectPolicy,omitempty"`
	// UpgradeStrategy is cold (recreate, default) or hot (swap with a standby container).
	// +optional
	UpgradeStrategy SidecarContainerUpgradeStrategy `json:"upgradeStrategy,omitempty"`
	// ShareVolumePolicy mounts the other containers' volume mounts into the sidecar.
	// +optional
	ShareVolumePolicy ShareVolumePolicy `json:"shareVolumePolicy,omitempty"`
	// ShareVolumeDevicePolicy does the same for volume devices; a pointer so the hash of older objects is unchanged.
	// +optional
	ShareVolumeDevicePolicy *ShareVolumePolicy `json:"shareVolumeDevicePolicy,omitempty"`
	// TransferEnv copies env vars from other containers of the pod.
	// +optional
	// +listType=atomic
	TransferEnv []TransferEnvVar `json:"transferEnv,omitempty"`
	// ResourcesPolicy computes the sidecar's resources from the pod's containers at creation.
	// +optional
	ResourcesPolicy *ResourcesPolicy `json:"resourcesPolicy,omitempty"`
}

// ShareVolumePolicy enables or disables sharing.
type ShareVolumePolicy struct {
	// Type is enabled or disabled (default).
	// +optional
	Type ShareVolumePolicyType `json:"type,omitempty"`
}

// PodInjectPolicyType is where a sidecar container goes.
// +enum
type PodInjectPolicyType string

// Inject policies.
const (
	BeforeAppContainerType PodInjectPolicyType = "BeforeAppContainer"
	AfterAppContainerType  PodInjectPolicyType = "AfterAppContainer"
)

// ShareVolumePolicyType is enabled or disabled.
// +enum
type ShareVolumePolicyType string

// Share volume policies.
const (
	ShareVolumePolicyEnabled  ShareVolumePolicyType = "enabled"
	ShareVolumePolicyDisabled ShareVolumePolicyType = "disabled"
)

// TransferEnvVar copies env vars from a container of the pod.
type TransferEnvVar struct {
	// SourceContainerName names the container to copy from.
	// +optional
	SourceContainerName string `json:"sourceContainerName,omitempty"`
	// SourceContainerNameFrom reads the container name from a pod label or annotation.
	// +optional
	SourceContainerNameFrom *SourceContainerNameSource `json:"sourceContainerNameFrom,omitempty"`
	// EnvName is one env var to copy.
	// +optional
	EnvName string `json:"envName,omitempty"`
	// EnvNames are more env vars to copy.
	// +optional
	// +listType=atomic
	EnvNames []string `json:"envNames,omitempty"`
}

// SourceContainerNameSource reads the source container name from the pod's metadata.
type SourceContainerNameSource struct {
	// FieldRef is metadata.labels['<key>'] or metadata.annotations['<key>'].
	// +optional
	FieldRef *v1.ObjectFieldSelector `json:"fieldRef,omitempty"`
}

// ResourcesPolicy derives a sidecar's resources from the pod's other containers.
type ResourcesPolicy struct {
	// TargetContainersMode aggregates the targets' resources by sum or max.
	TargetContainersMode TargetContainersModeType `json:"targetContainersMode"`
	// TargetContainersNameRegex picks the target containers (".*" when unset).
	// +optional
	TargetContainersNameRegex string `json:"targetContainersNameRegex,omitempty"`
	// ResourcesExpr holds the expressions for limits and requests.
	ResourcesExpr ResourcesExpr `json:"resourcesExpr"`
}

// TargetContainersModeType is how the target containers' resources are aggregated.
// +enum
type TargetContainersModeType string

// Aggregation modes.
const (
	TargetContainersModeSum TargetContainersModeType = "sum"
	TargetContainersModeMax TargetContainersModeType = "max"
)

// ResourcesExpr holds the expressions for limits and requests.
type ResourcesExpr struct {
	// +optional
	Limits *ResourceExprLimits `json:"limits,omitempty"`
	// +optional
	Requests *ResourceExprRequests `json:"requests,omitempty"`
}

// ResourceExprLimits are expressions for the limits, over the variable cpu or memory,
// with + - * /, parentheses, max(a,b) and min(a,b).
type ResourceExprLimits struct {
	// +optional
	CPU string `json:"cpu,omitempty"`
	// +optional
	Memory string `json:"memory,omitempty"`
}

// ResourceExprRequests are expressions for the requests, with the same syntax as the limits.
type ResourceExprRequests struct {
	// +optional
	CPU string `json:"cpu,omitempty"`
	// +optional
	Memory string `json:"memory,omitempty"`
}

// SidecarContainerUpgradeType is ColdUpgrade or HotUpgrade.
// +enum
type SidecarContainerUpgradeType string

// Upgrade types.
const (
	SidecarContainerColdUpgrade SidecarContainerUpgradeType = "ColdUpgrade"
	SidecarContainerHotUpgrade  SidecarContainerUpgradeType = "HotUpgrade"
)

// SidecarContainerUpgradeStrategy is how a sidecar container is upgraded.
type SidecarContainerUpgradeStrategy struct {
	// UpgradeType is ColdUpgrade (default) or HotUpgrade.
	// +optional
	UpgradeType SidecarContainerUpgradeType `json:"upgradeType,omitempty"`
	// HotUpgradeEmptyImage is the idle image the standby container runs during a hot upgrade.
	// +optional
	HotUpgradeEmptyImage string `json:"hotUpgradeEmptyImage,omitempty"`
}

// SidecarSetInjectionStrategy controls injection into new pods.
type SidecarSetInjectionStrategy struct {
	// Paused stops injection into new pods.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// Revision injects a recorded revision instead of the latest one.
	// +optional
	Revision *SidecarSetInjectRevision `json:"revision,omitempty"`
}

// SidecarSetInjectRevision selects a ControllerRevision to inject.
type SidecarSetInjectRevision struct {
	// CustomVersion selects the revision by its custom version.
	// +optional
	CustomVersion *string `json:"customVersion,omitempty"`
	// RevisionName selects the revision by name.
	// +optional
	RevisionName *string `json:"revisionName,omitempty"`
	// Policy is Always (default) or Partial.
	// +optional
	Policy SidecarSetInjectRevisionPolicy `json:"policy,omitempty"`
}

// SidecarSetInjectRevisionPolicy is Always or Partial.
// +enum
type SidecarSetInjectRevisionPolicy string

// Inject revision policies.
const (
	// AlwaysSidecarSetInjectRevisionPolicy injects the chosen revision into every new pod.
	AlwaysSidecarSetInjectRevisionPolicy SidecarSetInjectRevisionPolicy = "Always"
	// PartialSidecarSetInjectRevisionPolicy injects the latest revision into the pods the update strategy selects.
	PartialSidecarSetInjectRevisionPolicy SidecarSetInjectRevisionPolicy = "Partial"
)

// SidecarSetUpdateStrategy controls in-place updates of injected sidecars.
type SidecarSetUpdateStrategy struct {
	// Type is RollingUpdate (default) or NotUpdate.
	// +optional
	Type SidecarSetUpdateStrategyType `json:"type,omitempty"`
	// Paused stops updating injected pods.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// Selector limits the update to the selected pods.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// Partition is the number or percent of pods kept at old revisions (0 when unset).
	// +optional
	Partition *intstr.IntOrString `json:"partition,omitempty"`
	// MaxUnavailable is how many pods may be unavailable during the update (1 when unset).
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// PriorityStrategy orders pods for update.
	// +optional
	PriorityStrategy *pub.UpdatePriorityStrategy `json:"priorityStrategy,omitempty"`
	// ScatterStrategy spreads pods with the same labels across the update order.
	// +optional
	ScatterStrategy UpdateScatterStrategy `json:"scatterStrategy,omitempty"`
}

// SidecarSetUpdateStrategyType is NotUpdate or RollingUpdate.
// +enum
type SidecarSetUpdateStrategyType string

// Update strategy types.
const (
	NotUpdateSidecarSetStrategyType     SidecarSetUpdateStrategyType = "NotUpdate"
	RollingUpdateSidecarSetStrategyType SidecarSetUpdateStrategyType = "RollingUpdate"
)

// SidecarSetStatus is the observed state of a SidecarSet.
type SidecarSetStatus struct {
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// MatchedPods is the number of pods the selectors match.
	MatchedPods int32 `json:"matchedPods"`
	// UpdatedPods is the number of matched pods at the latest revision.
	UpdatedPods int32 `json:"updatedPods"`
	// ReadyPods is the number of matched pods that are ready.
	ReadyPods int32 `json:"readyPods"`
	// UpdatedReadyPods is the number of matched pods at the latest revision and ready.
	// +optional
	UpdatedReadyPods int32 `json:"updatedReadyPods,omitempty"`
	// LatestRevision names the newest ControllerRevision.
	// +optional
	LatestRevision string `json:"latestRevision,omitempty"`
	// CollisionCount disambiguates revision names when hashes collide.
	// +optional
	CollisionCount *int32 `json:"collisionCount,omitempty"`
}

// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// SidecarSet injects sidecar containers into matching pods and keeps them updated.
type SidecarSet struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   SidecarSetSpec   `json:"spec,omitempty"`
	Status SidecarSetStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// SidecarSetList is a list of SidecarSets.
type SidecarSetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []SidecarSet `json:"items"`
}

func init() {
	register(&SidecarSet{}, &SidecarSetList{})
}
