package validation

import (
	"fmt"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// resourceDistributionKinds are the kinds a ResourceDistribution may copy.
var resourceDistributionKinds = []schema.GroupKind{
	{Group: "", Kind: "Secret"},
	{Group: "", Kind: "ConfigMap"},
}

// ValidateResourceDistribution checks a ResourceDistribution on create (and, through
// ValidateResourceDistributionUpdate, on update). The server-side dry-run create of the embedded
// resource, which validates its content, belongs to admission.
func ValidateResourceDistribution(obj *apps.ResourceDistribution) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, false)
	specPath := field.NewPath("spec")
	_, errs := decodeDistributedResource(&obj.Spec.Resource, specPath.Child("resource"))
	allErrs = append(allErrs, errs...)
	return append(allErrs, validateResourceDistributionTargets(&obj.Spec.Targets, specPath.Child("targets"))...)
}

// decodeDistributedResource decodes the embedded manifest and checks it is a Secret or ConfigMap.
func decodeDistributedResource(raw *runtime.RawExtension, fldPath *field.Path) (*unstructured.Unstructured, field.ErrorList) {
	if len(raw.Raw) == 0 || string(raw.Raw) == "null" {
		return nil, field.ErrorList{field.Required(fldPath, "the manifest of a Secret or ConfigMap is required")}
	}
	obj := &unstructured.Unstructured{}
	if _, _, err := unstructured.UnstructuredJSONScheme.Decode(raw.Raw, nil, obj); err != nil {
		return nil, field.ErrorList{field.Invalid(fldPath, string(raw.Raw), fmt.Sprintf("not a valid manifest: %v", err))}
	}
	if obj.GetAPIVersion() == "" {
		return nil, field.ErrorList{field.Required(fldPath.Child("apiVersion"), "")}
	}
	gk := obj.GroupVersionKind().GroupKind()
	for _, supported := range resourceDistributionKinds {
		if gk == supported {
			return obj, nil
		}
	}
	return nil, field.ErrorList{field.Invalid(fldPath, gk.String(), "only Secret and ConfigMap (core API group) are supported")}
}

func validateResourceDistributionTargets(t *apps.ResourceDistributionTargets, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	included := sets.New[string]()
	for i, ns := range t.IncludedNamespaces.List {
		p := fldPath.Child("includedNamespaces", "list").Index(i).Child("name")
		for _, msg := range apimachineryvalidation.ValidateNamespaceName(ns.Name, false) {
			allErrs = append(allErrs, field.Invalid(p, ns.Name, msg))
		}
		included.Insert(ns.Name)
	}
	for i, ns := range t.ExcludedNamespaces.List {
		p := fldPath.Child("excludedNamespaces", "list").Index(i).Child("name")
		for _, msg := range apimachineryvalidation.ValidateNamespaceName(ns.Name, false) {
			allErrs = append(allErrs, field.Invalid(p, ns.Name, msg))
		}
		if included.Has(ns.Name) {
			allErrs = append(allErrs, field.Invalid(p, ns.Name, "namespace is both included and excluded"))
		}
	}
	allErrs = append(allErrs, metav1validation.ValidateLabelSelector(&t.NamespaceSelector, metav1validation.LabelSelectorValidationOptions{}, fldPath.Child("namespaceSelector"))...)
	return allErrs
}

// ValidateResourceDistributionUpdate checks an update: the resource's apiVersion, kind and name
// may not change.
func ValidateResourceDistributionUpdate(obj, old *apps.ResourceDistribution) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, ValidateResourceDistribution(obj)...)
	p := field.NewPath("spec", "resource")
	cur, errs := decodeDistributedResource(&obj.Spec.Resource, p)
	if len(errs) > 0 {
		return allErrs
	}
	prev, errs := decodeDistributedResource(&old.Spec.Resource, p)
	if len(errs) > 0 {
		return allErrs // the stored object is unreadable; let the client replace it
	}
	if cur.GroupVersionKind() != prev.GroupVersionKind() || cur.GetName() != prev.GetName() {
		allErrs = append(allErrs, field.Forbidden(p, "the resource's apiVersion, kind and name are immutable"))
	}
	return allErrs
}

// ValidateResourceDistributionStatusUpdate checks a status write.
func ValidateResourceDistributionStatusUpdate(obj, old *apps.ResourceDistribution) field.ErrorList {
	return ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
}
