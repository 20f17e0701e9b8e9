package validation

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// ValidateUnitedDeployment checks a UnitedDeployment on create.
func ValidateUnitedDeployment(obj *apps.UnitedDeployment) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateUnitedDeploymentSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateUnitedDeploymentUpdate checks an update: everything ValidateUnitedDeployment checks, plus
// the immutable parts of subsets and of StatefulSet / Advanced StatefulSet templates.
func ValidateUnitedDeploymentUpdate(obj, old *apps.UnitedDeployment) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, ValidateUnitedDeployment(obj)...)
	specPath := field.NewPath("spec")
	allErrs = append(allErrs, validateSubsetTemplateUpdate(&obj.Spec.Template, &old.Spec.Template, obj.Spec.Selector, specPath.Child("template"))...)

	oldSubsets := map[string]*apps.Subset{}
	for i := range old.Spec.Topology.Subsets {
		oldSubsets[old.Spec.Topology.Subsets[i].Name] = &old.Spec.Topology.Subsets[i]
	}
	for i := range obj.Spec.Topology.Subsets {
		s := &obj.Spec.Topology.Subsets[i]
		o, ok := oldSubsets[s.Name]
		if !ok {
			continue
		}
		p := specPath.Child("topology", "subsets").Index(i)
		if !apiequality.Semantic.DeepEqual(s.NodeSelectorTerm, o.NodeSelectorTerm) {
			allErrs = append(allErrs, field.Forbidden(p.Child("nodeSelectorTerm"), "may not be changed in an update"))
		}
		if !apiequality.Semantic.DeepEqual(s.Tolerations, o.Tolerations) {
			allErrs = append(allErrs, field.Forbidden(p.Child("tolerations"), "may not be changed in an update"))
		}
	}
	return allErrs
}

// ValidateUnitedDeploymentStatusUpdate checks a status write.
func ValidateUnitedDeploymentStatusUpdate(obj, old *apps.UnitedDeployment) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(st.ObservedGeneration, p.Child("observedGeneration"))...)
	for _, f := range []struct {
		name string
		v    int32
	}{{"replicas", st.Replicas}, {"readyReplicas", st.ReadyReplicas}, {"updatedReplicas", st.UpdatedReplicas},
		{"updatedReadyReplicas", st.UpdatedReadyReplicas}, {"reservedPods", st.ReservedPods}} {
		allErrs = append(allErrs, ValidateNonNegative(int64(f.v), p.Child(f.name))...)
	}
	if st.CollisionCount != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*st.CollisionCount), p.Child("collisionCount"))...)
	}
	return allErrs
}

