package validation

import (
	"reflect"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/sets"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// ValidateEphemeralJob checks an EphemeralJob on create.
func ValidateEphemeralJob(obj *apps.EphemeralJob) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateEphemeralJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateEphemeralJobUpdate checks an EphemeralJob on update; the spec is checked as on create.
func ValidateEphemeralJobUpdate(obj, old *apps.EphemeralJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	return append(allErrs, validateEphemeralJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateEphemeralJobStatusUpdate checks a status write: the counters cannot be negative.
func ValidateEphemeralJobStatusUpdate(obj, old *apps.EphemeralJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Matches), p.Child("match"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Running), p.Child("running"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Succeeded), p.Child("succeeded"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Waiting), p.Child("waiting"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Failed), p.Child("failed"))...)
	return allErrs
}

func validateEphemeralJobSpec(spec *apps.EphemeralJobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	// The selector must be present and parse; an empty one (every pod of the namespace) is allowed.
	if spec.Selector == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), ""))
	} else {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(spec.Selector, metav1validation.LabelSelectorValidationOptions{}, fldPath.Child("selector"))...)
	}
	allErrs = append(allErrs, validateEJobContainers(spec.Template.EphemeralContainers, fldPath.Child("template", "ephemeralContainers"))...)
	return allErrs
}

// ejobAllowedContainerFields are the json names of the EphemeralContainerCommon fields an ephemeral
// container may set; any other field that is set is rejected, so fields added to the core type later
// are refused until they are considered.
var ejobAllowedContainerFields = sets.New(
	"name", "image", "command", "args", "workingDir", "envFrom", "env", "volumeMounts", "volumeDevices",
	"terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext",
	"stdin", "stdinOnce", "tty",
)

