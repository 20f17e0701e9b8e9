package validation

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// reserveOrdinalRange is the string form of a reserved ordinal range, "start-end".
var reserveOrdinalRange = regexp.MustCompile(`^\d+-\d+$`)

// ValidateStatefulSet checks an Advanced StatefulSet on create. Its name becomes each pod's
// hostname, so it must be a DNS label (as for upstream StatefulSets).
func ValidateStatefulSet(obj *apps.StatefulSet) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMeta(&obj.ObjectMeta, true, apimachineryvalidation.NameIsDNSLabel, field.NewPath("metadata"))
	return append(allErrs, validateStatefulSetSpec(&obj.Spec, field.NewPath("spec"))...)
}

func validateStatefulSetSpec(spec *apps.StatefulSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch spec.PodManagementPolicy {
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("podManagementPolicy"), ""))
	case appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("podManagementPolicy"), spec.PodManagementPolicy,
			[]string{string(appsv1.OrderedReadyPodManagement), string(appsv1.ParallelPodManagement)}))
	}
	parallel := spec.PodManagementPolicy == appsv1.ParallelPodManagement

	if spec.Replicas == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("replicas"), ""))
	} else {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	}
	allErrs = append(allErrs, ValidateSelector(spec.Selector, fldPath.Child("selector"), true)...)
	allErrs = append(allErrs, ValidateSelectorMatchesLabels(spec.Selector, spec.Template.Labels, fldPath.Child("template", "metadata", "labels"))...)
	allErrs = append(allErrs, validateStatefulSetTemplate(&spec.Template, fldPath.Child("template"))...)

	allErrs = append(allErrs, validateReserveOrdinals(spec.ReserveOrdinals, fldPath.Child("reserveOrdinals"))...)
	if spec.ScaleStrategy != nil && spec.ScaleStrategy.MaxUnavailable != nil {
		allErrs = append(allErrs, validateStatefulSetMaxUnavailable(spec.ScaleStrategy.MaxUnavailable, parallel, fldPath.Child("scaleStrategy", "maxUnavailable"))...)
	}
	allErrs = append(allErrs, validateStatefulSetUpdateStrategy(spec, parallel, fldPath.Child("updateStrategy"))...)
	if p := spec.PersistentVolumeClaimRetentionPolicy; p != nil {
		path := fldPath.Child("persistentVolumeClaimRetentionPolicy")
		allErrs = append(allErrs, validatePVCRetentionPolicyType(p.WhenDeleted, path.Child("whenDeleted"))...)
		allErrs = append(allErrs, validatePVCRetentionPolicyType(p.WhenScaled, path.Child("whenScaled"))...)
	}
	switch t := spec.VolumeClaimUpdateStrategy.Type; t {
	case "", apps.OnPodRollingUpdateVolumeClaimUpdateStrategyType, apps.OnPVCDeleteVolumeClaimUpdateStrategyType:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("volumeClaimUpdateStrategy", "type"), t,
			[]string{string(apps.OnPodRollingUpdateVolumeClaimUpdateStrategyType), string(apps.OnPVCDeleteVolumeClaimUpdateStrategyType)}))
	}
	if spec.Ordinals != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(spec.Ordinals.Start), fldPath.Child("ordinals", "start"))...)
	}
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	allErrs = append(allErrs, ValidateLifecycle(spec.Lifecycle, fldPath.Child("lifecycle"))...)
	return allErrs
}

// validateStatefulSetTemplate checks what upstream and OpenKruise check in a StatefulSet's pod
// template: its labels and annotations, restartPolicy Always and no activeDeadlineSeconds. The pod
// spec itself is left to pod creation, as there.
func validateStatefulSetTemplate(t *corev1.PodTemplateSpec, fldPath *field.Path) field.ErrorList {
	allErrs := metav1validation.ValidateLabels(t.Labels, fldPath.Child("labels"))
	allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(t.Annotations, fldPath.Child("annotations"))...)
	specPath := fldPath.Child("spec")
	if p := t.Spec.RestartPolicy; p != "" && p != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(specPath.Child("restartPolicy"), p, []string{string(corev1.RestartPolicyAlways)}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not supported"))
	}
	return allErrs
}

func validateReserveOrdinals(ordinals []intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for i, o := range ordinals {
		path := fldPath.Index(i)
		switch o.Type {
		case intstr.Int:
			if o.IntVal < 0 {
				allErrs = append(allErrs, field.Invalid(path, o.IntVal, "must be greater than or equal to 0"))
			}
		case intstr.String:
			if _, _, err := parseOrdinalRange(o.StrVal); err != nil {
				allErrs = append(allErrs, field.Invalid(path, o.StrVal, err.Error()))
			}
		default:
			allErrs = append(allErrs, field.Invalid(path, o, "must be an integer or a range like \"3-5\""))
		}
	}
	return allErrs
}

