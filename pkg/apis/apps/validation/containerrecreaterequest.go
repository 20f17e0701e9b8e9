package validation

import (
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// crrMinActiveDeadlineSeconds is the smallest activeDeadlineSeconds a request may ask for.
const crrMinActiveDeadlineSeconds = 3

var crrFailurePolicies = sets.New(
	apps.ContainerRecreateRequestFailurePolicyFail,
	apps.ContainerRecreateRequestFailurePolicyIgnore,
)

var crrPhases = sets.New(
	apps.ContainerRecreateRequestPending,
	apps.ContainerRecreateRequestRecreating,
	apps.ContainerRecreateRequestSucceeded,
	apps.ContainerRecreateRequestFailed,
	apps.ContainerRecreateRequestCompleted,
)

// ValidateContainerRecreateRequest checks a ContainerRecreateRequest on create (and, through
// ValidateContainerRecreateRequestUpdate, on update). The checks against the Pod and its Node,
// and the rejection of client-set preStop/ports/statusContext, belong to admission, which fills
// those fields in before this runs.
func ValidateContainerRecreateRequest(obj *apps.ContainerRecreateRequest) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateContainerRecreateRequestSpec(&obj.Spec, field.NewPath("spec"))...)
}

func validateContainerRecreateRequestSpec(spec *apps.ContainerRecreateRequestSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.PodName == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("podName"), ""))
	}
	if len(spec.Containers) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("containers"), "at least one container is required"))
	}
	names := sets.New[string]()
	for i, c := range spec.Containers {
		p := fldPath.Child("containers").Index(i).Child("name")
		switch {
		case c.Name == "":
			allErrs = append(allErrs, field.Required(p, ""))
		case names.Has(c.Name):
			allErrs = append(allErrs, field.Duplicate(p, c.Name))
		}
		names.Insert(c.Name)
	}
	if s := spec.Strategy; s != nil {
		sp := fldPath.Child("strategy")
		if s.FailurePolicy != "" && !crrFailurePolicies.Has(s.FailurePolicy) {
			allErrs = append(allErrs, field.NotSupported(sp.Child("failurePolicy"), s.FailurePolicy, sets.List(crrFailurePolicies)))
		}
		if s.TerminationGracePeriodSeconds != nil {
			allErrs = append(allErrs, ValidateNonNegative(*s.TerminationGracePeriodSeconds, sp.Child("terminationGracePeriodSeconds"))...)
		}
		if s.UnreadyGracePeriodSeconds != nil {
			allErrs = append(allErrs, ValidateNonNegative(*s.UnreadyGracePeriodSeconds, sp.Child("unreadyGracePeriodSeconds"))...)
		}
		allErrs = append(allErrs, ValidateNonNegative(int64(s.MinStartedSeconds), sp.Child("minStartedSeconds"))...)
	}
	if d := spec.ActiveDeadlineSeconds; d != nil && *d < crrMinActiveDeadlineSeconds {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("activeDeadlineSeconds"), *d, "must be at least 3"))
	}
	if ttl := spec.TTLSecondsAfterFinished; ttl != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*ttl), fldPath.Child("ttlSecondsAfterFinished"))...)
	}
	return allErrs
}

// ValidateContainerRecreateRequestUpdate checks an update: the spec and the pod-uid and node-name
// labels may not change.
func ValidateContainerRecreateRequestUpdate(obj, old *apps.ContainerRecreateRequest) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, ValidateContainerRecreateRequest(obj)...)
	if !apiequality.Semantic.DeepEqual(obj.Spec, old.Spec) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec"), "spec of ContainerRecreateRequest is immutable"))
	}
	labelsPath := field.NewPath("metadata", "labels")
	for _, key := range []string{apps.ContainerRecreateRequestPodUIDKey, apps.ContainerRecreateRequestNodeNameKey} {
		if obj.Labels[key] != old.Labels[key] {
			allErrs = append(allErrs, field.Forbidden(labelsPath.Key(key), "label is immutable"))
		}
	}
	return allErrs
}

// ValidateContainerRecreateRequestStatusUpdate checks a status write: known phases and
// well-formed conditions.
func ValidateContainerRecreateRequestStatusUpdate(obj, old *apps.ContainerRecreateRequest) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, validateCRRPhase(st.Phase, p.Child("phase"))...)
	for i := range st.ContainerRecreateStates {
		allErrs = append(allErrs, validateCRRPhase(st.ContainerRecreateStates[i].Phase, p.Child("containerRecreateStates").Index(i).Child("phase"))...)
	}
	allErrs = append(allErrs, metav1validation.ValidateConditions(st.Conditions, p.Child("conditions"))...)
	return allErrs
}

// validateCRRPhase accepts an empty phase (v1alpha1 writers may leave it unset) or a known one.
func validateCRRPhase(phase apps.ContainerRecreateRequestPhase, fldPath *field.Path) field.ErrorList {
	if phase == "" || crrPhases.Has(phase) {
		return nil
	}
	return field.ErrorList{field.NotSupported(fldPath, phase, sets.List(crrPhases))}
}