// validateEJobContainers applies the API server's rules for ephemeral containers, without defaulting:
// the job's containers are copied into pods as they are, so pull and termination policies must be explicit.
func validateEJobContainers(containers []corev1.EphemeralContainer, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := sets.New[string]()
	for i := range containers {
		c := &containers[i].EphemeralContainerCommon
		p := fldPath.Index(i)

		if c.Name == "" {
			allErrs = append(allErrs, field.Required(p.Child("name"), ""))
		} else {
			for _, msg := range utilvalidation.IsDNS1123Label(c.Name) {
				allErrs = append(allErrs, field.Invalid(p.Child("name"), c.Name, msg))
			}
			if names.Has(c.Name) {
				allErrs = append(allErrs, field.Duplicate(p.Child("name"), c.Name))
			}
			names.Insert(c.Name)
		}

		if c.Image == "" {
			allErrs = append(allErrs, field.Required(p.Child("image"), ""))
		} else if c.Image != strings.TrimSpace(c.Image) {
			allErrs = append(allErrs, field.Invalid(p.Child("image"), c.Image, "must not have leading or trailing whitespace"))
		}

		switch c.TerminationMessagePolicy {
		case corev1.TerminationMessageReadFile, corev1.TerminationMessageFallbackToLogsOnError:
		case "":
			allErrs = append(allErrs, field.Required(p.Child("terminationMessagePolicy"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("terminationMessagePolicy"), c.TerminationMessagePolicy,
				[]string{string(corev1.TerminationMessageReadFile), string(corev1.TerminationMessageFallbackToLogsOnError)}))
		}

		switch c.ImagePullPolicy {
		case corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever:
		case "":
			allErrs = append(allErrs, field.Required(p.Child("imagePullPolicy"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("imagePullPolicy"), c.ImagePullPolicy,
				[]string{string(corev1.PullAlways), string(corev1.PullIfNotPresent), string(corev1.PullNever)}))
		}

		allErrs = append(allErrs, validateEJobPorts(c.Ports, p.Child("ports"))...)
		allErrs = append(allErrs, validateEJobEnv(c.Env, p.Child("env"))...)
		allErrs = append(allErrs, validateEJobEnvFrom(c.EnvFrom, p.Child("envFrom"))...)
		allErrs = append(allErrs, validateEJobSecurityContext(c.SecurityContext, p.Child("securityContext"))...)
		allErrs = append(allErrs, validateEJobAllowedFields(c, p)...)

		for j, m := range c.VolumeMounts {
			mp := p.Child("volumeMounts").Index(j)
			if m.SubPath != "" {
				allErrs = append(allErrs, field.Forbidden(mp.Child("subPath"), "cannot be set for an ephemeral container"))
			}
			if m.SubPathExpr != "" {
				allErrs = append(allErrs, field.Forbidden(mp.Child("subPathExpr"), "cannot be set for an ephemeral container"))
			}
		}
	}
	return allErrs
}

// validateEJobAllowedFields rejects every set field of the container that ephemeral containers may not use.
func validateEJobAllowedFields(c *corev1.EphemeralContainerCommon, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || ejobAllowedContainerFields.Has(name) || v.Field(i).IsZero() {
			continue
		}
		allErrs = append(allErrs, field.Forbidden(fldPath.Child(name), "cannot be set for an ephemeral container"))
	}
	return allErrs
}

func validateEJobPorts(ports []corev1.ContainerPort, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := sets.New[string]()
	for i, port := range ports {
		p := fldPath.Index(i)
		if port.Name != "" {
			if msgs := utilvalidation.IsValidPortName(port.Name); len(msgs) > 0 {
				for _, msg := range msgs {
					allErrs = append(allErrs, field.Invalid(p.Child("name"), port.Name, msg))
				}
			} else if names.Has(port.Name) {
				allErrs = append(allErrs, field.Duplicate(p.Child("name"), port.Name))
			}
			names.Insert(port.Name)
		}
		if port.ContainerPort == 0 {
			allErrs = append(allErrs, field.Required(p.Child("containerPort"), ""))
		} else {
			for _, msg := range utilvalidation.IsValidPortNum(int(port.ContainerPort)) {
				allErrs = append(allErrs, field.Invalid(p.Child("containerPort"), port.ContainerPort, msg))
			}
		}
		if port.HostPort != 0 {
			for _, msg := range utilvalidation.IsValidPortNum(int(port.HostPort)) {
				allErrs = append(allErrs, field.Invalid(p.Child("hostPort"), port.HostPort, msg))
			}
		}
		switch port.Protocol {
		case corev1.ProtocolTCP, corev1.ProtocolUDP, corev1.ProtocolSCTP:
		case "":
			allErrs = append(allErrs, field.Required(p.Child("protocol"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("protocol"), port.Protocol,
				[]string{string(corev1.ProtocolSCTP), string(corev1.ProtocolTCP), string(corev1.ProtocolUDP)}))
		}
	}
	return allErrs
}

// ejobEnvFieldPaths are the pod fields an env var may reference through fieldRef.
var ejobEnvFieldPaths = sets.New(
	"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
	"status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
)

// ejobEnvResources are the container resources an env var may reference through resourceFieldRef.
var ejobEnvResources = sets.New(
	"limits.cpu", "limits.memory", "limits.ephemeral-storage",
	"requests.cpu", "requests.memory", "requests.ephemeral-storage",
)

func validateEJobEnv(vars []corev1.EnvVar, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for i, ev := range vars {
		p := fldPath.Index(i)
		if ev.Name == "" {
			allErrs = append(allErrs, field.Required(p.Child("name"), ""))
		} else {
			for _, msg := range utilvalidation.IsEnvVarName(ev.Name) {
				allErrs = append(allErrs, field.Invalid(p.Child("name"), ev.Name, msg))
			}
		}
		allErrs = append(allErrs, validateEJobEnvSource(&ev, p.Child("valueFrom"))...)
	}
	return allErrs
}

func validateEJobEnvSource(ev *corev1.EnvVar, fldPath *field.Path) field.ErrorList {
	src := ev.ValueFrom
	if src == nil {
		return nil
	}
	var allErrs field.ErrorList
	sources := 0
	if ref := src.FieldRef; ref != nil {
		sources++
		allErrs = append(allErrs, validateEJobFieldRef(ref, fldPath.Child("fieldRef"))...)
	}
	if ref := src.ResourceFieldRef; ref != nil {
		sources++
		allErrs = append(allErrs, validateEJobResourceFieldRef(ref, fldPath.Child("resourceFieldRef"))...)
	}
	if ref := src.ConfigMapKeyRef; ref != nil {
		sources++
		allErrs = append(allErrs, validateEJobKeyRef(ref.Name, ref.Key, fldPath.Child("configMapKeyRef"))...)
	}
	if ref := src.SecretKeyRef; ref != nil {
		sources++
		allErrs = append(allErrs, validateEJobKeyRef(ref.Name, ref.Key, fldPath.Child("secretKeyRef"))...)
	}
	if ref := src.FileKeyRef; ref != nil {
		sources++
		p := fldPath.Child("fileKeyRef")
		if ref.VolumeName == "" {
			allErrs = append(allErrs, field.Required(p.Child("volumeName"), ""))
		}
		if ref.Path == "" {
			allErrs = append(allErrs, field.Required(p.Child("path"), ""))
		}
		if ref.Key == "" {
			allErrs = append(allErrs, field.Required(p.Child("key"), ""))
		}
	}
	switch {
	case sources == 0:
		allErrs = append(allErrs, field.Invalid(fldPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"))
	case ev.Value != "":
		allErrs = append(allErrs, field.Invalid(fldPath, "", "may not be specified when `value` is not empty"))
	case sources > 1:
		allErrs = append(allErrs, field.Invalid(fldPath, "", "may not have more than one field specified at a time"))
	}
	return allErrs
}

func validateEJobFieldRef(ref *corev1.ObjectFieldSelector, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if ref.APIVersion == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("apiVersion"), ""))
	} else if ref.APIVersion != "v1" {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("apiVersion"), ref.APIVersion, []string{"v1"}))
	}
	path := fldPath.Child("fieldPath")
	switch {
	case ref.FieldPath == "":
		allErrs = append(allErrs, field.Required(path, ""))
	case ejobEnvFieldPaths.Has(ref.FieldPath):
	default:
		key, isLabel, ok := ejobSubscriptedFieldPath(ref.FieldPath)
		switch {
		case !ok:
			allErrs = append(allErrs, field.NotSupported(path, ref.FieldPath, append(sets.List(ejobEnvFieldPaths),
				"metadata.annotations['<KEY>']", "metadata.labels['<KEY>']")))
		case isLabel:
			allErrs = append(allErrs, metav1validation.ValidateLabelName(key, path)...)
		default:
			for _, msg := range utilvalidation.IsQualifiedName(strings.ToLower(key)) {
				allErrs = append(allErrs, field.Invalid(path, ref.FieldPath, msg))
			}
		}
	}
	return allErrs
}

