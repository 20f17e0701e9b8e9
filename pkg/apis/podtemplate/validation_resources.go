package podtemplate

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/api/validate/content"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	// standardResourceNames are the unprefixed resource names Kubernetes
	// knows about (compute and quota resources).
	standardResourceNames = sets.New[corev1.ResourceName](
		corev1.ResourceCPU,
		corev1.ResourceMemory,
		corev1.ResourceEphemeralStorage,
		corev1.ResourceRequestsCPU,
		corev1.ResourceRequestsMemory,
		corev1.ResourceRequestsEphemeralStorage,
		corev1.ResourceLimitsCPU,
		corev1.ResourceLimitsMemory,
		corev1.ResourceLimitsEphemeralStorage,
		corev1.ResourcePods,
		corev1.ResourceQuotas,
		corev1.ResourceServices,
		corev1.ResourceReplicationControllers,
		corev1.ResourceSecrets,
		corev1.ResourcePersistentVolumeClaims,
		corev1.ResourceConfigMaps,
		corev1.ResourceStorage,
		corev1.ResourceRequestsStorage,
		corev1.ResourceServicesNodePorts,
		corev1.ResourceServicesLoadBalancers,
	)
	standardContainerResourceNames = sets.New[corev1.ResourceName](
		corev1.ResourceCPU,
		corev1.ResourceMemory,
		corev1.ResourceEphemeralStorage,
	)
	integerResourceNames = sets.New[corev1.ResourceName](
		corev1.ResourcePods,
		corev1.ResourceQuotas,
		corev1.ResourceServices,
		corev1.ResourceReplicationControllers,
		corev1.ResourceSecrets,
		corev1.ResourceConfigMaps,
		corev1.ResourcePersistentVolumeClaims,
		corev1.ResourceServicesNodePorts,
		corev1.ResourceServicesLoadBalancers,
	)
	qosComputeResourceNames = sets.New[corev1.ResourceName](corev1.ResourceCPU, corev1.ResourceMemory)
)

func isHugePageResourceName(name corev1.ResourceName) bool {
	return strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// isNativeResource: unprefixed names and names in the kubernetes.io domain
// belong to Kubernetes itself.
func isNativeResource(name corev1.ResourceName) bool {
	return !strings.Contains(string(name), "/") || strings.Contains(string(name), corev1.ResourceDefaultNamespacePrefix)
}

// isExtendedResourceName: a prefixed, non-native name that is still a
// qualified name once prefixed with "requests." (so it can be quota'd).
func isExtendedResourceName(name corev1.ResourceName) bool {
	if isNativeResource(name) || strings.HasPrefix(string(name), corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return len(content.IsLabelKey(corev1.DefaultResourceRequestsPrefix+string(name))) == 0
}

// isOvercommitAllowed: requests may be below limits only for native,
// non-hugepage resources.
func isOvercommitAllowed(name corev1.ResourceName) bool {
	return isNativeResource(name) && !isHugePageResourceName(name)
}

func isIntegerResourceName(name corev1.ResourceName) bool {
	return integerResourceNames.Has(name) || isExtendedResourceName(name)
}

func isStandardResourceName(name corev1.ResourceName) bool {
	return standardResourceNames.Has(name) || isHugePageResourceName(name) ||
		strings.HasPrefix(string(name), corev1.DefaultResourceRequestsPrefix+corev1.ResourceHugePagesPrefix)
}

func validateResourceName(name corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := validateQualifiedName(string(name), fldPath)
	if len(allErrs) != 0 {
		return allErrs
	}
	if !strings.Contains(string(name), "/") && !isStandardResourceName(name) {
		allErrs = append(allErrs, field.Invalid(fldPath, name, "must be a standard resource type or fully qualified"))
	}
	return allErrs
}

func validateContainerResourceName(name corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := validateResourceName(name, fldPath)
	if !strings.Contains(string(name), "/") {
		if !standardContainerResourceNames.Has(name) && !isHugePageResourceName(name) {
			allErrs = append(allErrs, field.Invalid(fldPath, name, "must be a standard resource for containers"))
		}
	} else if !isNativeResource(name) && !isExtendedResourceName(name) {
		allErrs = append(allErrs, field.Invalid(fldPath, name, "doesn't follow extended resource name standard"))
	}
	return allErrs
}

func validatePodResourceName(name corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := validateResourceName(name, fldPath)
	if name != corev1.ResourceCPU && name != corev1.ResourceMemory && !isHugePageResourceName(name) {
		allErrs = append(allErrs, field.NotSupported(fldPath, name, []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}))
	}
	return allErrs
}

// validateResourceQuantityValue: quantities are non-negative, and integer
// resources (extended resources included) take whole numbers.
func validateResourceQuantityValue(name corev1.ResourceName, q resource.Quantity, fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	if q.Sign() < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, q.String(), apivalidation.IsNegativeErrorMsg))
	}
	if isIntegerResourceName(name) && q.MilliValue()%1000 != 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, q, "must be an integer"))
	}
	return allErrs
}

