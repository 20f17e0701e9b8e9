package podtemplate

import (
	corev1 "k8s.io/api/core/v1"
)

// Default values applied by the core/v1 scheme. The numeric ones have no
// exported constant in k8s.io/api.
const (
	defaultProbeTimeoutSeconds     int32 = 1
	defaultProbePeriodSeconds      int32 = 10
	defaultProbeSuccessThreshold   int32 = 1
	defaultProbeFailureThreshold   int32 = 3
	defaultTokenExpirationSeconds  int64 = 60 * 60
	defaultISCSIInterface                = "default"
	defaultRBDPool                       = "rbd"
	defaultRBDUser                       = "admin"
	defaultRBDKeyring                    = "/etc/ceph/keyring"
	defaultAzureDiskFSType               = "ext4"
	defaultScaleIOStorageMode            = "ThinProvisioned"
	defaultScaleIOFSType                 = "xfs"
	resourceRoundingScale                = -3 // quantities are rounded up to milli precision
	defaultFieldSelectorAPIVersion       = "v1"
)

// SetDefaultsPodTemplate applies, in place, the defaults kube-apiserver gives
// the pod template of a workload, plus OpenKruise's imagePullPolicy rule:
// a regular container without imagePullPolicy gets Always whatever its image
// tag, so that an in-place image update always pulls. Init and ephemeral
// containers keep the upstream rule (Always only for the "latest" tag), as
// OpenKruise does. A nil template is left alone.
//
// Defaults that kube-apiserver applies only to Pods (requests copied from
// limits, enableServiceLinks, hostPort copied from containerPort under
// hostNetwork, pod-level resource defaults) are deliberately not applied:
// they materialise when the controller creates the Pod.
func SetDefaultsPodTemplate(t *corev1.PodTemplateSpec) {
	if t == nil {
		return
	}
	setDefaultsPodSpec(&t.Spec)
}

func setDefaultsPodSpec(spec *corev1.PodSpec) {
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = corev1.DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = corev1.RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &corev1.PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		grace := int64(corev1.DefaultTerminationGracePeriodSeconds)
		spec.TerminationGracePeriodSeconds = &grace
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = corev1.DefaultSchedulerName
	}

	for i := range spec.Volumes {
		setDefaultsVolume(&spec.Volumes[i])
	}
	for i := range spec.InitContainers {
		setDefaultsContainer(&spec.InitContainers[i], false)
	}
	for i := range spec.Containers {
		setDefaultsContainer(&spec.Containers[i], true)
	}
	for i := range spec.EphemeralContainers {
		setDefaultsContainer((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon), false)
	}

	roundResourceList(spec.Overhead)
	if spec.Resources != nil {
		roundResourceList(spec.Resources.Limits)
		roundResourceList(spec.Resources.Requests)
	}
}

// setDefaultsContainer defaults one container. alwaysPull selects the
// OpenKruise rule for an unset imagePullPolicy.
func setDefaultsContainer(c *corev1.Container, alwaysPull bool) {
	if c.ImagePullPolicy == "" {
		if alwaysPull {
			c.ImagePullPolicy = corev1.PullAlways
		} else {
			c.ImagePullPolicy = pullPolicyForImage(c.Image)
		}
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}

	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = corev1.ProtocolTCP
		}
	}
	for i := range c.Env {
		src := c.Env[i].ValueFrom
		if src == nil {
			continue
		}
		if src.FieldRef != nil {
			setDefaultsFieldSelector(src.FieldRef)
		}
		if src.FileKeyRef != nil && src.FileKeyRef.Optional == nil {
			optional := false
			src.FileKeyRef.Optional = &optional
		}
	}

	roundResourceList(c.Resources.Limits)
	roundResourceList(c.Resources.Requests)

	setDefaultsProbe(c.LivenessProbe)
	setDefaultsProbe(c.ReadinessProbe)
	setDefaultsProbe(c.StartupProbe)
	if c.Lifecycle != nil {
		if c.Lifecycle.PostStart != nil {
			setDefaultsHTTPGet(c.Lifecycle.PostStart.HTTPGet)
		}
		if c.Lifecycle.PreStop != nil {
			setDefaultsHTTPGet(c.Lifecycle.PreStop.HTTPGet)
		}
	}
}

func setDefaultsProbe(p *corev1.Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = defaultProbeTimeoutSeconds
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = defaultProbePeriodSeconds
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = defaultProbeSuccessThreshold
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = defaultProbeFailureThreshold
	}
	setDefaultsHTTPGet(p.HTTPGet)
	if p.GRPC != nil && p.GRPC.Service == nil {
		service := ""
		p.GRPC.Service = &service
	}
}

func setDefaultsHTTPGet(h *corev1.HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = corev1.URISchemeHTTP
	}
}

func setDefaultsFieldSelector(f *corev1.ObjectFieldSelector) {
	if f.APIVersion == "" {
		f.APIVersion = defaultFieldSelectorAPIVersion
	}
}

