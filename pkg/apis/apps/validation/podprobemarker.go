package validation

import (
	"net/url"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/sets"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// ppmReservedProbeNames are pod condition types owned by Kubernetes or Kruise; a probe may not be named after one.
var ppmReservedProbeNames = sets.New(
	string(corev1.PodScheduled), string(corev1.PodInitialized), string(corev1.PodReady),
	string(corev1.ContainersReady), string(pub.KruisePodReadyConditionType), string(pub.InPlaceUpdateReady),
)

// ValidatePodProbeMarker checks a PodProbeMarker on create.
func ValidatePodProbeMarker(obj *apps.PodProbeMarker) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validatePodProbeMarkerSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidatePodProbeMarkerUpdate checks a PodProbeMarker on update: the spec as on create, and an unchanged selector.
func ValidatePodProbeMarkerUpdate(obj, old *apps.PodProbeMarker) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, validatePodProbeMarkerSpec(&obj.Spec, field.NewPath("spec"))...)
	if !apiequality.Semantic.DeepEqual(obj.Spec.Selector, old.Spec.Selector) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "selector"), "field is immutable"))
	}
	return allErrs
}

// ValidatePodProbeMarkerStatusUpdate checks a status write: no negative numbers.
func ValidatePodProbeMarkerStatusUpdate(obj, old *apps.PodProbeMarker) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	p := field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(obj.Status.ObservedGeneration, p.Child("observedGeneration"))...)
	allErrs = append(allErrs, ValidateNonNegative(obj.Status.MatchedPods, p.Child("matchedPods"))...)
	return allErrs
}

func validatePodProbeMarkerSpec(spec *apps.PodProbeMarkerSpec, fldPath *field.Path) field.ErrorList {
	allErrs := ValidateSelector(spec.Selector, fldPath.Child("selector"), true)
	probesPath := fldPath.Child("probes")
	if len(spec.Probes) == 0 {
		return append(allErrs, field.Required(probesPath, "at least one probe is required"))
	}
	names := sets.New[string]()
	conditionTypes := sets.New[string]()
	for i := range spec.Probes {
		probe := &spec.Probes[i]
		p := probesPath.Index(i)

		namePath := p.Child("name")
		switch {
		case probe.Name == "":
			allErrs = append(allErrs, field.Required(namePath, ""))
		case strings.Contains(probe.Name, "#"):
			allErrs = append(allErrs, field.Invalid(namePath, probe.Name, "must not contain '#'"))
		case ppmReservedProbeNames.Has(probe.Name):
			allErrs = append(allErrs, field.Invalid(namePath, probe.Name, "must not be the name of a Kubernetes or Kruise pod condition"))
		case names.Has(probe.Name):
			allErrs = append(allErrs, field.Duplicate(namePath, probe.Name))
		}
		names.Insert(probe.Name)

		if probe.ContainerName == "" {
			allErrs = append(allErrs, field.Required(p.Child("containerName"), ""))
		}
		allErrs = append(allErrs, validatePPMProbe(&probe.Probe.Probe, p.Child("probe"))...)

		if probe.PodConditionType == "" && len(probe.MarkerPolicy) == 0 {
			allErrs = append(allErrs, field.Required(p.Child("podConditionType"), "podConditionType or markerPolicy is required"))
		}
		if ct := probe.PodConditionType; ct != "" {
			ctPath := p.Child("podConditionType")
			if conditionTypes.Has(ct) {
				allErrs = append(allErrs, field.Duplicate(ctPath, ct))
			} else {
				allErrs = append(allErrs, metav1validation.ValidateLabelName(ct, ctPath)...)
			}
			conditionTypes.Insert(ct)
		}

		states := sets.New[apps.ProbeState]()
		for j := range probe.MarkerPolicy {
			allErrs = append(allErrs, validatePPMMarkerPolicy(&probe.MarkerPolicy[j], states, p.Child("markerPolicy").Index(j))...)
		}
	}
	return allErrs
}

