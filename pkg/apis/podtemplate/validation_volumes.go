package podtemplate

import (
	"path"
	"path/filepath"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

const fileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive"

// volumeSourceKind names one member of a VolumeSource union.
type volumeSourceKind struct {
	// name is the path segment upstream uses when reporting a second,
	// forbidden source of this kind.
	name string
	set  bool
}

// volumeSourceKinds lists the members of a VolumeSource in the order the
// upstream validation examines them, so that the same member is accepted
// and the same ones are reported when several are set.
func volumeSourceKinds(s *corev1.VolumeSource) []volumeSourceKind {
	return []volumeSourceKind{
		{"emptyDir", s.EmptyDir != nil},
		{"hostPath", s.HostPath != nil},
		{"gitRepo", s.GitRepo != nil},
		{"gcePersistentDisk", s.GCEPersistentDisk != nil},
		{"awsElasticBlockStore", s.AWSElasticBlockStore != nil},
		{"secret", s.Secret != nil},
		{"nfs", s.NFS != nil},
		{"iscsi", s.ISCSI != nil},
		{"glusterfs", s.Glusterfs != nil},
		{"flocker", s.Flocker != nil},
		{"persistentVolumeClaim", s.PersistentVolumeClaim != nil},
		{"rbd", s.RBD != nil},
		{"cinder", s.Cinder != nil},
		{"cephFS", s.CephFS != nil},
		{"quobyte", s.Quobyte != nil},
		// Upstream reports this one with a misspelt path segment; it is
		// kept so error paths stay identical.
		{"downwarAPI", s.DownwardAPI != nil},
		{"fc", s.FC != nil},
		{"flexVolume", s.FlexVolume != nil},
		{"configMap", s.ConfigMap != nil},
		{"azureFile", s.AzureFile != nil},
		{"vsphereVolume", s.VsphereVolume != nil},
		{"photonPersistentDisk", s.PhotonPersistentDisk != nil},
		{"portworxVolume", s.PortworxVolume != nil},
		{"azureDisk", s.AzureDisk != nil},
		{"storageos", s.StorageOS != nil},
		{"projected", s.Projected != nil},
		{"scaleIO", s.ScaleIO != nil},
		{"csi", s.CSI != nil},
		{"ephemeral", s.Ephemeral != nil},
		{"image", s.Image != nil},
	}
}

func countVolumeSources(s *corev1.VolumeSource) int {
	n := 0
	for _, k := range volumeSourceKinds(s) {
		if k.set {
			n++
		}
	}
	return n
}

// validateVolumes validates the pod volumes and returns the valid ones by
// name, for the volume mount checks.
func validateVolumes(volumes []corev1.Volume, fldPath *field.Path) (map[string]corev1.VolumeSource, field.ErrorList) {
	allErrs := field.ErrorList{}
	names := sets.New[string]()
	valid := make(map[string]corev1.VolumeSource, len(volumes))
	for i := range volumes {
		vol := &volumes[i]
		idxPath := fldPath.Index(i)
		namePath := idxPath.Child("name")
		errs := validateVolumeSource(&vol.VolumeSource, idxPath)
		if vol.Name == "" {
			errs = append(errs, field.Required(namePath, ""))
		} else {
			errs = append(errs, validateDNS1123Label(vol.Name, namePath)...)
		}
		if names.Has(vol.Name) {
			errs = append(errs, field.Duplicate(namePath, vol.Name))
		}
		if len(errs) == 0 {
			names.Insert(vol.Name)
			valid[vol.Name] = vol.VolumeSource
		} else {
			allErrs = append(allErrs, errs...)
		}
	}
	return valid, allErrs
}

func validateVolumeSource(src *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	accepted := ""
	for _, k := range volumeSourceKinds(src) {
		if !k.set {
			continue
		}
		if accepted != "" {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child(k.name), "may not specify more than 1 volume type"))
			continue
		}
		accepted = k.name
	}
	if accepted == "" {
		return append(allErrs, field.Required(fldPath, "must specify a volume type"))
	}

	switch accepted {
	case "emptyDir":
		if l := src.EmptyDir.SizeLimit; l != nil && l.Sign() < 0 {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child("emptyDir", "sizeLimit"), "SizeLimit field must be a valid resource quantity"))
		}
	case "hostPath":
		allErrs = append(allErrs, validateHostPathVolumeSource(src.HostPath, fldPath.Child("hostPath"))...)
	case "gitRepo":
		p := fldPath.Child("gitRepo")
		allErrs = append(allErrs, requireString(src.GitRepo.Repository, p.Child("repository"))...)
		allErrs = append(allErrs, validateLocalDescendingPath(src.GitRepo.Directory, p.Child("directory"))...)
	case "gcePersistentDisk":
		// Upstream validates this source under "persistentDisk".
		p := fldPath.Child("persistentDisk")
		allErrs = append(allErrs, requireString(src.GCEPersistentDisk.PDName, p.Child("pdName"))...)
		allErrs = append(allErrs, validatePartition(src.GCEPersistentDisk.Partition, p.Child("partition"))...)
	case "awsElasticBlockStore":
		p := fldPath.Child("awsElasticBlockStore")
		allErrs = append(allErrs, requireString(src.AWSElasticBlockStore.VolumeID, p.Child("volumeID"))...)
		allErrs = append(allErrs, validatePartition(src.AWSElasticBlockStore.Partition, p.Child("partition"))...)
	case "secret":
		p := fldPath.Child("secret")
		allErrs = append(allErrs, requireString(src.Secret.SecretName, p.Child("secretName"))...)
		allErrs = append(allErrs, validateFileMode(src.Secret.DefaultMode, p.Child("defaultMode"))...)
		allErrs = append(allErrs, validateKeyToPaths(src.Secret.Items, p.Child("items"))...)
	case "nfs":
		p := fldPath.Child("nfs")
		allErrs = append(allErrs, requireString(src.NFS.Server, p.Child("server"))...)
		allErrs = append(allErrs, requireString(src.NFS.Path, p.Child("path"))...)
		if !path.IsAbs(src.NFS.Path) {
			allErrs = append(allErrs, field.Invalid(p.Child("path"), src.NFS.Path, "must be an absolute path"))
		}
	case "iscsi":
		p := fldPath.Child("iscsi")
		allErrs = append(allErrs, requireString(src.ISCSI.TargetPortal, p.Child("targetPortal"))...)
		if src.ISCSI.IQN == "" {
			allErrs = append(allErrs, field.Required(p.Child("iqn"), ""))
		} else if !hasAnyPrefix(src.ISCSI.IQN, "iqn", "eui", "naa") {
			allErrs = append(allErrs, field.Invalid(p.Child("iqn"), src.ISCSI.IQN, "must be valid format starting with iqn, eui, or naa"))
		}
		if src.ISCSI.Lun < 0 || src.ISCSI.Lun > 255 {
			allErrs = append(allErrs, field.Invalid(p.Child("lun"), src.ISCSI.Lun, validation.InclusiveRangeError(0, 255)))
		}
		if (src.ISCSI.DiscoveryCHAPAuth || src.ISCSI.SessionCHAPAuth) && src.ISCSI.SecretRef == nil {
			allErrs = append(allErrs, field.Required(p.Child("secretRef"), ""))
		}
	case "glusterfs":
		p := fldPath.Child("glusterfs")
		allErrs = append(allErrs, requireString(src.Glusterfs.EndpointsName, p.Child("endpoints"))...)
		allErrs = append(allErrs, requireString(src.Glusterfs.Path, p.Child("path"))...)
	case "flocker":
		p := fldPath.Child("flocker")
		name, uuid := src.Flocker.DatasetName, src.Flocker.DatasetUUID
		if name == "" && uuid == "" {
			allErrs = append(allErrs, field.Required(p, "one of datasetName and datasetUUID is required"))
		}
		if name != "" && uuid != "" {
			allErrs = append(allErrs, field.Invalid(p, "resource", "datasetName and datasetUUID can not be specified simultaneously"))
		}
		if strings.Contains(name, "/") {
			allErrs = append(allErrs, field.Invalid(p.Child("datasetName"), name, "must not contain '/'"))
		}
	case "persistentVolumeClaim":
		allErrs = append(allErrs, requireString(src.PersistentVolumeClaim.ClaimName, fldPath.Child("persistentVolumeClaim", "claimName"))...)
	case "rbd":
		p := fldPath.Child("rbd")
		if len(src.RBD.CephMonitors) == 0 {
			allErrs = append(allErrs, field.Required(p.Child("monitors"), ""))
		}
		allErrs = append(allErrs, requireString(src.RBD.RBDImage, p.Child("image"))...)
	case "cinder":
		p := fldPath.Child("cinder")
		allErrs = append(allErrs, requireString(src.Cinder.VolumeID, p.Child("volumeID"))...)
		if src.Cinder.SecretRef != nil && src.Cinder.SecretRef.Name == "" {
			allErrs = append(allErrs, field.Required(p.Child("secretRef", "name"), ""))
		}
	case "cephFS":
		if len(src.CephFS.Monitors) == 0 {
			allErrs = append(allErrs, field.Required(fldPath.Child("cephfs", "monitors"), ""))
		}
	case "quobyte":
		p := fldPath.Child("quobyte")
		if src.Quobyte.Registry == "" {
			allErrs = append(allErrs, field.Required(p.Child("registry"), "must be a host:port pair or multiple pairs separated by commas"))
		}
		allErrs = append(allErrs, requireString(src.Quobyte.Volume, p.Child("volume"))...)
	case "downwarAPI":
		p := fldPath.Child("downwardAPI")
		allErrs = append(allErrs, validateFileMode(src.DownwardAPI.DefaultMode, p.Child("defaultMode"))...)
		for i := range src.DownwardAPI.Items {
			allErrs = append(allErrs, validateDownwardAPIVolumeFile(&src.DownwardAPI.Items[i], p)...)
		}
	case "fc":
		p := fldPath.Child("fc")
		fc := src.FC
		if len(fc.TargetWWNs) == 0 && len(fc.WWIDs) == 0 {
			allErrs = append(allErrs, field.Required(p.Child("targetWWNs"), "must specify either targetWWNs or wwids, but not both"))
		}
		if len(fc.TargetWWNs) != 0 && len(fc.WWIDs) != 0 {
			allErrs = append(allErrs, field.Invalid(p.Child("targetWWNs"), fc.TargetWWNs, "targetWWNs and wwids can not be specified simultaneously"))
		}
		if len(fc.TargetWWNs) != 0 {
			if fc.Lun == nil {
				allErrs = append(allErrs, field.Required(p.Child("lun"), "lun is required if targetWWNs is specified"))
			} else if *fc.Lun < 0 || *fc.Lun > 255 {
				allErrs = append(allErrs, field.Invalid(p.Child("lun"), fc.Lun, validation.InclusiveRangeError(0, 255)))
			}
		}
	case "flexVolume":
		p := fldPath.Child("flexVolume")
		allErrs = append(allErrs, requireString(src.FlexVolume.Driver, p.Child("driver"))...)
		for _, k := range sets.List(sets.KeySet(src.FlexVolume.Options)) {
			ns := k
			if before, _, ok := strings.Cut(k, "/"); ok {
				ns = before
			}
			normalized := "." + strings.ToLower(ns)
			if strings.HasSuffix(normalized, ".kubernetes.io") || strings.HasSuffix(normalized, ".k8s.io") {
				allErrs = append(allErrs, field.Invalid(p.Child("options").Key(k), k, "kubernetes.io and k8s.io namespaces are reserved"))
			}
		}
	case "configMap":
		p := fldPath.Child("configMap")
		allErrs = append(allErrs, requireString(src.ConfigMap.Name, p.Child("name"))...)
		allErrs = append(allErrs, validateFileMode(src.ConfigMap.DefaultMode, p.Child("defaultMode"))...)
		allErrs = append(allErrs, validateKeyToPaths(src.ConfigMap.Items, p.Child("items"))...)
	case "azureFile":
		p := fldPath.Child("azureFile")
		allErrs = append(allErrs, requireString(src.AzureFile.SecretName, p.Child("secretName"))...)
		allErrs = append(allErrs, requireString(src.AzureFile.ShareName, p.Child("shareName"))...)
	case "vsphereVolume":
		allErrs = append(allErrs, requireString(src.VsphereVolume.VolumePath, fldPath.Child("vsphereVolume", "volumePath"))...)
	case "photonPersistentDisk":
		allErrs = append(allErrs, requireString(src.PhotonPersistentDisk.PdID, fldPath.Child("photonPersistentDisk", "pdID"))...)
	case "portworxVolume":
		allErrs = append(allErrs, requireString(src.PortworxVolume.VolumeID, fldPath.Child("portworxVolume", "volumeID"))...)
	case "azureDisk":
		allErrs = append(allErrs, validateAzureDisk(src.AzureDisk, fldPath.Child("azureDisk"))...)
	case "storageos":
		p := fldPath.Child("storageos")
		if src.StorageOS.VolumeName == "" {
			allErrs = append(allErrs, field.Required(p.Child("volumeName"), ""))
		} else {
			allErrs = append(allErrs, validateDNS1123Label(src.StorageOS.VolumeName, p.Child("volumeName"))...)
		}
		if src.StorageOS.VolumeNamespace != "" {
			allErrs = append(allErrs, validateDNS1123Label(src.StorageOS.VolumeNamespace, p.Child("volumeNamespace"))...)
		}
		if src.StorageOS.SecretRef != nil && src.StorageOS.SecretRef.Name == "" {
			allErrs = append(allErrs, field.Required(p.Child("secretRef", "name"), ""))
		}
	case "projected":
		allErrs = append(allErrs, validateProjectedVolumeSource(src.Projected, fldPath.Child("projected"))...)
	case "scaleIO":
		p := fldPath.Child("scaleIO")
		allErrs = append(allErrs, requireString(src.ScaleIO.Gateway, p.Child("gateway"))...)
		allErrs = append(allErrs, requireString(src.ScaleIO.System, p.Child("system"))...)
		allErrs = append(allErrs, requireString(src.ScaleIO.VolumeName, p.Child("volumeName"))...)
	case "csi":
		allErrs = append(allErrs, validateCSIVolumeSource(src.CSI, fldPath.Child("csi"))...)
	case "ephemeral":
		p := fldPath.Child("ephemeral")
		if src.Ephemeral.VolumeClaimTemplate == nil {
			allErrs = append(allErrs, field.Required(p.Child("volumeClaimTemplate"), ""))
		} else {
			allErrs = append(allErrs, validateEphemeralClaimTemplate(src.Ephemeral.VolumeClaimTemplate, p.Child("volumeClaimTemplate"))...)
		}
	case "image":
		// A template may leave the reference empty (it can be filled in
		// later); only Pods require it upstream.
		allErrs = append(allErrs, validatePullPolicy(src.Image.PullPolicy, fldPath.Child("image", "pullPolicy"))...)
	}
	return allErrs
}

