package validation

import (
	"fmt"
	"strconv"
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// defaultPullTimeoutSeconds is the pull timeout assumed when pullPolicy.timeoutSeconds is unset.
const defaultPullTimeoutSeconds = 600

// ValidateImagePullJob checks an ImagePullJob on create.
func ValidateImagePullJob(obj *apps.ImagePullJob) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateImagePullJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateImagePullJobUpdate checks an ImagePullJob update: pullSecrets is immutable.
func ValidateImagePullJobUpdate(obj, old *apps.ImagePullJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, validateImagePullJobSpec(&obj.Spec, field.NewPath("spec"))...)
	return append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.PullSecrets, old.Spec.PullSecrets, field.NewPath("spec", "pullSecrets"))...)
}

// ValidateImagePullJobStatusUpdate checks a write to the status subresource.
func ValidateImagePullJobStatusUpdate(obj, old *apps.ImagePullJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Desired), p.Child("desired"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Active), p.Child("active"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Succeeded), p.Child("succeeded"))...)
	return append(allErrs, ValidateNonNegative(int64(st.Failed), p.Child("failed"))...)
}

// AddImagePullJobDeletionProtection adds the deletion-protection finalizer, as OpenKruise's
// v1alpha1 mutating webhook does on create (its v1beta1 webhook leaves it to the controller).
// The REST strategy may call it on create.
func AddImagePullJobDeletionProtection(obj *apps.ImagePullJob) {
	for _, f := range obj.Finalizers {
		if f == apps.ImagePullJobDeletionProtectionFinalizer {
			return
		}
	}
	obj.Finalizers = append(obj.Finalizers, apps.ImagePullJobDeletionProtectionFinalizer)
}

func validateImagePullJobSpec(spec *apps.ImagePullJobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	ip := fldPath.Child("image")
	if spec.Image == "" {
		allErrs = append(allErrs, field.Required(ip, ""))
	} else if err := ValidateImageReference(spec.Image); err != nil {
		allErrs = append(allErrs, field.Invalid(ip, spec.Image, err.Error()))
	}
	allErrs = append(allErrs, validateImagePullJobTemplate(&spec.ImagePullJobTemplate, fldPath)...)

	cp := &spec.CompletionPolicy
	cpPath := fldPath.Child("completionPolicy")
	switch cp.Type {
	case apps.Always:
		if ads := cp.ActiveDeadlineSeconds; ads != nil {
			timeout := int32(defaultPullTimeoutSeconds)
			if spec.PullPolicy != nil && spec.PullPolicy.TimeoutSeconds != nil {
				timeout = *spec.PullPolicy.TimeoutSeconds
			}
			if int64(timeout) > *ads {
				allErrs = append(allErrs, field.Invalid(cpPath.Child("activeDeadlineSeconds"), *ads,
					fmt.Sprintf("must not be less than pullPolicy.timeoutSeconds (%d)", timeout)))
			}
		}
	case apps.Never:
		allErrs = append(allErrs, forbidAlwaysOnlyFields(cp, cpPath)...)
	default:
		allErrs = append(allErrs, field.NotSupported(cpPath.Child("type"), cp.Type, []string{string(apps.Always), string(apps.Never)}))
	}
	return allErrs
}

// validateImagePullJobTemplate checks the node and pod selectors and the parallelism that
// ImagePullJob and ImageListPullJob share.
func validateImagePullJobTemplate(t *apps.ImagePullJobTemplate, fldPath *field.Path) field.ErrorList {
	allErrs := validateImagePullJobSelectors(t, fldPath)
	return append(allErrs, validatePullParallelism(t.Parallelism, fldPath.Child("parallelism"))...)
}

// validateImagePullJobSelectors checks that nodes are chosen by names or by labels, not both,
// without duplicate names, and that a pod selector is not combined with a node selector.
func validateImagePullJobSelectors(t *apps.ImagePullJobTemplate, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if sel := t.Selector; sel != nil {
		sp := fldPath.Child("selector")
		if sel.Names != nil && (sel.MatchLabels != nil || sel.MatchExpressions != nil) {
			allErrs = append(allErrs, field.Invalid(sp.Child("names"), sel.Names, "cannot be combined with matchLabels or matchExpressions"))
		}
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(&sel.LabelSelector, metav1validation.LabelSelectorValidationOptions{}, sp)...)
		seen := sets.New[string]()
		for i, name := range sel.Names {
			if seen.Has(name) {
				allErrs = append(allErrs, field.Duplicate(sp.Child("names").Index(i), name))
			}
			seen.Insert(name)
		}
	}
	if ps := t.PodSelector; ps != nil {
		pp := fldPath.Child("podSelector")
		if t.Selector != nil {
			allErrs = append(allErrs, field.Forbidden(pp, "cannot be set together with selector"))
		}
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(&ps.LabelSelector, metav1validation.LabelSelectorValidationOptions{}, pp)...)
	}
	return allErrs
}

// validatePullParallelism accepts a non-negative integer, also written as a string; no percentage.
func validatePullParallelism(p *intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	if p.Type != intstr.String {
		if p.IntVal < 0 {
			return field.ErrorList{field.Invalid(fldPath, p.IntVal, "must be greater than or equal to 0")}
		}
		return nil
	}
	if strings.HasSuffix(p.StrVal, "%") {
		return field.ErrorList{field.Invalid(fldPath, p.StrVal, "must be an integer, not a percentage")}
	}
	n, err := strconv.ParseInt(p.StrVal, 10, 32)
	if err != nil {
		return field.ErrorList{field.Invalid(fldPath, p.StrVal, "must be an integer")}
	}
	if n < 0 {
		return field.ErrorList{field.Invalid(fldPath, p.StrVal, "must be greater than or equal to 0")}
	}
	return nil
}
