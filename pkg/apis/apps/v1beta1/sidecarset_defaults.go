package v1beta1

import (
	"regexp"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

// SetDefaults_SidecarSet fills the SidecarSet defaults. Sidecar containers get only the container-level
// defaults OpenKruise applies to them (no startupProbe defaults, no Kruise imagePullPolicy override), so
// that the sidecar hash of objects written by OpenKruise does not change when read through this server.
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
	DefaultSidecarVolumes(spec.Volumes)
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
			DefaultObjectFieldSelector(from.FieldRef)
		}
	}
	if p := c.ResourcesPolicy; p != nil && p.TargetContainersNameRegex == "" {
		p.TargetContainersNameRegex = ".*"
	}
	DefaultSidecarContainer(&c.Container)
}

// DefaultSidecarContainer applies the Kubernetes container defaults that OpenKruise applies to sidecar
// containers: pull policy from the image tag, termination message, port protocol, env field refs,
// resource rounding, liveness/readiness probe timings and HTTP handler defaults.
func DefaultSidecarContainer(c *v1.Container) {
	if c.ImagePullPolicy == "" {
		if imageTagIsLatest(c.Image) {
			c.ImagePullPolicy = v1.PullAlways
		} else {
			c.ImagePullPolicy = v1.PullIfNotPresent
		}
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = v1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = v1.TerminationMessageReadFile
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = v1.ProtocolTCP
		}
	}
	for i := range c.Env {
		if c.Env[i].ValueFrom != nil {
			DefaultObjectFieldSelector(c.Env[i].ValueFrom.FieldRef)
		}
	}
	roundUpResourceList(c.Resources.Limits)
	roundUpResourceList(c.Resources.Requests)
	for _, p := range []*v1.Probe{c.LivenessProbe, c.ReadinessProbe} {
		if p == nil {
			continue
		}
		if p.TimeoutSeconds == 0 {
			p.TimeoutSeconds = 1
		}
		if p.PeriodSeconds == 0 {
			p.PeriodSeconds = 10
		}
		if p.SuccessThreshold == 0 {
			p.SuccessThreshold = 1
		}
		if p.FailureThreshold == 0 {
			p.FailureThreshold = 3
		}
		defaultHTTPGet(p.HTTPGet)
	}
	if l := c.Lifecycle; l != nil {
		if l.PostStart != nil {
			defaultHTTPGet(l.PostStart.HTTPGet)
		}
		if l.PreStop != nil {
			defaultHTTPGet(l.PreStop.HTTPGet)
		}
	}
}

// DefaultSidecarVolumes applies the volume defaults OpenKruise applies to SidecarSet volumes.
func DefaultSidecarVolumes(volumes []v1.Volume) {
	const defaultMode = int32(0644)
	for i := range volumes {
		src := &volumes[i].VolumeSource
		if *src == (v1.VolumeSource{}) {
			src.EmptyDir = &v1.EmptyDirVolumeSource{}
		}
		if src.HostPath != nil && src.HostPath.Type == nil {
			src.HostPath.Type = ptr.To(v1.HostPathUnset)
		}
		if src.Secret != nil && src.Secret.DefaultMode == nil {
			src.Secret.DefaultMode = ptr.To(defaultMode)
		}
		if src.ConfigMap != nil && src.ConfigMap.DefaultMode == nil {
			src.ConfigMap.DefaultMode = ptr.To(defaultMode)
		}
		if d := src.DownwardAPI; d != nil {
			if d.DefaultMode == nil {
				d.DefaultMode = ptr.To(defaultMode)
			}
			for j := range d.Items {
				DefaultObjectFieldSelector(d.Items[j].FieldRef)
			}
		}
		if p := src.Projected; p != nil {
			if p.DefaultMode == nil {
				p.DefaultMode = ptr.To(defaultMode)
			}
			for j := range p.Sources {
				if d := p.Sources[j].DownwardAPI; d != nil {
					for k := range d.Items {
						DefaultObjectFieldSelector(d.Items[k].FieldRef)
					}
				}
				if t := p.Sources[j].ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
					t.ExpirationSeconds = ptr.To[int64](3600)
				}
			}
		}
	}
}

// DefaultObjectFieldSelector sets apiVersion v1 on a field selector that has none; nil is ignored.
func DefaultObjectFieldSelector(fs *v1.ObjectFieldSelector) {
	if fs != nil && fs.APIVersion == "" {
		fs.APIVersion = "v1"
	}
}

func defaultHTTPGet(h *v1.HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = v1.URISchemeHTTP
	}
}

func roundUpResourceList(list v1.ResourceList) {
	for name, q := range list {
		q.RoundUp(-3)
		list[name] = q
	}
}

// imageReference approximates the container image reference grammar: an optional registry host,
// lower-case path components, an optional tag and an optional digest.
var imageReference = regexp.MustCompile(`^` +
	`(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?` +
	`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*` +
	`(?::([\w][\w.-]{0,127}))?` +
	`(@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`)

// imageTagIsLatest reports whether a valid image reference has the tag "latest" or neither tag nor
// digest; an unparsable reference counts as not latest, as in Kubernetes.
func imageTagIsLatest(image string) bool {
	m := imageReference.FindStringSubmatch(image)
	if m == nil || len(image) > 255+128+80 {
		return false
	}
	name := image
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if m[1] != "" {
		name = strings.TrimSuffix(name, ":"+m[1])
	}
	if len(name) > 255 {
		return false
	}
	return m[1] == "latest" || (m[1] == "" && m[2] == "")
}