func validateUnitedDeploymentSpec(spec *apps.UnitedDeploymentSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.Replicas != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	}
	selectorErrs := ValidateSelector(spec.Selector, fldPath.Child("selector"), true)
	allErrs = append(allErrs, selectorErrs...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}

	topoPath := fldPath.Child("topology")
	strategy := &spec.Topology.ScheduleStrategy
	switch strategy.Type {
	case "", apps.AdaptiveUnitedDeploymentScheduleStrategyType, apps.FixedUnitedDeploymentScheduleStrategyType:
	default:
		allErrs = append(allErrs, field.NotSupported(topoPath.Child("scheduleStrategy", "type"), strategy.Type, []string{
			string(apps.AdaptiveUnitedDeploymentScheduleStrategyType), string(apps.FixedUnitedDeploymentScheduleStrategyType)}))
	}
	if strategy.ShouldReserveUnschedulablePods() && (spec.Template.StatefulSetTemplate != nil || spec.Template.AdvancedStatefulSetTemplate != nil) {
		allErrs = append(allErrs, field.Invalid(topoPath.Child("scheduleStrategy", "adaptive", "reserveUnschedulablePods"), true,
			"only Deployment and CloneSet templates support reserving unschedulable pods"))
	}

	allErrs = append(allErrs, validateSubsetTemplate(&spec.Template, spec.Selector, len(selectorErrs) == 0, fldPath.Child("template"))...)

	subsetsPath := topoPath.Child("subsets")
	if spec.Replicas == nil || *spec.Replicas >= 0 { // a negative total is already reported
		allErrs = append(allErrs, validateSubsetReplicas(spec.Replicas, spec.Topology.Subsets, subsetsPath)...)
	}
	names := sets.New[string]()
	for i := range spec.Topology.Subsets {
		s := &spec.Topology.Subsets[i]
		p := subsetsPath.Index(i)
		switch {
		case s.Name == "":
			allErrs = append(allErrs, field.Required(p.Child("name"), ""))
		case names.Has(s.Name):
			allErrs = append(allErrs, field.Duplicate(p.Child("name"), s.Name))
		default:
			for _, msg := range apimachineryvalidation.NameIsDNSLabel(s.Name, false) {
				allErrs = append(allErrs, field.Invalid(p.Child("name"), s.Name, msg))
			}
		}
		names.Insert(s.Name)
		allErrs = append(allErrs, podtemplate.ValidateNodeSelectorTerm(s.NodeSelectorTerm, false, p.Child("nodeSelectorTerm"))...)
		allErrs = append(allErrs, podtemplate.ValidateTolerations(s.Tolerations, p.Child("tolerations"))...)
		if s.Replicas != nil && strategy.IsAdaptive() {
			allErrs = append(allErrs, field.Forbidden(p.Child("replicas"), "use minReplicas/maxReplicas with the Adaptive schedule strategy"))
		}
	}

	updatePath := fldPath.Child("updateStrategy")
	switch spec.UpdateStrategy.Type {
	case "", apps.ManualUpdateStrategyType:
		if m := spec.UpdateStrategy.ManualUpdate; m != nil {
			partitionsPath := updatePath.Child("manualUpdate", "partitions")
			for _, name := range sets.List(sets.KeySet(m.Partitions)) {
				if !names.Has(name) {
					allErrs = append(allErrs, field.Invalid(partitionsPath.Key(name), m.Partitions[name], fmt.Sprintf("subset %q does not exist", name)))
				}
				allErrs = append(allErrs, ValidateNonNegative(int64(m.Partitions[name]), partitionsPath.Key(name))...)
			}
		}
	default:
		allErrs = append(allErrs, field.NotSupported(updatePath.Child("type"), spec.UpdateStrategy.Type, []string{string(apps.ManualUpdateStrategyType)}))
	}
	return allErrs
}

// validateSubsetTemplate requires exactly one template and validates it; template labels are
// matched against the selector only when the selector itself is valid.
func validateSubsetTemplate(t *apps.SubsetTemplate, selector *metav1.LabelSelector, selectorValid bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	count := 0
	for _, set := range []bool{t.StatefulSetTemplate != nil, t.AdvancedStatefulSetTemplate != nil, t.CloneSetTemplate != nil, t.DeploymentTemplate != nil} {
		if set {
			count++
		}
	}
	const which = "statefulSetTemplate, advancedStatefulSetTemplate, cloneSetTemplate or deploymentTemplate"
	switch {
	case count == 0:
		allErrs = append(allErrs, field.Required(fldPath, "one of "+which+" is required"))
	case count > 1:
		allErrs = append(allErrs, field.Forbidden(fldPath, "only one of "+which+" may be set"))
	}
	if !selectorValid {
		selector = nil
	}
	switch {
	case t.StatefulSetTemplate != nil:
		p := fldPath.Child("statefulSetTemplate")
		sts := t.StatefulSetTemplate
		allErrs = append(allErrs, ValidateSelectorMatchesLabels(selector, sts.Labels, p.Child("metadata", "labels"))...)
		if sts.Spec.Replicas != nil {
			allErrs = append(allErrs, field.Forbidden(p.Child("spec", "replicas"), "replicas are set per subset by the UnitedDeployment"))
		}
		if partitionSetInStatefulSetStrategy(&sts.Spec.UpdateStrategy) {
			allErrs = append(allErrs, field.Forbidden(p.Child("spec", "updateStrategy", "rollingUpdate", "partition"), "partitions are set through spec.updateStrategy.manualUpdate"))
		}
		allErrs = append(allErrs, validateStatefulSetTemplateSpec(normalizeStatefulSetTemplateSpec(&sts.Spec, selector), p.Child("spec"))...)
	case t.AdvancedStatefulSetTemplate != nil:
		p := fldPath.Child("advancedStatefulSetTemplate")
		asts := t.AdvancedStatefulSetTemplate
		allErrs = append(allErrs, ValidateSelectorMatchesLabels(selector, asts.Labels, p.Child("metadata", "labels"))...)
		if asts.Spec.Replicas != nil {
			allErrs = append(allErrs, field.Forbidden(p.Child("spec", "replicas"), "replicas are set per subset by the UnitedDeployment"))
		}
		if string(asts.Spec.UpdateStrategy.Type) == string(appsv1.RollingUpdateStatefulSetStrategyType) &&
			asts.Spec.UpdateStrategy.RollingUpdate != nil && asts.Spec.UpdateStrategy.RollingUpdate.Partition != nil {
			allErrs = append(allErrs, field.Forbidden(p.Child("spec", "updateStrategy", "rollingUpdate", "partition"), "partitions are set through spec.updateStrategy.manualUpdate"))
		}
		allErrs = append(allErrs, validateSubsetPodTemplate(&asts.Spec.Template, asts.Spec.VolumeClaimTemplates, selector, p.Child("spec", "template"))...)
	case t.DeploymentTemplate != nil:
		p := fldPath.Child("deploymentTemplate")
		d := t.DeploymentTemplate
		allErrs = append(allErrs, ValidateSelectorMatchesLabels(selector, d.Labels, p.Child("metadata", "labels"))...)
		if d.Spec.Replicas != nil {
			allErrs = append(allErrs, field.Forbidden(p.Child("spec", "replicas"), "replicas are set per subset by the UnitedDeployment"))
		}
		allErrs = append(allErrs, validateSubsetPodTemplate(&d.Spec.Template, nil, selector, p.Child("spec", "template"))...)
	}
	return allErrs
}