// parseOrdinalRange parses "start-end" with start <= end.
func parseOrdinalRange(s string) (int, int, error) {
	if !reserveOrdinalRange.MatchString(s) {
		return 0, 0, fmt.Errorf("must be an integer or a range like \"3-5\"")
	}
	from, to, _ := strings.Cut(s, "-")
	start, err1 := strconv.Atoi(from)
	end, err2 := strconv.Atoi(to)
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("range bounds are out of range")
	}
	if start > end {
		return 0, 0, fmt.Errorf("range start must not be greater than its end")
	}
	return start, end, nil
}

// validateStatefulSetMaxUnavailable checks a maxUnavailable: an integer or percent resolving to at
// least 1, and nothing but the integer 1 unless pods are managed in parallel.
func validateStatefulSetMaxUnavailable(v *intstr.IntOrString, parallel bool, fldPath *field.Path) field.ErrorList {
	allErrs := ValidateIntOrPercent(v, fldPath)
	if len(allErrs) == 0 {
		if n, err := ScaledValue(v, 1, true); err != nil || n < 1 {
			allErrs = append(allErrs, field.Invalid(fldPath, v.String(), "must not be less than 1"))
		}
	}
	if !parallel && (v.Type != intstr.Int || v.IntVal != 1) {
		allErrs = append(allErrs, field.Invalid(fldPath, v.String(), "values other than 1 need podManagementPolicy Parallel"))
	}
	return allErrs
}

func validateStatefulSetUpdateStrategy(spec *apps.StatefulSetSpec, parallel bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	s := &spec.UpdateStrategy
	ruPath := fldPath.Child("rollingUpdate")
	switch s.Type {
	case "":
		return append(allErrs, field.Required(fldPath.Child("type"), ""))
	case appsv1.OnDeleteStatefulSetStrategyType:
		if s.RollingUpdate != nil {
			allErrs = append(allErrs, field.Forbidden(ruPath, fmt.Sprintf("only allowed for updateStrategy type %q", appsv1.RollingUpdateStatefulSetStrategyType)))
		}
		return allErrs
	case appsv1.RollingUpdateStatefulSetStrategyType:
	default:
		return append(allErrs, field.NotSupported(fldPath.Child("type"), s.Type,
			[]string{string(appsv1.RollingUpdateStatefulSetStrategyType), string(appsv1.OnDeleteStatefulSetStrategyType)}))
	}
	ru := s.RollingUpdate
	if ru == nil {
		return allErrs
	}
	if ru.Partition != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*ru.Partition), ruPath.Child("partition"))...)
	}
	if m := ru.MinReadySeconds; m != nil {
		if *m < 0 || *m > apps.MaxMinReadySeconds {
			allErrs = append(allErrs, field.Invalid(ruPath.Child("minReadySeconds"), *m, fmt.Sprintf("must be between 0 and %d", apps.MaxMinReadySeconds)))
		}
	}
	if ru.MaxUnavailable == nil {
		allErrs = append(allErrs, field.Required(ruPath.Child("maxUnavailable"), ""))
	} else {
		allErrs = append(allErrs, validateStatefulSetMaxUnavailable(ru.MaxUnavailable, parallel, ruPath.Child("maxUnavailable"))...)
	}
	switch ru.PodUpdatePolicy {
	case "":
		allErrs = append(allErrs, field.Required(ruPath.Child("podUpdatePolicy"), ""))
	case apps.RecreatePodUpdateStrategyType:
	case apps.InPlaceIfPossiblePodUpdateStrategyType, apps.InPlaceOnlyPodUpdateStrategyType:
		if !hasReadinessGate(spec.Template.Spec.ReadinessGates, pub.InPlaceUpdateReady) {
			allErrs = append(allErrs, field.Required(fldPath.Root().Child("template", "spec", "readinessGates"),
				fmt.Sprintf("must contain %s when podUpdatePolicy is %s", pub.InPlaceUpdateReady, ru.PodUpdatePolicy)))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(ruPath.Child("podUpdatePolicy"), ru.PodUpdatePolicy, []string{
			string(apps.RecreatePodUpdateStrategyType), string(apps.InPlaceIfPossiblePodUpdateStrategyType), string(apps.InPlaceOnlyPodUpdateStrategyType)}))
	}
	if uu := ru.UnorderedUpdate; uu != nil {
		uuPath := ruPath.Child("unorderedUpdate")
		if !parallel {
			allErrs = append(allErrs, field.Forbidden(uuPath, "only allowed with podManagementPolicy Parallel"))
		}
		allErrs = append(allErrs, ValidateUpdatePriorityStrategy(uu.PriorityStrategy, uuPath.Child("priorityStrategy"))...)
	}
	allErrs = append(allErrs, ValidateInPlaceUpdateStrategy(ru.InPlaceUpdateStrategy, ruPath.Child("inPlaceUpdateStrategy"))...)
	return allErrs
}

func hasReadinessGate(gates []corev1.PodReadinessGate, condition corev1.PodConditionType) bool {
	for _, g := range gates {
		if g.ConditionType == condition {
			return true
		}
	}
	return false
}

