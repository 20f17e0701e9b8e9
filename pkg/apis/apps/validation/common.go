// Package validation checks internal apps.kruise.io objects; the REST strategies call it and
// turn its field errors into 422 responses.
package validation

import (
	"fmt"
	"strconv"
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// ValidateObjectMeta checks metadata like a custom resource: a DNS-subdomain name.
func ValidateObjectMeta(meta *metav1.ObjectMeta, namespaced bool) field.ErrorList {
	return apimachineryvalidation.ValidateObjectMeta(meta, namespaced, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
}

// ValidateObjectMetaUpdate checks the metadata rules of an update (immutable name, namespace, uid, ...).
func ValidateObjectMetaUpdate(meta, old *metav1.ObjectMeta) field.ErrorList {
	return apimachineryvalidation.ValidateObjectMetaUpdate(meta, old, field.NewPath("metadata"))
}

// ValidateSelector checks that a label selector parses and, when required, is present and not empty.
func ValidateSelector(sel *metav1.LabelSelector, fldPath *field.Path, required bool) field.ErrorList {
	if sel == nil {
		if required {
			return field.ErrorList{field.Required(fldPath, "")}
		}
		return nil
	}
	allErrs := metav1validation.ValidateLabelSelector(sel, metav1validation.LabelSelectorValidationOptions{}, fldPath)
	if len(sel.MatchLabels)+len(sel.MatchExpressions) == 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, sel, "empty selector is invalid"))
	}
	return allErrs
}

// ValidateSelectorMatchesLabels checks that the selector selects the given (template) labels.
func ValidateSelectorMatchesLabels(sel *metav1.LabelSelector, lbls map[string]string, fldPath *field.Path) field.ErrorList {
	if sel == nil {
		return nil
	}
	selector, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return nil // reported by ValidateSelector
	}
	if !selector.Matches(labels.Set(lbls)) {
		return field.ErrorList{field.Invalid(fldPath, lbls, "`selector` does not match template `labels`")}
	}
	return nil
}

// ValidateIntOrPercent checks a non-negative integer or a non-negative "N%" string.
func ValidateIntOrPercent(v *intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	if v == nil {
		return nil
	}
	switch v.Type {
	case intstr.Int:
		if v.IntVal < 0 {
			return field.ErrorList{field.Invalid(fldPath, v.IntVal, "must be greater than or equal to 0")}
		}
	case intstr.String:
		n, ok := parsePercent(v.StrVal)
		if !ok {
			return field.ErrorList{field.Invalid(fldPath, v.StrVal, "must be an integer or a percentage (e.g. '5%')")}
		}
		if n < 0 {
			return field.ErrorList{field.Invalid(fldPath, v.StrVal, "must be greater than or equal to 0")}
		}
	}
	return nil
}

// ValidatePercentAtMost100 checks that a percent value does not exceed 100%.
func ValidatePercentAtMost100(v *intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	if v == nil || v.Type != intstr.String {
		return nil
	}
	if n, ok := parsePercent(v.StrVal); ok && n > 100 {
		return field.ErrorList{field.Invalid(fldPath, v.StrVal, "must not be greater than 100%")}
	}
	return nil
}

func parsePercent(s string) (int, bool) {
	if !strings.HasSuffix(s, "%") {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
	return n, err == nil
}

// ScaledValue resolves an int-or-percent against total, rounding percentages up or down.
// Invalid strings yield an error (callers validate first with ValidateIntOrPercent).
func ScaledValue(v *intstr.IntOrString, total int, roundUp bool) (int, error) {
	if v == nil {
		return 0, nil
	}
	if v.Type == intstr.String {
		if _, ok := parsePercent(v.StrVal); !ok {
			return 0, fmt.Errorf("invalid value %q: must be an integer or a percentage", v.StrVal)
		}
	}
	return intstr.GetScaledValueFromIntOrPercent(v, total, roundUp)
}

// ValidateUpdatePriorityStrategy checks weight/order priority rules: one kind only, weights in
// 0..100 with a non-empty valid selector, non-empty order keys.
func ValidateUpdatePriorityStrategy(s *pub.UpdatePriorityStrategy, fldPath *field.Path) field.ErrorList {
	if s == nil {
		return nil
	}
	var allErrs field.ErrorList
	if len(s.WeightPriority) > 0 && len(s.OrderPriority) > 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, "", "only one of weightPriority and orderPriority can be used"))
	}
	for i, w := range s.WeightPriority {
		p := fldPath.Child("weightPriority").Index(i)
		if w.Weight < 0 || w.Weight > 100 {
			allErrs = append(allErrs, field.Invalid(p.Child("weight"), w.Weight, "must be in the range 0-100"))
		}
		sel := w.MatchSelector
		allErrs = append(allErrs, ValidateSelector(&sel, p.Child("matchSelector"), true)...)
	}
	for i, o := range s.OrderPriority {
		if o.OrderedKey == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("orderPriority").Index(i).Child("orderedKey"), ""))
		}
	}
	return allErrs
}