func partitionSetInStatefulSetStrategy(s *appsv1.StatefulSetUpdateStrategy) bool {
	return s.Type == appsv1.RollingUpdateStatefulSetStrategyType && s.RollingUpdate != nil && s.RollingUpdate.Partition != nil
}

// normalizeStatefulSetTemplateSpec fills what the UnitedDeployment supplies (selector, one replica, no
// partition) and the apps/v1 defaults, so the spec can be validated like a StatefulSet's.
func normalizeStatefulSetTemplateSpec(spec *appsv1.StatefulSetSpec, selector *metav1.LabelSelector) *appsv1.StatefulSetSpec {
	out := spec.DeepCopy()
	out.Selector = selector.DeepCopy()
	out.Replicas = ptr.To[int32](1)
	if out.PodManagementPolicy == "" {
		out.PodManagementPolicy = appsv1.OrderedReadyPodManagement
	}
	if out.UpdateStrategy.Type == "" {
		out.UpdateStrategy.Type = appsv1.RollingUpdateStatefulSetStrategyType
	}
	if out.UpdateStrategy.RollingUpdate != nil {
		out.UpdateStrategy.RollingUpdate.Partition = nil
	}
	return out
}

// validateStatefulSetTemplateSpec validates a normalized apps/v1 StatefulSet spec.
func validateStatefulSetTemplateSpec(spec *appsv1.StatefulSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch spec.PodManagementPolicy {
	case appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("podManagementPolicy"), spec.PodManagementPolicy, []string{
			string(appsv1.OrderedReadyPodManagement), string(appsv1.ParallelPodManagement)}))
	}
	strategyPath := fldPath.Child("updateStrategy")
	switch spec.UpdateStrategy.Type {
	case appsv1.RollingUpdateStatefulSetStrategyType:
		if ru := spec.UpdateStrategy.RollingUpdate; ru != nil && ru.MaxUnavailable != nil {
			p := strategyPath.Child("rollingUpdate", "maxUnavailable")
			errs := ValidateIntOrPercent(ru.MaxUnavailable, p)
			errs = append(errs, ValidatePercentAtMost100(ru.MaxUnavailable, p)...)
			if len(errs) == 0 {
				if n, err := ScaledValue(ru.MaxUnavailable, 1, true); err == nil && n < 1 {
					errs = append(errs, field.Invalid(p, ru.MaxUnavailable.String(), "must be greater than 0"))
				}
			}
			allErrs = append(allErrs, errs...)
		}
	case appsv1.OnDeleteStatefulSetStrategyType:
		if spec.UpdateStrategy.RollingUpdate != nil {
			allErrs = append(allErrs, field.Forbidden(strategyPath.Child("rollingUpdate"), "only allowed for updateStrategy 'RollingUpdate'"))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(strategyPath.Child("type"), spec.UpdateStrategy.Type, []string{
			string(appsv1.RollingUpdateStatefulSetStrategyType), string(appsv1.OnDeleteStatefulSetStrategyType)}))
	}
	if policy := spec.PersistentVolumeClaimRetentionPolicy; policy != nil {
		p := fldPath.Child("persistentVolumeClaimRetentionPolicy")
		for _, f := range []struct {
			name string
			v    appsv1.PersistentVolumeClaimRetentionPolicyType
		}{{"whenDeleted", policy.WhenDeleted}, {"whenScaled", policy.WhenScaled}} {
			switch f.v {
			case appsv1.RetainPersistentVolumeClaimRetentionPolicyType, appsv1.DeletePersistentVolumeClaimRetentionPolicyType:
			default:
				allErrs = append(allErrs, field.NotSupported(p.Child(f.name), f.v, []string{
					string(appsv1.RetainPersistentVolumeClaimRetentionPolicyType), string(appsv1.DeletePersistentVolumeClaimRetentionPolicyType)}))
			}
		}
	}
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	allErrs = append(allErrs, ValidateNonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.Ordinals != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(spec.Ordinals.Start), fldPath.Child("ordinals", "start"))...)
	}
	allErrs = append(allErrs, validateSubsetPodTemplate(&spec.Template, spec.VolumeClaimTemplates, spec.Selector, fldPath.Child("template"))...)
	for i := range spec.VolumeClaimTemplates {
		pvc := spec.VolumeClaimTemplates[i].DeepCopy()
		podtemplate.SetDefaultsPersistentVolumeClaim(pvc)
		allErrs = append(allErrs, podtemplate.ValidatePersistentVolumeClaimTemplate(pvc, fldPath.Child("volumeClaimTemplates").Index(i))...)
	}
	return allErrs
}

