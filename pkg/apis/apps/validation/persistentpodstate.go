package validation

import (
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// ValidatePersistentPodState checks a PersistentPodState on create (and, through
// ValidatePersistentPodStateUpdate, on update). Whether a target kind other than StatefulSet is
// whitelisted in kruise-configuration, and whether another PersistentPodState already has the same
// target, are checked at admission.
func ValidatePersistentPodState(obj *apps.PersistentPodState) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	spec, specPath := &obj.Spec, field.NewPath("spec")
	allErrs = append(allErrs, validateTargetReferenceFields(&spec.TargetReference, specPath.Child("targetRef"))...)
	if spec.RequiredPersistentTopology == nil && len(spec.PreferredPersistentTopology) == 0 {
		allErrs = append(allErrs, field.Required(specPath.Child("requiredPersistentTopology"),
			"requiredPersistentTopology or preferredPersistentTopology must be set"))
	}
	for i := range spec.PreferredPersistentTopology {
		w := spec.PreferredPersistentTopology[i].Weight
		allErrs = append(allErrs, ValidateNonNegative(int64(w), specPath.Child("preferredPersistentTopology").Index(i).Child("weight"))...)
	}
	switch spec.PersistentPodStateRetentionPolicy {
	case "", apps.PersistentPodStateRetentionPolicyWhenScaled, apps.PersistentPodStateRetentionPolicyWhenDeleted:
	default:
		allErrs = append(allErrs, field.NotSupported(specPath.Child("persistentPodStateRetentionPolicy"), spec.PersistentPodStateRetentionPolicy, []string{
			string(apps.PersistentPodStateRetentionPolicyWhenScaled), string(apps.PersistentPodStateRetentionPolicyWhenDeleted)}))
	}
	return allErrs
}

// ValidatePersistentPodStateUpdate checks an update: targetRef is immutable.
func ValidatePersistentPodStateUpdate(obj, old *apps.PersistentPodState) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, ValidatePersistentPodState(obj)...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateImmutableField(obj.Spec.TargetReference, old.Spec.TargetReference, field.NewPath("spec", "targetRef"))...)
	return allErrs
}

// ValidatePersistentPodStateStatusUpdate checks a status write.
func ValidatePersistentPodStateStatusUpdate(obj, old *apps.PersistentPodState) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	return append(allErrs, ValidateNonNegative(obj.Status.ObservedGeneration, field.NewPath("status", "observedGeneration"))...)
}