func requireString(value string, fldPath *field.Path) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	return nil
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func validatePartition(partition int32, fldPath *field.Path) field.ErrorList {
	if partition < 0 || partition > 255 {
		return field.ErrorList{field.Invalid(fldPath, partition, validation.InclusiveRangeError(1, 255))}
	}
	return nil
}

func validateFileMode(mode *int32, fldPath *field.Path) field.ErrorList {
	if mode != nil && (*mode > 0777 || *mode < 0) {
		return field.ErrorList{field.Invalid(fldPath, *mode, fileModeErrorMsg)}
	}
	return nil
}

var supportedHostPathTypes = sets.New(
	corev1.HostPathUnset,
	corev1.HostPathDirectoryOrCreate,
	corev1.HostPathDirectory,
	corev1.HostPathFileOrCreate,
	corev1.HostPathFile,
	corev1.HostPathSocket,
	corev1.HostPathCharDev,
	corev1.HostPathBlockDev,
)

func validateHostPathVolumeSource(hp *corev1.HostPathVolumeSource, fldPath *field.Path) field.ErrorList {
	if hp.Path == "" {
		return field.ErrorList{field.Required(fldPath.Child("path"), "")}
	}
	allErrs := validatePathNoBacksteps(hp.Path, fldPath.Child("path"))
	if hp.Type != nil && !supportedHostPathTypes.Has(*hp.Type) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), hp.Type, sets.List(supportedHostPathTypes)))
	}
	return allErrs
}