// validateSubsetPodTemplate validates a workload's pod template the way OpenKruise does: on a defaulted
// copy (only the statefulSetTemplate is defaulted in the stored object), with the selector matching
// its labels.
func validateSubsetPodTemplate(t *corev1.PodTemplateSpec, claims []corev1.PersistentVolumeClaim, selector *metav1.LabelSelector, fldPath *field.Path) field.ErrorList {
	allErrs := ValidateSelectorMatchesLabels(selector, t.Labels, fldPath.Child("metadata", "labels"))
	defaulted := t.DeepCopy()
	podtemplate.SetDefaultsPodTemplate(defaulted)
	return append(allErrs, validateWorkloadTemplate(defaulted, claims, fldPath)...)
}

// validateSubsetTemplateUpdate restricts changes to a template kind that exists before and after.
func validateSubsetTemplateUpdate(t, old *apps.SubsetTemplate, selector *metav1.LabelSelector, fldPath *field.Path) field.ErrorList {
	switch {
	case t.StatefulSetTemplate != nil && old.StatefulSetTemplate != nil:
		spec := normalizeStatefulSetTemplateSpec(&t.StatefulSetTemplate.Spec, selector)
		oldSpec := normalizeStatefulSetTemplateSpec(&old.StatefulSetTemplate.Spec, selector)
		spec.Template = oldSpec.Template
		spec.UpdateStrategy = oldSpec.UpdateStrategy
		spec.PersistentVolumeClaimRetentionPolicy = oldSpec.PersistentVolumeClaimRetentionPolicy
		spec.MinReadySeconds = oldSpec.MinReadySeconds
		spec.Ordinals = oldSpec.Ordinals
		if !apiequality.Semantic.DeepEqual(spec, oldSpec) {
			return field.ErrorList{field.Forbidden(fldPath.Child("statefulSetTemplate", "spec"),
				"only template, updateStrategy, persistentVolumeClaimRetentionPolicy, minReadySeconds and ordinals may change")}
		}
	case t.AdvancedStatefulSetTemplate != nil && old.AdvancedStatefulSetTemplate != nil:
		spec := t.AdvancedStatefulSetTemplate.Spec.DeepCopy()
		oldSpec := &old.AdvancedStatefulSetTemplate.Spec
		spec.Replicas = oldSpec.Replicas
		spec.Template = oldSpec.Template
		spec.UpdateStrategy = oldSpec.UpdateStrategy
		if !apiequality.Semantic.DeepEqual(spec, oldSpec) {
			return field.ErrorList{field.Forbidden(fldPath.Child("advancedStatefulSetTemplate", "spec"),
				"only template and updateStrategy may change")}
		}
	}
	return nil
}

