package v1alpha1

import (
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// SetDefaults_SidecarSet fills the SidecarSet defaults; they are the same as in v1beta1.
//
// It covers all defaulting of the object: the declarative defaults of the embedded Kubernetes types
// are not applied, because OpenKruise never applied them and adding them to stored objects would
// change their templates (and hashes) when read.
// +k8s:defaulter-gen=covers
func SetDefaults_SidecarSet(obj *SidecarSet) {
	spec := &obj.Spec
	s := &spec.UpdateStrategy
	if s.Type == "" {
		s.Type = RollingUpdateSidecarSetStrategyType
	}
	if s.MaxUnavailable == nil {
		s.MaxUnavailable = ptr.To(intstr.FromInt32(1))
	}
	if s.Partition == nil {
		s.Partition = ptr.To(intstr.FromInt32(0))
	}
	for i := range spec.InitContainers {
		setDefaultsSidecarContainer(&spec.InitContainers[i], AfterAppContainerType)
	}
	for i := range spec.Containers {
		setDefaultsSidecarContainer(&spec.Containers[i], BeforeAppContainerType)
	}
	v1beta1.DefaultSidecarVolumes(spec.Volumes)
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	for i := range spec.PatchPodMetadata {
		if spec.PatchPodMetadata[i].PatchPolicy == "" {
			spec.PatchPodMetadata[i].PatchPolicy = SidecarSetRetainPatchPolicy
		}
	}
	if r := spec.InjectionStrategy.Revision; r != nil && r.Policy == "" {
		r.Policy = AlwaysSidecarSetInjectRevisionPolicy
	}
}

func setDefaultsSidecarContainer(c *SidecarContainer, policy PodInjectPolicyType) {
	if c.PodInjectPolicy == "" {
		c.PodInjectPolicy = policy
	}
	if c.UpgradeStrategy.UpgradeType == "" {
		c.UpgradeStrategy.UpgradeType = SidecarContainerColdUpgrade
	}
	if c.ShareVolumePolicy.Type == "" {
		c.ShareVolumePolicy.Type = ShareVolumePolicyDisabled
	}
	for i := range c.TransferEnv {
		if from := c.TransferEnv[i].SourceContainerNameFrom; from != nil {
			v1beta1.DefaultObjectFieldSelector(from.FieldRef)
		}
	}
	if p := c.ResourcesPolicy; p != nil && p.TargetContainersNameRegex == "" {
		p.TargetContainersNameRegex = ".*"
	}
	v1beta1.DefaultSidecarContainer(&c.Container)
}
