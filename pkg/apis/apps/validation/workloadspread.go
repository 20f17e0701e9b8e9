package validation

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// workloadSpreadTargetGroups are the groups each built-in target kind may come from. Other kinds
// are allowed only through the kruise-configuration whitelist, which admission checks.
var workloadSpreadTargetGroups = map[string][]string{
	"CloneSet":    {apps.GroupName},
	"Deployment":  {"apps"},
	"ReplicaSet":  {"apps"},
	"Job":         {"batch"},
	"StatefulSet": {"apps", apps.GroupName},
}

// workloadSpreadMaxScheduleFailedSeconds bounds the sum of the reschedule delays over the subsets.
const workloadSpreadMaxScheduleFailedSeconds = 300 - 5

// ValidateWorkloadSpread checks a WorkloadSpread on create (and, through ValidateWorkloadSpreadUpdate,
// on update). Checks that need the cluster (the target workload's template for patch, the custom
// kind whitelist, other WorkloadSpreads on the same target) belong to admission.
func ValidateWorkloadSpread(obj *apps.WorkloadSpread) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateWorkloadSpreadSpec(&obj.Spec, field.NewPath("spec"))...)
}

func validateWorkloadSpreadSpec(spec *apps.WorkloadSpreadSpec, fldPath *field.Path) field.ErrorList {
	allErrs := validateWorkloadSpreadTargetRef(spec.TargetReference, fldPath.Child("targetRef"))
	allErrs = append(allErrs, validateWorkloadSpreadSubsets(spec, fldPath.Child("subsets"))...)
	allErrs = append(allErrs, validateWorkloadSpreadScheduleStrategy(spec, fldPath.Child("scheduleStrategy"))...)
	if f := spec.TargetFilter; f != nil && f.Selector != nil {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(f.Selector, metav1validation.LabelSelectorValidationOptions{}, fldPath.Child("targetFilter", "selector"))...)
	}
	return allErrs
}

func validateWorkloadSpreadTargetRef(ref *apps.TargetReference, fldPath *field.Path) field.ErrorList {
	if ref == nil {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	allErrs := validateTargetReferenceFields(ref, fldPath)
	if len(allErrs) > 0 {
		return allErrs
	}
	groups, builtIn := workloadSpreadTargetGroups[ref.Kind]
	if !builtIn {
		return nil
	}
	gv, _ := schema.ParseGroupVersion(ref.APIVersion)
	if !sets.New(groups...).Has(gv.Group) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("apiVersion"), ref.APIVersion,
			fmt.Sprintf("a %s target must be in API group %s", ref.Kind, strings.Join(groups, " or "))))
	}
	return allErrs
}

// validateTargetReferenceFields requires apiVersion, kind and name, and a parseable apiVersion.
func validateTargetReferenceFields(ref *apps.TargetReference, fldPath *field.Path) field.ErrorList {
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

func validateWorkloadSpreadSubsets(spec *apps.WorkloadSpreadSpec, fldPath *field.Path) field.ErrorList {
	subsets := spec.Subsets
	if len(subsets) == 0 {
		return field.ErrorList{field.Required(fldPath, "at least one subset is required")}
	}
	var allErrs field.ErrorList
	names := sets.New[string]()
	for i := range subsets {
		subset := &subsets[i]
		p := fldPath.Index(i)
		switch {
		case subset.Name == "":
			allErrs = append(allErrs, field.Required(p.Child("name"), ""))
		case names.Has(subset.Name):
			allErrs = append(allErrs, field.Duplicate(p.Child("name"), subset.Name))
		}
		names.Insert(subset.Name)
		if subset.RequiredNodeSelector != nil {
			allErrs = append(allErrs, podtemplate.ValidateNodeSelectorTerm(*subset.RequiredNodeSelector, false, p.Child("requiredNodeSelector"))...)
		}
		for j := range subset.PreferredNodeSelector {
			term := &subset.PreferredNodeSelector[j]
			tp := p.Child("preferredNodeSelector").Index(j)
			if term.Weight <= 0 || term.Weight > 100 {
				allErrs = append(allErrs, field.Invalid(tp.Child("weight"), term.Weight, "must be in the range 1-100"))
			}
			allErrs = append(allErrs, podtemplate.ValidateNodeSelectorTerm(term.Preference, true, tp.Child("preference"))...)
		}
		allErrs = append(allErrs, podtemplate.ValidateTolerations(subset.Tolerations, p.Child("tolerations"))...)
		if raw := subset.Patch.Raw; len(raw) > 0 && string(raw) != "null" {
			var patch map[string]interface{}
			if err := json.Unmarshal(raw, &patch); err != nil {
				allErrs = append(allErrs, field.Invalid(p.Child("patch"), string(raw), "must be a JSON object (a strategic merge patch of a Pod)"))
			}
		}
	}
	return append(allErrs, validateWorkloadSpreadMaxReplicas(spec, fldPath)...)
}

// validateWorkloadSpreadMaxReplicas checks that all capped subsets use the same kind of value
// (integers only for StatefulSets), that values are non-negative, and that percentages sum to at
// most 100%, and to exactly 100% when the last subset is capped too.
func validateWorkloadSpreadMaxReplicas(spec *apps.WorkloadSpreadSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	subsets := spec.Subsets
	statefulSet := spec.TargetReference != nil && spec.TargetReference.Kind == "StatefulSet"
	var firstType *intstr.Type
	sum, sumValid, exceeded := 0, true, false
	for i := range subsets {
		mr := subsets[i].MaxReplicas
		if mr == nil {
			continue
		}
		p := fldPath.Index(i).Child("maxReplicas")
		if firstType == nil {
			firstType = &mr.Type
		} else if mr.Type != *firstType {
			allErrs = append(allErrs, field.Invalid(p, mr.String(), "all subsets' maxReplicas must be of the same type (integer or percentage)"))
			sumValid = false
			continue
		}
		if statefulSet && mr.Type != intstr.Int {
			allErrs = append(allErrs, field.Invalid(p, mr.String(), "must be an integer for a StatefulSet target"))
			sumValid = false
			continue
		}
		if errs := ValidateIntOrPercent(mr, p); len(errs) > 0 {
			allErrs = append(allErrs, errs...)
			sumValid = false
			continue
		}
		if mr.Type == intstr.String {
			v, _ := ScaledValue(mr, 100, true)
			sum += v
			if sum > 100 && !exceeded {
				allErrs = append(allErrs, field.Invalid(p, mr.String(), "the subsets' maxReplicas add up to more than 100%"))
				exceeded = true
			}
		}
	}
	if sumValid && !exceeded && firstType != nil && *firstType == intstr.String && sum < 100 && subsets[len(subsets)-1].MaxReplicas != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Index(0).Child("maxReplicas"), subsets[0].MaxReplicas.String(),
			"percentages must add up to 100% when the last subset has maxReplicas"))
	}
	return allErrs
}