func validateKeyToPaths(items []corev1.KeyToPath, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	for i := range items {
		allErrs = append(allErrs, validateKeyToPath(&items[i], fldPath.Index(i))...)
	}
	return allErrs
}

func validateKeyToPath(kp *corev1.KeyToPath, fldPath *field.Path) field.ErrorList {
	allErrs := requireString(kp.Key, fldPath.Child("key"))
	allErrs = append(allErrs, requireString(kp.Path, fldPath.Child("path"))...)
	allErrs = append(allErrs, validateLocalNonReservedPath(kp.Path, fldPath.Child("path"))...)
	allErrs = append(allErrs, validateFileMode(kp.Mode, fldPath.Child("mode"))...)
	return allErrs
}

// validateDownwardAPIVolumeFile validates one downward API file. Upstream
// reports items on the source path itself, not on an indexed item path.
func validateDownwardAPIVolumeFile(file *corev1.DownwardAPIVolumeFile, fldPath *field.Path) field.ErrorList {
	allErrs := requireString(file.Path, fldPath.Child("path"))
	allErrs = append(allErrs, validateLocalNonReservedPath(file.Path, fldPath.Child("path"))...)
	switch {
	case file.FieldRef != nil:
		allErrs = append(allErrs, validateObjectFieldSelector(file.FieldRef, validVolumeFieldPaths, fldPath.Child("fieldRef"))...)
		if file.ResourceFieldRef != nil {
			allErrs = append(allErrs, field.Invalid(fldPath, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
		}
	case file.ResourceFieldRef != nil:
		allErrs = append(allErrs, validateResourceFieldSelector(file.ResourceFieldRef, true, fldPath.Child("resourceFieldRef"))...)
	default:
		allErrs = append(allErrs, field.Required(fldPath, "one of fieldRef and resourceFieldRef is required"))
	}
	allErrs = append(allErrs, validateFileMode(file.Mode, fldPath.Child("mode"))...)
	return allErrs
}

const (
	minTokenExpirationSeconds = 10 * 60
	maxTokenExpirationSeconds = 1 << 32
)

func validateProjectedVolumeSource(proj *corev1.ProjectedVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateFileMode(proj.DefaultMode, fldPath.Child("defaultMode"))
	paths := sets.New[string]()
	addPath := func(p string, value any) {
		if p == "" {
			return
		}
		if paths.Has(p) {
			allErrs = append(allErrs, field.Invalid(fldPath, value, "conflicting duplicate paths"))
			return
		}
		paths.Insert(p)
	}
	for i := range proj.Sources {
		src := &proj.Sources[i]
		srcPath := fldPath.Child("sources").Index(i)
		count := 0
		if s := src.Secret; s != nil {
			count++
			p := srcPath.Child("secret")
			allErrs = append(allErrs, requireString(s.Name, p.Child("name"))...)
			for j := range s.Items {
				allErrs = append(allErrs, validateKeyToPath(&s.Items[j], p.Child("items").Index(j))...)
				addPath(s.Items[j].Path, s.Name)
			}
		}
		if c := src.ConfigMap; c != nil {
			count++
			p := srcPath.Child("configMap")
			allErrs = append(allErrs, requireString(c.Name, p.Child("name"))...)
			for j := range c.Items {
				allErrs = append(allErrs, validateKeyToPath(&c.Items[j], p.Child("items").Index(j))...)
				addPath(c.Items[j].Path, c.Name)
			}
		}
		if d := src.DownwardAPI; d != nil {
			count++
			p := srcPath.Child("downwardAPI")
			for j := range d.Items {
				allErrs = append(allErrs, validateDownwardAPIVolumeFile(&d.Items[j], p)...)
				addPath(d.Items[j].Path, d.Items[j].Path)
			}
		}
		if t := src.ServiceAccountToken; t != nil {
			count++
			p := srcPath.Child("serviceAccountToken")
			expiration := int64(0)
			if t.ExpirationSeconds != nil {
				expiration = *t.ExpirationSeconds
			}
			if expiration < minTokenExpirationSeconds {
				allErrs = append(allErrs, field.Invalid(p.Child("expirationSeconds"), expiration, "may not specify a duration less than 10 minutes"))
			}
			if expiration > maxTokenExpirationSeconds {
				allErrs = append(allErrs, field.Invalid(p.Child("expirationSeconds"), expiration, "may not specify a duration larger than 2^32 seconds"))
			}
			// Upstream reports the token path on the projected volume path.
			if t.Path == "" {
				allErrs = append(allErrs, field.Required(fldPath.Child("path"), ""))
			} else {
				allErrs = append(allErrs, validateLocalNonReservedPath(t.Path, fldPath.Child("path"))...)
			}
		}
		if b := src.ClusterTrustBundle; b != nil {
			count++
			p := srcPath.Child("clusterTrustBundle")
			switch {
			case b.Name != nil && b.SignerName != nil:
				allErrs = append(allErrs, field.Invalid(p, b, "only one of name and signerName may be used"))
			case b.Name != nil:
				if *b.Name == "" {
					allErrs = append(allErrs, field.Required(p.Child("name"), "must be a valid object name"))
				}
				if b.LabelSelector != nil {
					allErrs = append(allErrs, field.Invalid(p.Child("labelSelector"), b.LabelSelector, "labelSelector must be unset if name is specified"))
				}
			case b.SignerName != nil:
				if *b.SignerName == "" {
					allErrs = append(allErrs, field.Required(p.Child("signerName"), "must be a valid signer name"))
				}
			default:
				allErrs = append(allErrs, field.Required(p, "either name or signerName must be specified"))
			}
			allErrs = append(allErrs, requireString(b.Path, p.Child("path"))...)
			allErrs = append(allErrs, validateLocalNonReservedPath(b.Path, p.Child("path"))...)
			addPath(b.Path, b.Path)
		}
		if c := src.PodCertificate; c != nil {
			count++
			p := srcPath.Child("podCertificate")
			allErrs = append(allErrs, requireString(c.SignerName, p.Child("signerName"))...)
		}
		if count > 1 {
			allErrs = append(allErrs, field.Forbidden(srcPath, "may not specify more than 1 volume type per source"))
		}
	}
	return allErrs
}

var (
	supportedAzureCachingModes = sets.New(corev1.AzureDataDiskCachingNone, corev1.AzureDataDiskCachingReadOnly, corev1.AzureDataDiskCachingReadWrite)
	supportedAzureDiskKinds    = sets.New(corev1.AzureSharedBlobDisk, corev1.AzureDedicatedBlobDisk, corev1.AzureManagedDisk)
)

func validateAzureDisk(d *corev1.AzureDiskVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requireString(d.DiskName, fldPath.Child("diskName"))
	allErrs = append(allErrs, requireString(d.DataDiskURI, fldPath.Child("diskURI"))...)
	if d.CachingMode != nil && !supportedAzureCachingModes.Has(*d.CachingMode) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("cachingMode"), *d.CachingMode, sets.List(supportedAzureCachingModes)))
	}
	if d.Kind != nil && !supportedAzureDiskKinds.Has(*d.Kind) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("kind"), *d.Kind, sets.List(supportedAzureDiskKinds)))
	}
	return allErrs
}