func validatePPMMarkerPolicy(policy *apps.ProbeMarkerPolicy, seen sets.Set[apps.ProbeState], fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	statePath := fldPath.Child("state")
	switch {
	case policy.State != apps.ProbeSucceeded && policy.State != apps.ProbeFailed:
		allErrs = append(allErrs, field.NotSupported(statePath, policy.State, []string{string(apps.ProbeSucceeded), string(apps.ProbeFailed)}))
	case seen.Has(policy.State):
		allErrs = append(allErrs, field.Duplicate(statePath, policy.State))
	}
	seen.Insert(policy.State)
	if len(policy.Labels) == 0 && len(policy.Annotations) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("labels"), "labels or annotations are required"))
	}
	allErrs = append(allErrs, metav1validation.ValidateLabels(policy.Labels, fldPath.Child("labels"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(policy.Annotations, fldPath.Child("annotations"))...)
	return allErrs
}

// validatePPMProbe checks a probe that kruise-daemon runs: one exec, httpGet or tcpSocket handler,
// no host to probe other than the pod, and no negative timing.
func validatePPMProbe(probe *corev1.Probe, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	handlers := 0
	h := &probe.ProbeHandler
	oneHandler := func(path *field.Path, validate func() field.ErrorList) {
		if handlers > 0 {
			allErrs = append(allErrs, field.Forbidden(path, "may not specify more than 1 handler type"))
			return
		}
		handlers++
		allErrs = append(allErrs, validate()...)
	}
	if h.Exec != nil {
		oneHandler(fldPath.Child("exec"), func() field.ErrorList {
			if len(h.Exec.Command) == 0 {
				return field.ErrorList{field.Required(fldPath.Child("exec", "command"), "")}
			}
			return nil
		})
	}
	if h.HTTPGet != nil {
		oneHandler(fldPath.Child("httpGet"), func() field.ErrorList { return validatePPMHTTPGet(h.HTTPGet, fldPath.Child("httpGet")) })
	}
	if h.TCPSocket != nil {
		oneHandler(fldPath.Child("tcpSocket"), func() field.ErrorList {
			p := fldPath.Child("tcpSocket")
			var errs field.ErrorList
			if h.TCPSocket.Host != "" {
				errs = append(errs, field.Invalid(p.Child("host"), h.TCPSocket.Host, "host field in probes is not allowed"))
			}
			return append(errs, validatePPMPort(h.TCPSocket.Port, p.Child("port"))...)
		})
	}
	if handlers == 0 {
		allErrs = append(allErrs, field.Required(fldPath, "must specify one of exec, httpGet or tcpSocket"))
	}
	for _, f := range []struct {
		name  string
		value int32
	}{
		{"initialDelaySeconds", probe.InitialDelaySeconds}, {"timeoutSeconds", probe.TimeoutSeconds},
		{"periodSeconds", probe.PeriodSeconds}, {"successThreshold", probe.SuccessThreshold},
		{"failureThreshold", probe.FailureThreshold},
	} {
		allErrs = append(allErrs, ValidateNonNegative(int64(f.value), fldPath.Child(f.name))...)
	}
	return allErrs
}

func validatePPMHTTPGet(get *corev1.HTTPGetAction, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if get.Path == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("path"), ""))
	} else if _, err := url.Parse(get.Path); err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("path"), get.Path, "must be a valid URL path"))
	}
	if get.Host != "" {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("host"), get.Host, "host field in probes is not allowed"))
	}
	allErrs = append(allErrs, validatePPMPort(get.Port, fldPath.Child("port"))...)
	if get.Scheme != corev1.URISchemeHTTP && get.Scheme != corev1.URISchemeHTTPS {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("scheme"), get.Scheme, []string{string(corev1.URISchemeHTTP), string(corev1.URISchemeHTTPS)}))
	}
	for i, header := range get.HTTPHeaders {
		for _, msg := range utilvalidation.IsHTTPHeaderName(header.Name) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("httpHeaders").Index(i).Child("name"), header.Name, msg))
		}
	}
	return allErrs
}

func validatePPMPort(port intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch port.Type {
	case intstr.Int:
		for _, msg := range utilvalidation.IsValidPortNum(int(port.IntVal)) {
			allErrs = append(allErrs, field.Invalid(fldPath, port.IntVal, msg))
		}
	case intstr.String:
		for _, msg := range utilvalidation.IsValidPortName(port.StrVal) {
			allErrs = append(allErrs, field.Invalid(fldPath, port.StrVal, msg))
		}
	default:
		allErrs = append(allErrs, field.Invalid(fldPath, port.String(), "must be a port number or name"))
	}
	return allErrs
}