func setDefaultsVolume(v *corev1.Volume) {
	src := &v.VolumeSource
	if countVolumeSources(src) == 0 {
		src.EmptyDir = &corev1.EmptyDirVolumeSource{}
	}

	if src.HostPath != nil && src.HostPath.Type == nil {
		unset := corev1.HostPathUnset
		src.HostPath.Type = &unset
	}
	if src.Secret != nil && src.Secret.DefaultMode == nil {
		src.Secret.DefaultMode = int32Ptr(corev1.SecretVolumeSourceDefaultMode)
	}
	if src.ConfigMap != nil && src.ConfigMap.DefaultMode == nil {
		src.ConfigMap.DefaultMode = int32Ptr(corev1.ConfigMapVolumeSourceDefaultMode)
	}
	if src.DownwardAPI != nil {
		if src.DownwardAPI.DefaultMode == nil {
			src.DownwardAPI.DefaultMode = int32Ptr(corev1.DownwardAPIVolumeSourceDefaultMode)
		}
		setDefaultsDownwardAPIFiles(src.DownwardAPI.Items)
	}
	if src.Projected != nil {
		if src.Projected.DefaultMode == nil {
			src.Projected.DefaultMode = int32Ptr(corev1.ProjectedVolumeSourceDefaultMode)
		}
		for i := range src.Projected.Sources {
			proj := &src.Projected.Sources[i]
			if proj.DownwardAPI != nil {
				setDefaultsDownwardAPIFiles(proj.DownwardAPI.Items)
			}
			if proj.ServiceAccountToken != nil && proj.ServiceAccountToken.ExpirationSeconds == nil {
				expiration := defaultTokenExpirationSeconds
				proj.ServiceAccountToken.ExpirationSeconds = &expiration
			}
		}
	}
	if src.Image != nil && src.Image.PullPolicy == "" {
		src.Image.PullPolicy = pullPolicyForImage(src.Image.Reference)
	}
	if src.Ephemeral != nil && src.Ephemeral.VolumeClaimTemplate != nil {
		setDefaultsPVCSpec(&src.Ephemeral.VolumeClaimTemplate.Spec)
	}

	// Declarative (+default) values of the legacy in-tree volume types.
	if src.ISCSI != nil && src.ISCSI.ISCSIInterface == "" {
		src.ISCSI.ISCSIInterface = defaultISCSIInterface
	}
	if src.RBD != nil {
		if src.RBD.RBDPool == "" {
			src.RBD.RBDPool = defaultRBDPool
		}
		if src.RBD.RadosUser == "" {
			src.RBD.RadosUser = defaultRBDUser
		}
		if src.RBD.Keyring == "" {
			src.RBD.Keyring = defaultRBDKeyring
		}
	}
	if d := src.AzureDisk; d != nil {
		if d.CachingMode == nil {
			mode := corev1.AzureDataDiskCachingReadWrite
			d.CachingMode = &mode
		}
		if d.FSType == nil {
			fsType := defaultAzureDiskFSType
			d.FSType = &fsType
		}
		if d.ReadOnly == nil {
			readOnly := false
			d.ReadOnly = &readOnly
		}
		if d.Kind == nil {
			kind := corev1.AzureSharedBlobDisk
			d.Kind = &kind
		}
	}
	if src.ScaleIO != nil {
		if src.ScaleIO.StorageMode == "" {
			src.ScaleIO.StorageMode = defaultScaleIOStorageMode
		}
		if src.ScaleIO.FSType == "" {
			src.ScaleIO.FSType = defaultScaleIOFSType
		}
	}
}

func setDefaultsDownwardAPIFiles(files []corev1.DownwardAPIVolumeFile) {
	for i := range files {
		if files[i].FieldRef != nil {
			setDefaultsFieldSelector(files[i].FieldRef)
		}
	}
}

// SetDefaultsPersistentVolumeClaim applies, in place, the core/v1 defaults
// of a PersistentVolumeClaim used as a volume claim template: volumeMode
// Filesystem, status.phase Pending (kube-apiserver and OpenKruise both set
// it on StatefulSet claim templates) and milli-precision rounding of the
// resource quantities. A nil claim is left alone.
func SetDefaultsPersistentVolumeClaim(pvc *corev1.PersistentVolumeClaim) {
	if pvc == nil {
		return
	}
	if pvc.Status.Phase == "" {
		pvc.Status.Phase = corev1.ClaimPending
	}
	setDefaultsPVCSpec(&pvc.Spec)
	roundResourceList(pvc.Status.Capacity)
	roundResourceList(pvc.Status.AllocatedResources)
}

func setDefaultsPVCSpec(spec *corev1.PersistentVolumeClaimSpec) {
	if spec.VolumeMode == nil {
		mode := corev1.PersistentVolumeFilesystem
		spec.VolumeMode = &mode
	}
	roundResourceList(spec.Resources.Limits)
	roundResourceList(spec.Resources.Requests)
}

// roundResourceList rounds every quantity up to milli precision, as the
// core/v1 scheme does for all resource lists.
func roundResourceList(list corev1.ResourceList) {
	for name, q := range list {
		q.RoundUp(resourceRoundingScale)
		list[name] = q
	}
}

func int32Ptr(v int32) *int32 { return &v }