// ejobSubscriptedFieldPath splits "metadata.labels['key']" or "metadata.annotations['key']".
func ejobSubscriptedFieldPath(path string) (key string, isLabel, ok bool) {
	for prefix, label := range map[string]bool{"metadata.labels['": true, "metadata.annotations['": false} {
		if rest, found := strings.CutPrefix(path, prefix); found {
			if key, found := strings.CutSuffix(rest, "']"); found {
				return key, label, true
			}
		}
	}
	return "", false, false
}

func validateEJobResourceFieldRef(ref *corev1.ResourceFieldSelector, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	res := ref.Resource
	switch {
	case res == "":
		allErrs = append(allErrs, field.Required(fldPath.Child("resource"), ""))
	case ejobEnvResources.Has(res), strings.HasPrefix(res, "limits.hugepages-"), strings.HasPrefix(res, "requests.hugepages-"):
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("resource"), res, sets.List(ejobEnvResources)))
	}
	if !ref.Divisor.IsZero() && !ejobValidDivisor(res, ref.Divisor) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("divisor"), ref.Divisor.String(), "is not a supported divisor for this resource"))
	}
	return allErrs
}

// ejobValidDivisor reports whether d is a unit the kubelet can express res in.
func ejobValidDivisor(res string, d resource.Quantity) bool {
	var units []string
	if strings.HasSuffix(res, ".cpu") {
		units = []string{"1m", "1"}
	} else {
		units = []string{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}
	}
	for _, u := range units {
		if d.Cmp(resource.MustParse(u)) == 0 {
			return true
		}
	}
	return false
}

