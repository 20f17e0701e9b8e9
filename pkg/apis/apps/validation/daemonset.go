package validation

import (
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// ValidateDaemonSet checks an Advanced DaemonSet on create.
func ValidateDaemonSet(obj *apps.DaemonSet) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateDaemonSetSpec(&obj.Spec, field.NewPath("spec"))...)
}

func validateDaemonSetSpec(spec *apps.DaemonSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	allErrs = append(allErrs, ValidateSelector(spec.Selector, fldPath.Child("selector"), true)...)
	allErrs = append(allErrs, ValidateSelectorMatchesLabels(spec.Selector, spec.Template.Labels, fldPath.Child("template", "metadata", "labels"))...)
	allErrs = append(allErrs, validateDaemonSetTemplate(&spec.Template, fldPath.Child("template"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	allErrs = append(allErrs, ValidateIntOrPercent(spec.BurstReplicas, fldPath.Child("burstReplicas"))...)
	if spec.Lifecycle != nil && spec.Lifecycle.InPlaceUpdate != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("lifecycle", "inPlaceUpdate"), "the inPlaceUpdate hook is not supported by DaemonSet"))
	}
	allErrs = append(allErrs, ValidateLifecycle(spec.Lifecycle, fldPath.Child("lifecycle"))...)
	allErrs = append(allErrs, validateDaemonSetUpdateStrategy(&spec.UpdateStrategy, fldPath.Child("updateStrategy"))...)
	return allErrs
}

// validateDaemonSetTemplate validates the pod template as OpenKruise does: on a defaulted copy
// (the DaemonSet itself keeps its template as written), so an empty restartPolicy counts as Always.
func validateDaemonSetTemplate(t *corev1.PodTemplateSpec, fldPath *field.Path) field.ErrorList {
	defaulted := t.DeepCopy()
	podtemplate.SetDefaultsPodTemplate(defaulted)
	allErrs := podtemplate.ValidatePodTemplateSpec(defaulted, fldPath)
	specPath := fldPath.Child("spec")
	if p := defaulted.Spec.RestartPolicy; p != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(specPath.Child("restartPolicy"), p, []string{string(corev1.RestartPolicyAlways)}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not supported"))
	}
	return allErrs
}

func validateDaemonSetUpdateStrategy(s *apps.DaemonSetUpdateStrategy, fldPath *field.Path) field.ErrorList {
	switch s.Type {
	case apps.OnDeleteDaemonSetStrategyType:
		return nil
	case apps.RollingUpdateDaemonSetStrategyType:
		if s.RollingUpdate == nil {
			return field.ErrorList{field.Required(fldPath.Child("rollingUpdate"), "")}
		}
		return validateRollingUpdateDaemonSet(s.RollingUpdate, fldPath.Child("rollingUpdate"))
	}
	return field.ErrorList{field.NotSupported(fldPath.Child("type"), s.Type,
		[]string{string(apps.RollingUpdateDaemonSetStrategyType), string(apps.OnDeleteDaemonSetStrategyType)})}
}

func validateRollingUpdateDaemonSet(ru *apps.RollingUpdateDaemonSet, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	unavailablePath, surgePath := fldPath.Child("maxUnavailable"), fldPath.Child("maxSurge")
	allErrs = append(allErrs, ValidateIntOrPercent(ru.MaxUnavailable, unavailablePath)...)
	allErrs = append(allErrs, ValidatePercentAtMost100(ru.MaxUnavailable, unavailablePath)...)
	allErrs = append(allErrs, ValidateIntOrPercent(ru.MaxSurge, surgePath)...)
	allErrs = append(allErrs, ValidatePercentAtMost100(ru.MaxSurge, surgePath)...)
	hasUnavailable, hasSurge := nonZeroIntOrPercent(ru.MaxUnavailable), nonZeroIntOrPercent(ru.MaxSurge)
	switch {
	case hasUnavailable && hasSurge:
		allErrs = append(allErrs, field.Invalid(surgePath, ru.MaxSurge.String(), "may not be set when maxUnavailable is non-zero"))
	case !hasUnavailable && !hasSurge:
		allErrs = append(allErrs, field.Required(unavailablePath, "cannot be 0 when maxSurge is 0"))
	}
	switch ru.Type {
	case "", apps.StandardRollingUpdateType:
	case apps.InplaceRollingUpdateType:
		if hasSurge {
			allErrs = append(allErrs, field.Invalid(surgePath, ru.MaxSurge.String(), "must be 0 for rollingUpdateType InPlaceIfPossible"))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("rollingUpdateType"), ru.Type,
			[]string{string(apps.StandardRollingUpdateType), string(apps.InplaceRollingUpdateType)}))
	}
	allErrs = append(allErrs, ValidateIntOrPercent(ru.Partition, fldPath.Child("partition"))...)
	allErrs = append(allErrs, ValidatePercentAtMost100(ru.Partition, fldPath.Child("partition"))...)
	if ru.Selector != nil {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(ru.Selector, metav1validation.LabelSelectorValidationOptions{}, fldPath.Child("selector"))...)
	}
	return allErrs
}

// nonZeroIntOrPercent reports whether v is set to something other than 0 or "0%".
func nonZeroIntOrPercent(v *intstr.IntOrString) bool {
	if v == nil {
		return false
	}
	if v.Type == intstr.Int {
		return v.IntVal != 0
	}
	if n, ok := parsePercent(v.StrVal); ok {
		return n != 0
	}
	return v.StrVal != "" && v.StrVal != "0"
}

// ValidateDaemonSetUpdate checks an update: the new object and the immutable selector.
func ValidateDaemonSetUpdate(obj, old *apps.DaemonSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	specPath := field.NewPath("spec")
	allErrs = append(allErrs, validateDaemonSetSpec(&obj.Spec, specPath)...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.Selector, old.Spec.Selector, specPath.Child("selector"))...)
	return allErrs
}

// ValidateDaemonSetStatusUpdate checks a status write: counters and generations are not negative.
func ValidateDaemonSetStatusUpdate(obj, old *apps.DaemonSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	for _, c := range []struct {
		name string
		v    int32
	}{
		{"currentNumberScheduled", st.CurrentNumberScheduled}, {"numberMisscheduled", st.NumberMisscheduled},
		{"desiredNumberScheduled", st.DesiredNumberScheduled}, {"numberReady", st.NumberReady},
		{"updatedNumberScheduled", st.UpdatedNumberScheduled}, {"numberAvailable", st.NumberAvailable},
		{"numberUnavailable", st.NumberUnavailable},
	} {
		allErrs = append(allErrs, ValidateNonNegative(int64(c.v), p.Child(c.name))...)
	}
	allErrs = append(allErrs, ValidateNonNegative(st.ObservedGeneration, p.Child("observedGeneration"))...)
	if st.CollisionCount != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*st.CollisionCount), p.Child("collisionCount"))...)
	}
	return allErrs
}