func validatePVCRetentionPolicyType(t apps.PersistentVolumeClaimRetentionPolicyType, fldPath *field.Path) field.ErrorList {
	switch t {
	case apps.RetainPersistentVolumeClaimRetentionPolicyType, apps.DeletePersistentVolumeClaimRetentionPolicyType:
		return nil
	}
	return field.ErrorList{field.NotSupported(fldPath, t, []string{
		string(apps.RetainPersistentVolumeClaimRetentionPolicyType), string(apps.DeletePersistentVolumeClaimRetentionPolicyType)})}
}

// ValidateStatefulSetUpdate checks an update: the new object, the immutable selector, serviceName
// and podManagementPolicy, that an InPlaceOnly set changes no more than container images, and that
// volume claim templates updated OnPodRollingUpdate only change in size.
func ValidateStatefulSetUpdate(obj, old *apps.StatefulSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	specPath := field.NewPath("spec")
	allErrs = append(allErrs, validateStatefulSetSpec(&obj.Spec, specPath)...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.Selector, old.Spec.Selector, specPath.Child("selector"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.ServiceName, old.Spec.ServiceName, specPath.Child("serviceName"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.PodManagementPolicy, old.Spec.PodManagementPolicy, specPath.Child("podManagementPolicy"))...)
	if ru := obj.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.PodUpdatePolicy == apps.InPlaceOnlyPodUpdateStrategyType {
		allErrs = append(allErrs, ValidateOnlyImagesChanged(&obj.Spec.Template.Spec, &old.Spec.Template.Spec, specPath.Child("template", "spec"))...)
	}
	if obj.Spec.VolumeClaimUpdateStrategy.Type == apps.OnPodRollingUpdateVolumeClaimUpdateStrategyType {
		allErrs = append(allErrs, validateVolumeClaimTemplatesResizeOnly(obj.Spec.VolumeClaimTemplates, old.Spec.VolumeClaimTemplates, specPath.Child("volumeClaimTemplates"))...)
	}
	return allErrs
}

// validateVolumeClaimTemplatesResizeOnly allows, for templates rolled out to existing PVCs, no
// added, removed or renamed template and no change of storage class or access modes. Whether the
// storage class allows expansion needs a StorageClass lookup and is not checked here.
func validateVolumeClaimTemplatesResizeOnly(claims, old []corev1.PersistentVolumeClaim, fldPath *field.Path) field.ErrorList {
	if len(claims) != len(old) {
		return field.ErrorList{field.Forbidden(fldPath, "templates may not be added or removed when volumeClaimUpdateStrategy is OnPodRollingUpdate")}
	}
	byName := make(map[string]*corev1.PersistentVolumeClaim, len(old))
	for i := range old {
		byName[old[i].Name] = &old[i]
	}
	var allErrs field.ErrorList
	for i := range claims {
		c, path := &claims[i], fldPath.Index(i)
		o, ok := byName[c.Name]
		if !ok {
			allErrs = append(allErrs, field.Forbidden(path.Child("metadata", "name"), "templates may not be renamed when volumeClaimUpdateStrategy is OnPodRollingUpdate"))
			continue
		}
		if c.Spec.StorageClassName != nil && o.Spec.StorageClassName != nil && *c.Spec.StorageClassName != *o.Spec.StorageClassName {
			allErrs = append(allErrs, field.Forbidden(path.Child("spec", "storageClassName"), "may not change when volumeClaimUpdateStrategy is OnPodRollingUpdate"))
		}
		if !apiequality.Semantic.DeepEqual(c.Spec.AccessModes, o.Spec.AccessModes) {
			allErrs = append(allErrs, field.Forbidden(path.Child("spec", "accessModes"), "may not change when volumeClaimUpdateStrategy is OnPodRollingUpdate"))
		}
	}
	return allErrs
}

// ValidateStatefulSetStatusUpdate checks a status write: counters and generations are not negative.
func ValidateStatefulSetStatusUpdate(obj, old *apps.StatefulSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	for _, c := range []struct {
		name string
		v    int32
	}{
		{"replicas", st.Replicas}, {"readyReplicas", st.ReadyReplicas}, {"availableReplicas", st.AvailableReplicas},
		{"currentReplicas", st.CurrentReplicas}, {"updatedReplicas", st.UpdatedReplicas},
		{"updatedReadyReplicas", st.UpdatedReadyReplicas}, {"updatedAvailableReplicas", st.UpdatedAvailableReplicas},
	} {
		allErrs = append(allErrs, ValidateNonNegative(int64(c.v), p.Child(c.name))...)
	}
	allErrs = append(allErrs, ValidateNonNegative(st.ObservedGeneration, p.Child("observedGeneration"))...)
	if st.CollisionCount != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*st.CollisionCount), p.Child("collisionCount"))...)
	}
	for i, vc := range st.VolumeClaims {
		path := p.Child("volumeClaims").Index(i)
		allErrs = append(allErrs, ValidateNonNegative(int64(vc.CompatibleReplicas), path.Child("compatibleReplicas"))...)
		allErrs = append(allErrs, ValidateNonNegative(int64(vc.CompatibleReadyReplicas), path.Child("compatibleReadyReplicas"))...)
	}
	return allErrs
}