// parseSubsetReplicas resolves a subset's int-or-percent replicas against the total (-1 when the
// total is unset, in which case percentages are not allowed).
func parseSubsetReplicas(total int32, v *intstr.IntOrString) (int32, error) {
	if v.Type == intstr.Int {
		if v.IntVal < 0 {
			return 0, fmt.Errorf("must be greater than or equal to 0")
		}
		return v.IntVal, nil
	}
	if total < 0 {
		return 0, fmt.Errorf("a percentage needs spec.replicas to be set")
	}
	digits, ok := strings.CutSuffix(v.StrVal, "%")
	if !ok {
		return 0, fmt.Errorf("must be an integer or a percentage (e.g. '10%%')")
	}
	percent, err := strconv.ParseInt(digits, 10, 32)
	if err != nil || percent < 0 || percent > 100 {
		return 0, fmt.Errorf("must be a percentage between 0%% and 100%%")
	}
	return int32(math.Floor(float64(total)*float64(percent)/100 + 0.5)), nil
}

// validateSubsetReplicas checks the replica arithmetic over all subsets: fixed replicas and
// min/max capacities exclude each other; capacities need spec.replicas, a subset without
// maxReplicas and sum(min) <= sum(max); fixed replicas may not exceed spec.replicas and must add up
// to it when every subset has one, and every subset needs one when spec.replicas is unset.
func validateSubsetReplicas(udReplicas *int32, subsets []apps.Subset, fldPath *field.Path) field.ErrorList {
	const unbounded = 1000000
	total := int32(-1)
	if udReplicas != nil {
		total = *udReplicas
	}
	var (
		allErrs                    field.ErrorList
		sumReplicas, sumMin        int64
		sumMax                     int64
		countReplicas, countMax    int
		hasReplicas, hasCapacities bool
	)
	for i := range subsets {
		s, p := &subsets[i], fldPath.Index(i)
		if s.Replicas != nil {
			countReplicas++
			hasReplicas = true
			n, err := parseSubsetReplicas(total, s.Replicas)
			if err != nil {
				allErrs = append(allErrs, field.Invalid(p.Child("replicas"), s.Replicas.String(), err.Error()))
			}
			sumReplicas += int64(n)
		}
		minReplicas, maxReplicas := int32(0), int32(unbounded)
		if s.MinReplicas != nil {
			hasCapacities = true
			n, err := parseSubsetReplicas(total, s.MinReplicas)
			if err != nil {
				allErrs = append(allErrs, field.Invalid(p.Child("minReplicas"), s.MinReplicas.String(), err.Error()))
			}
			minReplicas = n
		}
		if s.MaxReplicas != nil {
			hasCapacities = true
			countMax++
			n, err := parseSubsetReplicas(total, s.MaxReplicas)
			if err != nil {
				allErrs = append(allErrs, field.Invalid(p.Child("maxReplicas"), s.MaxReplicas.String(), err.Error()))
			}
			maxReplicas = n
		}
		sumMin += int64(minReplicas)
		sumMax += int64(maxReplicas)
		if minReplicas > maxReplicas {
			allErrs = append(allErrs, field.Invalid(p.Child("minReplicas"), minReplicas, "must be less than or equal to maxReplicas"))
		}
	}
	switch {
	case hasReplicas && hasCapacities:
		allErrs = append(allErrs, field.Invalid(fldPath, "", "replicas and minReplicas/maxReplicas cannot be mixed in one UnitedDeployment"))
	case hasCapacities:
		if udReplicas == nil {
			allErrs = append(allErrs, field.Required(field.NewPath("spec", "replicas"), "required when subsets use minReplicas/maxReplicas"))
		}
		if countMax >= len(subsets) {
			allErrs = append(allErrs, field.Invalid(fldPath, countMax, "at least one subset must leave maxReplicas unset"))
		}
		if sumMin > sumMax {
			allErrs = append(allErrs, field.Invalid(fldPath, sumMin, "the sum of minReplicas must not exceed the sum of maxReplicas"))
		}
	case udReplicas != nil:
		if sumReplicas > int64(*udReplicas) {
			allErrs = append(allErrs, field.Invalid(fldPath, sumReplicas, fmt.Sprintf("the sum of subset replicas must not exceed spec.replicas (%d)", *udReplicas)))
		}
		if countReplicas > 0 && countReplicas == len(subsets) && sumReplicas != int64(*udReplicas) {
			allErrs = append(allErrs, field.Invalid(fldPath, sumReplicas, fmt.Sprintf("when every subset sets replicas they must add up to spec.replicas (%d)", *udReplicas)))
		}
	case countReplicas != len(subsets):
		allErrs = append(allErrs, field.Invalid(fldPath, sumReplicas, "every subset must set replicas when spec.replicas is unset"))
	}
	return allErrs
}
