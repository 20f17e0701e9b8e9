package validation

import (
	"strconv"
	"strings"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
)

var pubOperations = []string{
	string(policy.PubDeleteOperation), string(policy.PubUpdateOperation),
	string(policy.PubEvictOperation), string(policy.PubResizeOperation),
}

// ValidatePodUnavailableBudget checks a PodUnavailableBudget on create.
func ValidatePodUnavailableBudget(obj *policy.PodUnavailableBudget) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMeta(&obj.ObjectMeta, true, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	allErrs = append(allErrs, validatePubAnnotations(obj, nil)...)
	return append(allErrs, validatePodUnavailableBudgetSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidatePodUnavailableBudgetUpdate checks a PodUnavailableBudget on update: as on create, and
// selector and targetRef cannot change.
func ValidatePodUnavailableBudgetUpdate(obj, old *policy.PodUnavailableBudget) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validatePubAnnotations(obj, old)...)
	allErrs = append(allErrs, validatePodUnavailableBudgetSpec(&obj.Spec, field.NewPath("spec"))...)
	if !apiequality.Semantic.DeepEqual(obj.Spec.Selector, old.Spec.Selector) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "selector"), "field is immutable"))
	}
	if !apiequality.Semantic.DeepEqual(obj.Spec.TargetReference, old.Spec.TargetReference) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "targetRef"), "field is immutable"))
	}
	return allErrs
}

// ValidatePodUnavailableBudgetStatusUpdate checks a status write: no negative numbers.
func ValidatePodUnavailableBudgetStatusUpdate(obj, old *policy.PodUnavailableBudget) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(st.ObservedGeneration, p.Child("observedGeneration"))...)
	for _, f := range []struct {
		name  string
		value int32
	}{
		{"unavailableAllowed", st.UnavailableAllowed}, {"currentAvailable", st.CurrentAvailable},
		{"desiredAvailable", st.DesiredAvailable}, {"totalReplicas", st.TotalReplicas},
	} {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(f.value), p.Child(f.name))...)
	}
	return allErrs
}

// validatePubAnnotations checks the deprecated annotation forms of protectOperations and
// protectTotalReplicas. A v1alpha1 write leaves an annotation in place only when its value could not be
// moved into the field, so this is where such a value is reported. On update, an operations
// annotation that did not change is accepted, so objects stored before this check stay writable.
func validatePubAnnotations(obj, old *policy.PodUnavailableBudget) field.ErrorList {
	var allErrs field.ErrorList
	annotations := field.NewPath("metadata", "annotations")
	if value, ok := obj.Annotations[policy.PubProtectOperationAnnotation]; ok {
		unchanged := old != nil && old.Annotations != nil && old.Annotations[policy.PubProtectOperationAnnotation] == value
		if _, valid := policy.ParsePubOperations(value); !valid && !unchanged {
			allErrs = append(allErrs, field.Invalid(annotations.Key(policy.PubProtectOperationAnnotation), value,
				"must be a comma-separated list of "+strings.Join(pubOperations, ", ")))
		}
	}
	if value, ok := obj.Annotations[policy.PubProtectTotalReplicasAnnotation]; ok {
		path := annotations.Key(policy.PubProtectTotalReplicasAnnotation)
		if _, err := strconv.ParseInt(value, 10, 32); err != nil {
			allErrs = append(allErrs, field.Invalid(path, value, "must be a valid int32"))
		} else if total := obj.Spec.ProtectTotalReplicas; total != nil && value != strconv.FormatInt(int64(*total), 10) {
			allErrs = append(allErrs, field.Invalid(path, value, "must match spec.protectTotalReplicas when both are set"))
		}
	}
	return allErrs
}

func validatePodUnavailableBudgetSpec(spec *policy.PodUnavailableBudgetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList

	switch {
	case spec.Selector == nil && spec.TargetReference == nil:
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), "one of selector or targetRef is required"))
	case spec.Selector != nil && spec.TargetReference != nil:
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("targetRef"), "selector and targetRef are mutually exclusive"))
	case spec.TargetReference != nil:
		allErrs = append(allErrs, validatePubTargetRef(spec.TargetReference, fldPath.Child("targetRef"))...)
	default:
		allErrs = append(allErrs, validatePubSelector(spec.Selector, fldPath.Child("selector"))...)
	}

	switch {
	case spec.MaxUnavailable == nil && spec.MinAvailable == nil:
		allErrs = append(allErrs, field.Required(fldPath.Child("maxUnavailable"), "one of maxUnavailable or minAvailable is required"))
	case spec.MaxUnavailable != nil && spec.MinAvailable != nil:
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("minAvailable"), "maxUnavailable and minAvailable are mutually exclusive"))
	case spec.MaxUnavailable != nil:
		allErrs = append(allErrs, validatePubIntOrPercent(spec.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
	default:
		allErrs = append(allErrs, validatePubIntOrPercent(spec.MinAvailable, fldPath.Child("minAvailable"))...)
	}

	for i, op := range spec.ProtectOperations {
		switch op {
		case policy.PubDeleteOperation, policy.PubUpdateOperation, policy.PubEvictOperation, policy.PubResizeOperation:
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("protectOperations").Index(i), op, pubOperations))
		}
	}
	if total := spec.ProtectTotalReplicas; total != nil && *total < 1 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("protectTotalReplicas"), *total, "must be greater than or equal to 1 (set by annotation "+policy.PubProtectTotalReplicasAnnotation+" in v1alpha1)"))
	}
	if spec.IgnoredPodSelector != nil {
		allErrs = append(allErrs, validatePubSelector(spec.IgnoredPodSelector, fldPath.Child("ignoredPodSelector"))...)
	}
	return allErrs
}

func validatePubTargetRef(ref *policy.TargetReference, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if ref.APIVersion == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("apiVersion"), ""))
	} else if _, err := schema.ParseGroupVersion(ref.APIVersion); err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("apiVersion"), ref.APIVersion, err.Error()))
	}
	if ref.Kind == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("kind"), ""))
	}
	if ref.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), ""))
	}
	return allErrs
}

// validatePubSelector checks that a selector parses and selects something.
func validatePubSelector(sel *metav1.LabelSelector, fldPath *field.Path) field.ErrorList {
	allErrs := metav1validation.ValidateLabelSelector(sel, metav1validation.LabelSelectorValidationOptions{}, fldPath)
	if len(sel.MatchLabels)+len(sel.MatchExpressions) == 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, sel, "empty selector is invalid"))
	}
	return allErrs
}

// validatePubIntOrPercent checks a non-negative integer or a percentage of at most 100%.
func validatePubIntOrPercent(v *intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	switch v.Type {
	case intstr.Int:
		if v.IntVal < 0 {
			return field.ErrorList{field.Invalid(fldPath, v.IntVal, "must be greater than or equal to 0")}
		}
	case intstr.String:
		digits, isPercent := strings.CutSuffix(v.StrVal, "%")
		if !isPercent || digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
			return field.ErrorList{field.Invalid(fldPath, v.StrVal, "must be an integer or a percentage (e.g. '5%')")}
		}
		if n, err := strconv.Atoi(digits); err != nil || n > 100 {
			return field.ErrorList{field.Invalid(fldPath, v.StrVal, "must not be greater than 100%")}
		}
	default:
		return field.ErrorList{field.Invalid(fldPath, v.String(), "must be an integer or a percentage (e.g. '5%')")}
	}
	return nil
}