func validateEJobKeyRef(name, key string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	allErrs = append(allErrs, validateEJobObjectName(name, fldPath.Child("name"))...)
	if key == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("key"), ""))
	} else {
		for _, msg := range utilvalidation.IsConfigMapKey(key) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("key"), key, msg))
		}
	}
	return allErrs
}

func validateEJobObjectName(name string, fldPath *field.Path) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	var allErrs field.ErrorList
	for _, msg := range utilvalidation.IsDNS1123Subdomain(name) {
		allErrs = append(allErrs, field.Invalid(fldPath, name, msg))
	}
	return allErrs
}

func validateEJobEnvFrom(sources []corev1.EnvFromSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for i, src := range sources {
		p := fldPath.Index(i)
		if src.Prefix != "" {
			for _, msg := range utilvalidation.IsEnvVarName(src.Prefix) {
				allErrs = append(allErrs, field.Invalid(p.Child("prefix"), src.Prefix, msg))
			}
		}
		count := 0
		if src.ConfigMapRef != nil {
			count++
			allErrs = append(allErrs, validateEJobObjectName(src.ConfigMapRef.Name, p.Child("configMapRef", "name"))...)
		}
		if src.SecretRef != nil {
			count++
			allErrs = append(allErrs, validateEJobObjectName(src.SecretRef.Name, p.Child("secretRef", "name"))...)
		}
		switch {
		case count == 0:
			allErrs = append(allErrs, field.Invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"))
		case count > 1:
			allErrs = append(allErrs, field.Invalid(p, "", "may not have more than one field specified at a time"))
		}
	}
	return allErrs
}

func validateEJobSecurityContext(sc *corev1.SecurityContext, fldPath *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var allErrs field.ErrorList
	if sc.RunAsUser != nil {
		for _, msg := range utilvalidation.IsValidUserID(*sc.RunAsUser) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsUser"), *sc.RunAsUser, msg))
		}
	}
	if sc.RunAsGroup != nil {
		for _, msg := range utilvalidation.IsValidGroupID(*sc.RunAsGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsGroup"), *sc.RunAsGroup, msg))
		}
	}
	if pm := sc.ProcMount; pm != nil {
		switch *pm {
		case corev1.DefaultProcMount:
		case corev1.UnmaskedProcMount:
			// The target pods share the host user namespace, where an unmasked /proc is refused.
			allErrs = append(allErrs, field.Invalid(fldPath.Child("procMount"), *pm, "`hostUsers` must be false to use `Unmasked`"))
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("procMount"), *pm,
				[]string{string(corev1.DefaultProcMount), string(corev1.UnmaskedProcMount)}))
		}
	}
	if sp := sc.SeccompProfile; sp != nil {
		allErrs = append(allErrs, validateEJobProfile(string(sp.Type), sp.LocalhostProfile, fldPath.Child("seccompProfile"))...)
	}
	if ap := sc.AppArmorProfile; ap != nil {
		allErrs = append(allErrs, validateEJobProfile(string(ap.Type), ap.LocalhostProfile, fldPath.Child("appArmorProfile"))...)
	}
	if ape := sc.AllowPrivilegeEscalation; ape != nil && !*ape {
		if sc.Privileged != nil && *sc.Privileged {
			allErrs = append(allErrs, field.Invalid(fldPath, "", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
		}
		if sc.Capabilities != nil {
			for _, c := range sc.Capabilities.Add {
				if c == "CAP_SYS_ADMIN" {
					allErrs = append(allErrs, field.Invalid(fldPath, "", "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"))
				}
			}
		}
	}
	return allErrs
}

// validateEJobProfile checks a seccomp or AppArmor profile: a known type, and a localhost profile
// exactly when the type is Localhost.
func validateEJobProfile(typ string, localhost *string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch typ {
	case "RuntimeDefault", "Unconfined":
		if localhost != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("localhostProfile"), *localhost, "can only be set when the profile type is Localhost"))
		}
	case "Localhost":
		if localhost == nil || strings.TrimSpace(*localhost) == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when the profile type is Localhost"))
		}
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("type"), ""))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), typ, []string{"Localhost", "RuntimeDefault", "Unconfined"}))
	}
	return allErrs
}