func validateCSIVolumeSource(csi *corev1.CSIVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	driverPath := fldPath.Child("driver")
	if csi.Driver == "" {
		allErrs = append(allErrs, field.Required(driverPath, ""))
	}
	if len(csi.Driver) > 63 {
		allErrs = append(allErrs, field.TooLong(driverPath, "", 63))
	}
	for _, msg := range validation.IsDNS1123Subdomain(strings.ToLower(csi.Driver)) {
		allErrs = append(allErrs, field.Invalid(driverPath, csi.Driver, msg))
	}
	if ref := csi.NodePublishSecretRef; ref != nil {
		if ref.Name == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("nodePublishSecretRef", "name"), ""))
		} else {
			// Upstream reports an invalid secret name on csi.name.
			for _, msg := range apivalidation.NameIsDNSSubdomain(ref.Name, false) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), ref.Name, msg))
			}
		}
	}
	return allErrs
}

// templateMetaExtraFields lists the ObjectMeta fields, other than labels
// and annotations, that are set on an embedded claim template, named the way
// upstream names them (the Go field name with its first letter lowered).
func templateMetaExtraFields(m *corev1.PersistentVolumeClaimTemplate) []string {
	meta := m.ObjectMeta
	var set []string
	add := func(name string, isSet bool) {
		if isSet {
			set = append(set, name)
		}
	}
	add("name", meta.Name != "")
	add("generateName", meta.GenerateName != "")
	add("namespace", meta.Namespace != "")
	add("selfLink", meta.SelfLink != "")
	add("uID", meta.UID != "")
	add("resourceVersion", meta.ResourceVersion != "")
	add("generation", meta.Generation != 0)
	add("creationTimestamp", !meta.CreationTimestamp.IsZero())
	add("deletionTimestamp", meta.DeletionTimestamp != nil)
	add("deletionGracePeriodSeconds", meta.DeletionGracePeriodSeconds != nil)
	add("ownerReferences", len(meta.OwnerReferences) != 0)
	add("finalizers", len(meta.Finalizers) != 0)
	add("managedFields", len(meta.ManagedFields) != 0)
	return set
}