// ValidateUpdateScatterStrategy checks scatter terms: non-empty keys, no duplicate pair.
func ValidateUpdateScatterStrategy(s apps.UpdateScatterStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := map[apps.UpdateScatterTerm]bool{}
	for i, term := range s {
		p := fldPath.Index(i)
		if term.Key == "" {
			allErrs = append(allErrs, field.Required(p.Child("key"), ""))
		}
		if seen[term] {
			allErrs = append(allErrs, field.Duplicate(p, term.Key+"="+term.Value))
		}
		seen[term] = true
	}
	return allErrs
}

// ValidateLifecycle checks hook label and finalizer names.
func ValidateLifecycle(l *pub.Lifecycle, fldPath *field.Path) field.ErrorList {
	if l == nil {
		return nil
	}
	var allErrs field.ErrorList
	for name, hook := range map[string]*pub.LifecycleHook{"preDelete": l.PreDelete, "inPlaceUpdate": l.InPlaceUpdate, "preNormal": l.PreNormal} {
		if hook == nil {
			continue
		}
		p := fldPath.Child(name)
		allErrs = append(allErrs, metav1validation.ValidateLabels(hook.LabelsHandler, p.Child("labelsHandler"))...)
		for i, f := range hook.FinalizersHandler {
			allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizerName(f, p.Child("finalizersHandler").Index(i))...)
		}
	}
	return allErrs
}

// ValidateInPlaceUpdateStrategy checks the grace period and the image pre-download settings.
func ValidateInPlaceUpdateStrategy(s *pub.InPlaceUpdateStrategy, fldPath *field.Path) field.ErrorList {
	if s == nil {
		return nil
	}
	var allErrs field.ErrorList
	if s.GracePeriodSeconds < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("gracePeriodSeconds"), s.GracePeriodSeconds, "must be greater than or equal to 0"))
	}
	if p := s.ImagePreDownloadParallelism; p != nil {
		path := fldPath.Child("imagePreDownloadParallelism")
		switch {
		case p.Type == intstr.String && strings.HasSuffix(p.StrVal, "%"):
			allErrs = append(allErrs, field.Invalid(path, p.StrVal, "must be an integer, not a percentage"))
		case p.Type == intstr.String:
			if n, err := strconv.Atoi(p.StrVal); err != nil || n < 0 {
				allErrs = append(allErrs, field.Invalid(path, p.StrVal, "must be a non-negative integer"))
			}
		case p.IntVal < 0:
			allErrs = append(allErrs, field.Invalid(path, p.IntVal, "must be greater than or equal to 0"))
		}
	}
	if t := s.ImagePreDownloadTimeoutSeconds; t != nil && *t < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("imagePreDownloadTimeoutSeconds"), *t, "must be greater than or equal to 0"))
	}
	if m := s.ImagePreDownloadMinUpdatedReadyPods; m != nil && *m < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("imagePreDownloadMinUpdatedReadyPods"), *m, "must be greater than or equal to 0"))
	}
	return allErrs
}

// ValidateNonNegative checks an optional or plain integer field is not negative.
func ValidateNonNegative(v int64, fldPath *field.Path) field.ErrorList {
	return apimachineryvalidation.ValidateNonnegativeField(v, fldPath)
}
