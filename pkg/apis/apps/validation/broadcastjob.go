package validation

import (
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// ValidateBroadcastJob checks a BroadcastJob on create.
func ValidateBroadcastJob(obj *apps.BroadcastJob) field.ErrorList {
	allErrs := validateJobObjectMeta(&obj.ObjectMeta)
	return append(allErrs, validateBroadcastJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateBroadcastJobUpdate checks a BroadcastJob update; the spec may change freely.
func ValidateBroadcastJobUpdate(obj, old *apps.BroadcastJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	return append(allErrs, validateBroadcastJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateBroadcastJobStatusUpdate checks a write to the status subresource.
func ValidateBroadcastJobStatusUpdate(obj, old *apps.BroadcastJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Active), p.Child("active"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Succeeded), p.Child("succeeded"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Failed), p.Child("failed"))...)
	return append(allErrs, ValidateNonNegative(int64(st.Desired), p.Child("desired"))...)
}

// validateJobObjectMeta checks the metadata of BroadcastJobs and AdvancedCronJobs, whose names
// label the pods they create: a custom resource name (DNS subdomain) made only of letters,
// digits and '-', at most 63 characters, which together is a DNS label.
func validateJobObjectMeta(meta *metav1.ObjectMeta) field.ErrorList {
	return apimachineryvalidation.ValidateObjectMeta(meta, true, apimachineryvalidation.NameIsDNSLabel, field.NewPath("metadata"))
}

func validateBroadcastJobSpec(spec *apps.BroadcastJobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.CompletionPolicy.Type == apps.Never {
		allErrs = append(allErrs, forbidAlwaysOnlyFields(&spec.CompletionPolicy, fldPath.Child("completionPolicy"))...)
	}
	tp := fldPath.Child("template")
	allErrs = append(allErrs, podtemplate.ValidatePodTemplateSpec(&spec.Template, tp)...)
	if rp := spec.Template.Spec.RestartPolicy; rp != corev1.RestartPolicyNever && rp != corev1.RestartPolicyOnFailure {
		allErrs = append(allErrs, field.NotSupported(tp.Child("spec", "restartPolicy"), rp,
			[]string{string(corev1.RestartPolicyNever), string(corev1.RestartPolicyOnFailure)}))
	}
	for _, key := range []string{apps.BroadcastJobNameLabelKey, apps.BroadcastJobControllerUIDLabelKey} {
		if v := spec.Template.Labels[key]; v != "" {
			allErrs = append(allErrs, field.Invalid(tp.Child("metadata", "labels").Key(key), v,
				"is set by the BroadcastJob controller and must not be preset"))
		}
	}
	return allErrs
}

// forbidAlwaysOnlyFields rejects the completion policy fields that only work with type Always.
func forbidAlwaysOnlyFields(cp *apps.CompletionPolicy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if cp.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("activeDeadlineSeconds"), "only allowed when type is Always"))
	}
	if cp.TTLSecondsAfterFinished != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("ttlSecondsAfterFinished"), "only allowed when type is Always"))
	}
	return allErrs
}