// validateEphemeralClaimTemplate validates the claim template of a generic
// ephemeral volume: only labels and annotations may be set in its metadata.
func validateEphemeralClaimTemplate(t *corev1.PersistentVolumeClaimTemplate, fldPath *field.Path) field.ErrorList {
	metaPath := fldPath.Child("metadata")
	allErrs := apivalidation.ValidateAnnotations(t.Annotations, metaPath.Child("annotations"))
	allErrs = append(allErrs, validateLabels(t.Labels, metaPath.Child("labels"))...)
	for _, name := range templateMetaExtraFields(t) {
		allErrs = append(allErrs, field.Forbidden(metaPath.Child(name), "cannot be set"))
	}
	allErrs = append(allErrs, validatePVCSpec(&t.Spec, fldPath.Child("spec"))...)
	return allErrs
}

func validateVolumeMounts(mounts []corev1.VolumeMount, devices map[string]string, volumes map[string]corev1.VolumeSource, ctr *corev1.Container, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	mountPoints := sets.New[string]()
	for i, m := range mounts {
		idxPath := fldPath.Index(i)
		if m.Name == "" {
			allErrs = append(allErrs, field.Required(idxPath.Child("name"), ""))
		}
		vol, found := volumes[m.Name]
		if !found {
			allErrs = append(allErrs, field.NotFound(idxPath.Child("name"), m.Name))
		}
		if m.MountPath == "" {
			allErrs = append(allErrs, field.Required(idxPath.Child("mountPath"), ""))
		}
		if mountPoints.Has(m.MountPath) {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("mountPath"), m.MountPath, "must be unique"))
		}
		mountPoints.Insert(m.MountPath)

		if _, ok := devices[m.Name]; ok {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("name"), m.Name, "must not already exist in volumeDevices"))
		}
		for _, devicePath := range devices {
			if devicePath == m.MountPath {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("mountPath"), m.MountPath, "must not already exist as a path in volumeDevices"))
				break
			}
		}

		if found && vol.Image != nil {
			if m.SubPath != "" {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("subPath"), m.SubPath, "not allowed in image volume sources"))
			}
			if m.SubPathExpr != "" {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("subPathExpr"), m.SubPathExpr, "not allowed in image volume sources"))
			}
		}
		// Upstream reports the following sub-path and propagation errors on
		// the list path rather than the item path.
		if m.SubPath != "" {
			allErrs = append(allErrs, validateLocalDescendingPath(m.SubPath, fldPath.Child("subPath"))...)
		}
		if m.SubPathExpr != "" {
			if m.SubPath != "" {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("subPathExpr"), m.SubPathExpr, "subPathExpr and subPath are mutually exclusive"))
			}
			allErrs = append(allErrs, validateLocalDescendingPath(m.SubPathExpr, fldPath.Child("subPathExpr"))...)
		}
		if m.MountPropagation != nil {
			allErrs = append(allErrs, validateMountPropagation(*m.MountPropagation, ctr, fldPath.Child("mountPropagation"))...)
		}
		allErrs = append(allErrs, validateRecursiveReadOnly(m, fldPath.Child("recursiveReadOnly"))...)
	}
	return allErrs
}