// validateResourceRequirements checks names and quantities of limits and
// requests, that requests do not exceed limits (and equal them for
// resources that cannot be overcommitted) and the claim references.
func validateResourceRequirements(req *corev1.ResourceRequirements, nameFn func(corev1.ResourceName, *field.Path) field.ErrorList,
	podClaimNames sets.Set[string], fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	limPath := fldPath.Child("limits")
	reqPath := fldPath.Child("requests")
	hasQoSLimit, hasQoSRequest, hasHugePages := false, false, false

	for _, name := range sets.List(sets.KeySet(req.Limits)) {
		q := req.Limits[name]
		p := limPath.Key(string(name))
		allErrs = append(allErrs, nameFn(name, p)...)
		allErrs = append(allErrs, validateResourceQuantityValue(name, q, p)...)
		hasHugePages = hasHugePages || isHugePageResourceName(name)
		hasQoSLimit = hasQoSLimit || qosComputeResourceNames.Has(name)
	}
	for _, name := range sets.List(sets.KeySet(req.Requests)) {
		q := req.Requests[name]
		p := reqPath.Key(string(name))
		allErrs = append(allErrs, nameFn(name, p)...)
		allErrs = append(allErrs, validateResourceQuantityValue(name, q, p)...)
		// Upstream reports the comparison errors on the requests map.
		if limit, ok := req.Limits[name]; ok {
			if q.Cmp(limit) != 0 && !isOvercommitAllowed(name) {
				allErrs = append(allErrs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be equal to %s limit of %s", name, limit.String())))
			} else if q.Cmp(limit) > 0 {
				allErrs = append(allErrs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, limit.String())))
			}
		} else if !isOvercommitAllowed(name) {
			allErrs = append(allErrs, field.Required(limPath, "Limit must be set for non overcommitable resources"))
		}
		hasHugePages = hasHugePages || isHugePageResourceName(name)
		hasQoSRequest = hasQoSRequest || qosComputeResourceNames.Has(name)
	}
	if hasHugePages && !hasQoSLimit && !hasQoSRequest {
		allErrs = append(allErrs, field.Forbidden(fldPath, "HugePages require cpu or memory"))
	}
	allErrs = append(allErrs, validateResourceClaimNames(req.Claims, podClaimNames, fldPath.Child("claims"))...)
	return allErrs
}

// validateResourceClaimNames checks that container claims refer, once each,
// to entries of spec.resourceClaims.
func validateResourceClaimNames(claims []corev1.ResourceClaim, podClaimNames sets.Set[string], fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	seen := sets.New[string]()
	for i, claim := range claims {
		idxPath := fldPath.Index(i)
		if claim.Name == "" {
			allErrs = append(allErrs, field.Required(idxPath, ""))
			continue
		}
		if seen.Has(claim.Name) {
			allErrs = append(allErrs, field.Duplicate(idxPath, claim.Name))
		} else {
			key := claim.Name
			if claim.Request != "" {
				allErrs = append(allErrs, validateDNS1123Label(claim.Request, idxPath.Child("request"))...)
				key += "/" + claim.Request
			}
			if seen.Has(key) {
				allErrs = append(allErrs, field.Duplicate(idxPath, key))
			} else if claim.Request == "" {
				// The whole claim overlaps any of its requests referenced before.
				for other := range seen {
					if before, _, ok := strings.Cut(other, "/"); ok && before == claim.Name {
						allErrs = append(allErrs, field.Duplicate(idxPath, claim.Name))
					}
				}
			}
			seen.Insert(key)
		}
		if !podClaimNames.Has(claim.Name) {
			err := field.NotFound(idxPath, claim.Name)
			err.Detail = "must be one of the names in pod.spec.resourceClaims"
			if podClaimNames.Len() == 0 {
				err.Detail += " which is empty"
			} else {
				err.Detail += ": " + strings.Join(sets.List(podClaimNames), ", ")
			}
			allErrs = append(allErrs, err)
		}
	}
	return allErrs
}

// validatePodResources validates pod-level resources (names, quantities,
// requests within limits). The comparison with the containers' aggregate
// requests is left to Pod validation.
func validatePodResources(req *corev1.ResourceRequirements, podClaimNames sets.Set[string], fldPath *field.Path) field.ErrorList {
	allErrs := field.ErrorList{}
	if req.Claims != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("claims"), "claims cannot be set for Resources at pod-level"))
	}
	withoutClaims := *req
	withoutClaims.Claims = nil
	allErrs = append(allErrs, validateResourceRequirements(&withoutClaims, validatePodResourceName, podClaimNames, fldPath)...)
	return allErrs
}