func validateWorkloadSpreadScheduleStrategy(spec *apps.WorkloadSpreadSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	s := &spec.ScheduleStrategy
	switch s.Type {
	case "", apps.FixedWorkloadSpreadScheduleStrategyType, apps.AdaptiveWorkloadSpreadScheduleStrategyType:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), s.Type, []string{
			string(apps.FixedWorkloadSpreadScheduleStrategyType), string(apps.AdaptiveWorkloadSpreadScheduleStrategyType)}))
	}
	a := s.Adaptive
	if a == nil {
		return allErrs
	}
	if s.Type != apps.AdaptiveWorkloadSpreadScheduleStrategyType {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("type"), s.Type, "must be Adaptive when adaptive is set"))
	}
	n := len(spec.Subsets)
	if n > 1 && spec.Subsets[n-1].MaxReplicas != nil {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "subsets").Index(n-1).Child("maxReplicas"), spec.Subsets[n-1].MaxReplicas.String(),
			"the last subset may not set maxReplicas with the Adaptive schedule strategy"))
	}
	maxSeconds := int32(math.MaxInt32)
	if n > 1 {
		maxSeconds = int32(workloadSpreadMaxScheduleFailedSeconds / (n - 1))
	}
	if r := a.RescheduleCriticalSeconds; r != nil && (*r < 0 || *r > maxSeconds) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("adaptive", "rescheduleCriticalSeconds"), *r,
			fmt.Sprintf("must be between 0 and %d", maxSeconds)))
	}
	return allErrs
}

// ValidateWorkloadSpreadUpdate checks an update: the target's group, kind and name may not change.
func ValidateWorkloadSpreadUpdate(obj, old *apps.WorkloadSpread) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, ValidateWorkloadSpread(obj)...)
	ref, oldRef := obj.Spec.TargetReference, old.Spec.TargetReference
	if ref != nil && oldRef != nil {
		gv, _ := schema.ParseGroupVersion(ref.APIVersion)
		oldGV, _ := schema.ParseGroupVersion(oldRef.APIVersion)
		if gv.Group != oldGV.Group || ref.Kind != oldRef.Kind || ref.Name != oldRef.Name {
			allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "targetRef"), "the target's group, kind and name are immutable"))
		}
	}
	return allErrs
}

// ValidateWorkloadSpreadStatusUpdate checks a status write: well-formed subset conditions.
func ValidateWorkloadSpreadStatusUpdate(obj, old *apps.WorkloadSpread) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	p := field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(obj.Status.ObservedGeneration, p.Child("observedGeneration"))...)
	allErrs = append(allErrs, validateWorkloadSpreadSubsetStatuses(obj.Status.SubsetStatuses, p.Child("subsetStatuses"))...)
	revisions := make([]string, 0, len(obj.Status.VersionedSubsetStatuses))
	for r := range obj.Status.VersionedSubsetStatuses {
		revisions = append(revisions, r)
	}
	sort.Strings(revisions)
	for _, r := range revisions {
		allErrs = append(allErrs, validateWorkloadSpreadSubsetStatuses(obj.Status.VersionedSubsetStatuses[r], p.Child("versionedSubsetStatuses").Key(r))...)
	}
	return allErrs
}

func validateWorkloadSpreadSubsetStatuses(statuses []apps.WorkloadSpreadSubsetStatus, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for i := range statuses {
		allErrs = append(allErrs, metav1validation.ValidateConditions(statuses[i].Conditions, fldPath.Index(i).Child("conditions"))...)
	}
	return allErrs
}