var supportedMountPropagations = sets.New(corev1.MountPropagationBidirectional, corev1.MountPropagationHostToContainer, corev1.MountPropagationNone)

func validateMountPropagation(mode corev1.MountPropagationMode, ctr *corev1.Container, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	if !supportedMountPropagations.Has(mode) {
		allErrs = append(allErrs, field.NotSupported(fldPath, mode, sets.List(supportedMountPropagations)))
	}
	privileged := ctr.SecurityContext != nil && ctr.SecurityContext.Privileged != nil && *ctr.SecurityContext.Privileged
	if mode == corev1.MountPropagationBidirectional && !privileged {
		allErrs = append(allErrs, field.Forbidden(fldPath, "Bidirectional mount propagation is available only to privileged containers"))
	}
	return allErrs
}

func validateRecursiveReadOnly(m corev1.VolumeMount, fldPath *field.Path) field.ErrorList {
	if m.RecursiveReadOnly == nil {
		return nil
	}
	allErrs := field.ErrorList{}
	switch *m.RecursiveReadOnly {
	case corev1.RecursiveReadOnlyDisabled:
	case corev1.RecursiveReadOnlyEnabled, corev1.RecursiveReadOnlyIfPossible:
		if !m.ReadOnly {
			allErrs = append(allErrs, field.Forbidden(fldPath, "may only be specified when readOnly is true"))
		}
		if m.MountPropagation != nil && *m.MountPropagation != corev1.MountPropagationNone {
			allErrs = append(allErrs, field.Forbidden(fldPath, "may only be specified when mountPropagation is None or not specified"))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath, *m.RecursiveReadOnly,
			[]corev1.RecursiveReadOnlyMode{corev1.RecursiveReadOnlyDisabled, corev1.RecursiveReadOnlyIfPossible, corev1.RecursiveReadOnlyEnabled}))
	}
	return allErrs
}

