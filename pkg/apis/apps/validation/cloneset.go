package validation

import (
	"math"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// ValidateCloneSet checks a CloneSet on create (and, through ValidateCloneSetUpdate, on update).
func ValidateCloneSet(obj *apps.CloneSet) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateCloneSetSpec(&obj.Spec, field.NewPath("spec"))...)
}

func validateCloneSetSpec(spec *apps.CloneSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	replicas := 0
	if spec.Replicas == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("replicas"), ""))
	} else {
		replicas = int(*spec.Replicas)
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	}
	allErrs = append(allErrs, ValidateSelector(spec.Selector, fldPath.Child("selector"), true)...)
	allErrs = append(allErrs, ValidateSelectorMatchesLabels(spec.Selector, spec.Template.Labels, fldPath.Child("template", "metadata", "labels"))...)
	allErrs = append(allErrs, validateWorkloadTemplate(&spec.Template, spec.VolumeClaimTemplates, fldPath.Child("template"))...)
	for i := range spec.VolumeClaimTemplates {
		allErrs = append(allErrs, podtemplate.ValidatePersistentVolumeClaimTemplate(&spec.VolumeClaimTemplates[i], fldPath.Child("volumeClaimTemplates").Index(i))...)
	}
	allErrs = append(allErrs, validateCloneSetScaleStrategy(&spec.ScaleStrategy, fldPath.Child("scaleStrategy"))...)
	allErrs = append(allErrs, validateCloneSetUpdateStrategy(&spec.UpdateStrategy, replicas, fldPath.Child("updateStrategy"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	allErrs = append(allErrs, ValidateNonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if d := spec.ProgressDeadlineSeconds; d != nil {
		path := fldPath.Child("progressDeadlineSeconds")
		allErrs = append(allErrs, ValidateNonNegative(int64(*d), path)...)
		if *d != math.MaxInt32 && *d <= spec.MinReadySeconds {
			allErrs = append(allErrs, field.Invalid(path, *d, "must be greater than minReadySeconds"))
		}
	}
	allErrs = append(allErrs, ValidateLifecycle(spec.Lifecycle, fldPath.Child("lifecycle"))...)
	return allErrs
}

// validateWorkloadTemplate validates a long-running workload's pod template: the template itself
// (with one volume standing in for each volume claim template), restartPolicy Always, and no
// activeDeadlineSeconds.
func validateWorkloadTemplate(t *corev1.PodTemplateSpec, claims []corev1.PersistentVolumeClaim, fldPath *field.Path) field.ErrorList {
	withClaims := t.DeepCopy()
	for _, c := range claims {
		withClaims.Spec.Volumes = append(withClaims.Spec.Volumes, corev1.Volume{
			Name:         c.Name,
			VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: c.Name}},
		})
	}
	allErrs := podtemplate.ValidatePodTemplateSpec(withClaims, fldPath)
	specPath := fldPath.Child("spec")
	if p := t.Spec.RestartPolicy; p != "" && p != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(specPath.Child("restartPolicy"), p, []string{string(corev1.RestartPolicyAlways)}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("activeDeadlineSeconds"), "activeDeadlineSeconds in a workload's pod template is not supported"))
	}
	return allErrs
}

