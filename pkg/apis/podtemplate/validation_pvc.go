package podtemplate

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/validate/content"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ValidatePersistentVolumeClaimTemplate validates a volume claim template of
// a workload (such as a StatefulSet's volumeClaimTemplates entry): its name
// must be a DNS subdomain, its labels and annotations valid, and its spec a
// valid claim spec (access modes, a positive storage request, volume mode,
// storage class, selector, data sources). Spec errors use upstream's paths,
// including spec.resources[storage] for the storage request. A nil claim is
// reported as required.
func ValidatePersistentVolumeClaimTemplate(pvc *corev1.PersistentVolumeClaim, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	if pvc == nil {
		return append(allErrs, field.Required(fldPath, ""))
	}
	metaPath := fldPath.Child("metadata")
	namePath := metaPath.Child("name")
	if pvc.Name == "" {
		allErrs = append(allErrs, field.Required(namePath, "name or generateName is required"))
	} else {
		allErrs = append(allErrs, validateName(pvc.Name, apivalidation.NameIsDNSSubdomain, namePath)...)
	}
	allErrs = append(allErrs, validateLabels(pvc.Labels, metaPath.Child("labels"))...)
	allErrs = append(allErrs, apivalidation.ValidateAnnotations(pvc.Annotations, metaPath.Child("annotations"))...)
	allErrs = append(allErrs, validatePVCSpec(&pvc.Spec, fldPath.Child("spec"))...)
	return allErrs
}

var (
	supportedAccessModes = sets.New(
		corev1.ReadWriteOnce,
		corev1.ReadOnlyMany,
		corev1.ReadWriteMany,
		corev1.ReadWriteOncePod,
	)
	supportedVolumeModes = sets.New(corev1.PersistentVolumeBlock, corev1.PersistentVolumeFilesystem)
)

func validatePVCSpec(spec *corev1.PersistentVolumeClaimSpec, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	modesPath := fldPath.Child("accessModes")
	if len(spec.AccessModes) == 0 {
		allErrs = append(allErrs, field.Required(modesPath, "at least 1 access mode is required"))
	}
	if spec.Selector != nil {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(spec.Selector, strictLabelSelectorOpts, fldPath.Child("selector"))...)
	}
	hasRWOP, hasOther := false, false
	for _, mode := range spec.AccessModes {
		switch {
		case !supportedAccessModes.Has(mode):
			allErrs = append(allErrs, field.NotSupported(modesPath, mode, sets.List(supportedAccessModes)))
		case mode == corev1.ReadWriteOncePod:
			hasRWOP = true
		default:
			hasOther = true
		}
	}
	if hasRWOP && hasOther {
		allErrs = append(allErrs, field.Forbidden(modesPath, "may not use ReadWriteOncePod with other access modes"))
	}

	// Upstream reports the storage request as resources[storage].
	storagePath := fldPath.Child("resources").Key(string(corev1.ResourceStorage))
	if storage, ok := spec.Resources.Requests[corev1.ResourceStorage]; !ok {
		allErrs = append(allErrs, field.Required(storagePath, ""))
	} else if storage.Sign() <= 0 {
		allErrs = append(allErrs, field.Invalid(storagePath, storage.String(), "must be greater than zero"))
	}

	if spec.StorageClassName != nil && *spec.StorageClassName != "" {
		allErrs = append(allErrs, validateName(*spec.StorageClassName, apivalidation.NameIsDNSSubdomain, fldPath.Child("storageClassName"))...)
	}
	if spec.VolumeMode != nil && !supportedVolumeModes.Has(*spec.VolumeMode) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("volumeMode"), *spec.VolumeMode, sets.List(supportedVolumeModes)))
	}
	if ds := spec.DataSource; ds != nil {
		allErrs = append(allErrs, validateDataSource(ds.Name, ds.Kind, ds.APIGroup, fldPath.Child("dataSource"))...)
	}
	if ref := spec.DataSourceRef; ref != nil {
		refPath := fldPath.Child("dataSourceRef")
		allErrs = append(allErrs, validateDataSource(ref.Name, ref.Kind, ref.APIGroup, refPath)...)
		if ref.Namespace != nil && *ref.Namespace != "" {
			for _, msg := range apivalidation.ValidateNamespaceName(*ref.Namespace, false) {
				allErrs = append(allErrs, field.Invalid(refPath.Child("namespace"), *ref.Namespace, msg))
			}
		}
	}
	if ref := spec.DataSourceRef; ref != nil && ref.Namespace != nil && *ref.Namespace != "" {
		if spec.DataSource != nil {
			allErrs = append(allErrs, field.Invalid(fldPath, fldPath.Child("dataSource"), "may not be specified when dataSourceRef.namespace is specified"))
		}
	} else if ds := spec.DataSource; ds != nil && ref != nil {
		if !sameAPIGroup(ds.APIGroup, ref.APIGroup) || ds.Kind != ref.Kind || ds.Name != ref.Name {
			allErrs = append(allErrs, field.Invalid(fldPath, fldPath.Child("dataSource"), "must match dataSourceRef"))
		}
	}
	if spec.VolumeAttributesClassName != nil && *spec.VolumeAttributesClassName != "" {
		allErrs = append(allErrs, validateName(*spec.VolumeAttributesClassName, apivalidation.NameIsDNSSubdomain, fldPath.Child("volumeAttributesClassName"))...)
	}
	return allErrs
}

func sameAPIGroup(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func validateDataSource(name, kind string, apiGroup *string, fldPath *field.Path) field.ErrorList {
	allErrs := requireString(name, fldPath.Child("name"))
	allErrs = append(allErrs, requireString(kind, fldPath.Child("kind"))...)
	group := ""
	if apiGroup != nil {
		group = *apiGroup
	}
	if group == "" && kind != "PersistentVolumeClaim" {
		allErrs = append(allErrs, field.Invalid(fldPath, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"))
	}
	if group != "" {
		for _, msg := range validation.IsDNS1123Subdomain(group) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("apiGroup"), group, msg))
		}
	}
	return allErrs
}

// Shared name helpers.

func validateDNS1123Label(value string, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	for _, msg := range validation.IsDNS1123Label(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func validateDNS1123Subdomain(value string, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	for _, msg := range validation.IsDNS1123Subdomain(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// validateQualifiedName checks a "qualified name" ([prefix/]name, as used
// for label keys and condition types).
func validateQualifiedName(value string, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	for _, msg := range content.IsLabelKey(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func validateName(value string, fn apivalidation.ValidateNameFunc, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	for _, msg := range fn(value, false) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func validateLabels(labels map[string]string, fldPath *field.Path) field.ErrorList {
	return metav1validation.ValidateLabels(labels, fldPath)
}