func validateVolumeDevices(devices []corev1.VolumeDevice, mounts map[string]string, volumes map[string]corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	devicePaths := sets.New[string]()
	deviceNames := sets.New[string]()
	for i, d := range devices {
		idxPath := fldPath.Index(i)
		src, found := volumes[d.Name]
		if d.Name == "" {
			allErrs = append(allErrs, field.Required(idxPath.Child("name"), ""))
		}
		if deviceNames.Has(d.Name) {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("name"), d.Name, "must be unique"))
		}
		if found && src.PersistentVolumeClaim == nil && src.Ephemeral == nil {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("name"), d.Name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"))
		}
		if !found {
			allErrs = append(allErrs, field.NotFound(idxPath.Child("name"), d.Name))
		}
		if d.DevicePath == "" {
			allErrs = append(allErrs, field.Required(idxPath.Child("devicePath"), ""))
		}
		if devicePaths.Has(d.DevicePath) {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("devicePath"), d.DevicePath, "must be unique"))
		}
		if d.DevicePath != "" && len(validatePathNoBacksteps(d.DevicePath, idxPath)) > 0 {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("devicePath"), d.DevicePath, "can not contain backsteps ('..')"))
		} else {
			devicePaths.Insert(d.DevicePath)
		}
		if _, ok := mounts[d.Name]; ok {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("name"), d.Name, "must not already exist in volumeMounts"))
		}
		for _, mountPath := range mounts {
			if mountPath == d.DevicePath {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("devicePath"), d.DevicePath, "must not already exist as a path in volumeMounts"))
				break
			}
		}
		if d.Name != "" {
			deviceNames.Insert(d.Name)
		}
	}
	return allErrs
}

// validateLocalDescendingPath requires a relative path without ".."
// elements.
func validateLocalDescendingPath(target string, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	if path.IsAbs(target) {
		allErrs = append(allErrs, field.Invalid(fldPath, target, "must be a relative path"))
	}
	return append(allErrs, validatePathNoBacksteps(target, fldPath)...)
}

func validatePathNoBacksteps(target string, fldPath *field.Path) field.ErrorList {
	for _, part := range strings.Split(filepath.ToSlash(target), "/") {
		if part == ".." {
			return field.ErrorList{field.Invalid(fldPath, target, "must not contain '..'")}
		}
	}
	return nil
}

// validateLocalNonReservedPath additionally rejects names starting with
// "..", which the atomic writer of the kubelet reserves.
func validateLocalNonReservedPath(target string, fldPath *field.Path) field.ErrorList {
	allErrs := validateLocalDescendingPath(target, fldPath)
	if strings.HasPrefix(target, "..") && !strings.HasPrefix(target, "../") {
		allErrs = append(allErrs, field.Invalid(fldPath, target, "must not start with '..'"))
	}
	return allErrs
}