func validateCloneSetScaleStrategy(s *apps.CloneSetScaleStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := sets.New[string]()
	for i, name := range s.PodsToDelete {
		if seen.Has(name) {
			allErrs = append(allErrs, field.Duplicate(fldPath.Child("podsToDelete").Index(i), name))
		}
		seen.Insert(name)
	}
	allErrs = append(allErrs, ValidateIntOrPercent(s.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
	return allErrs
}

func validateCloneSetUpdateStrategy(s *apps.CloneSetUpdateStrategy, replicas int, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case "", apps.RollingUpdateCloneSetUpdateStrategyType, apps.OnDeleteCloneSetUpdateStrategyType:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), s.Type,
			[]string{string(apps.RollingUpdateCloneSetUpdateStrategyType), string(apps.OnDeleteCloneSetUpdateStrategyType)}))
	}
	ru := s.RollingUpdate
	if ru == nil {
		return allErrs
	}
	ruPath := fldPath.Child("rollingUpdate")
	switch ru.PodUpdatePolicy {
	case "", apps.RecreateCloneSetPodUpdateStrategyType, apps.InPlaceIfPossibleCloneSetPodUpdateStrategyType, apps.InPlaceOnlyCloneSetPodUpdateStrategyType:
	default:
		allErrs = append(allErrs, field.NotSupported(ruPath.Child("podUpdatePolicy"), ru.PodUpdatePolicy, []string{
			string(apps.RecreateCloneSetPodUpdateStrategyType), string(apps.InPlaceIfPossibleCloneSetPodUpdateStrategyType), string(apps.InPlaceOnlyCloneSetPodUpdateStrategyType)}))
	}
	allErrs = append(allErrs, ValidateIntOrPercent(ru.Partition, ruPath.Child("partition"))...)
	unavailableErrs := ValidateIntOrPercent(ru.MaxUnavailable, ruPath.Child("maxUnavailable"))
	surgeErrs := ValidateIntOrPercent(ru.MaxSurge, ruPath.Child("maxSurge"))
	allErrs = append(allErrs, unavailableErrs...)
	allErrs = append(allErrs, surgeErrs...)
	allErrs = append(allErrs, ValidateUpdatePriorityStrategy(ru.PriorityStrategy, ruPath.Child("priorityStrategy"))...)
	allErrs = append(allErrs, ValidateUpdateScatterStrategy(ru.ScatterStrategy, ruPath.Child("scatterStrategy"))...)
	allErrs = append(allErrs, ValidateInPlaceUpdateStrategy(ru.InPlaceUpdateStrategy, ruPath.Child("inPlaceUpdateStrategy"))...)
	if len(unavailableErrs)+len(surgeErrs) > 0 {
		return allErrs
	}
	maxSurge, _ := ScaledValue(ru.MaxSurge, replicas, true)
	maxUnavailable, _ := ScaledValue(ru.MaxUnavailable, replicas, true)
	if ru.PodUpdatePolicy == apps.InPlaceOnlyCloneSetPodUpdateStrategyType && maxSurge > 0 {
		allErrs = append(allErrs, field.Invalid(ruPath.Child("maxSurge"), ru.MaxSurge.String(), "maxSurge can not be used with InPlaceOnly"))
	}
	// OpenKruise's v1beta1 check compares a shadowed maxSurge and so demands maxUnavailable >= 1;
	// the intended rule is that a rolling update may not have both at zero (it could never
	// progress). An OnDelete CloneSet never rolls, so its rolling-update settings may be partial.
	if s.Type != apps.OnDeleteCloneSetUpdateStrategyType && replicas > 0 && maxUnavailable < 1 && maxSurge < 1 {
		allErrs = append(allErrs, field.Invalid(ruPath.Child("maxUnavailable"), ru.MaxUnavailable, "maxUnavailable and maxSurge may not both be 0"))
	}
	return allErrs
}

// ValidateCloneSetUpdate checks an update: the new object, immutable fields, and that an
// InPlaceOnly CloneSet changes nothing in its template but container images.
func ValidateCloneSetUpdate(obj, old *apps.CloneSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, validateCloneSetSpec(&obj.Spec, field.NewPath("spec"))...)
	if !apiequality.Semantic.DeepEqual(obj.Spec.Selector, old.Spec.Selector) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "selector"), "field is immutable"))
	}
	if ru := obj.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.PodUpdatePolicy == apps.InPlaceOnlyCloneSetPodUpdateStrategyType {
		allErrs = append(allErrs, ValidateOnlyImagesChanged(&obj.Spec.Template.Spec, &old.Spec.Template.Spec, field.NewPath("spec", "template", "spec"))...)
	}
	return allErrs
}

// ValidateOnlyImagesChanged rejects template changes other than container images, which the
// InPlaceOnly policy could never roll out.
func ValidateOnlyImagesChanged(spec, old *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	a, b := spec.DeepCopy(), old.DeepCopy()
	if len(a.Containers) == len(b.Containers) {
		for i := range a.Containers {
			a.Containers[i].Image = b.Containers[i].Image
		}
	}
	if apiequality.Semantic.DeepEqual(a, b) {
		return nil
	}
	return field.ErrorList{field.Forbidden(fldPath, "only container images may change when podUpdatePolicy is InPlaceOnly")}
}

// ValidateCloneSetStatusUpdate checks a status write.
func ValidateCloneSetStatusUpdate(obj, old *apps.CloneSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	for name, v := range map[string]int32{
		"replicas": st.Replicas, "readyReplicas": st.ReadyReplicas, "availableReplicas": st.AvailableReplicas,
		"updatedReplicas": st.UpdatedReplicas, "updatedReadyReplicas": st.UpdatedReadyReplicas,
		"updatedAvailableReplicas": st.UpdatedAvailableReplicas, "expectedUpdatedReplicas": st.ExpectedUpdatedReplicas,
	} {
		allErrs = append(allErrs, ValidateNonNegative(int64(v), p.Child(name))...)
	}
	allErrs = append(allErrs, ValidateNonNegative(st.ObservedGeneration, p.Child("observedGeneration"))...)
	if st.CollisionCount != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*st.CollisionCount), p.Child("collisionCount"))...)
	}
	return allErrs
}
