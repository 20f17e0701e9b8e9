package podtemplate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// templatePath is where a workload embeds its pod template.
var templatePath = field.NewPath("spec", "template")

// want is an expected (type, path) pair; paths are relative to
// spec.template.spec unless they start with "spec.template.".
type want struct {
	typ  field.ErrorType
	path string
}

func (w want) String() string { return fmt.Sprintf("%s %s", w.typ, w.path) }

func req(p string) want       { return want{field.ErrorTypeRequired, p} }
func inv(p string) want       { return want{field.ErrorTypeInvalid, p} }
func dup(p string) want       { return want{field.ErrorTypeDuplicate, p} }
func forbidden(p string) want { return want{field.ErrorTypeForbidden, p} }
func notSup(p string) want    { return want{field.ErrorTypeNotSupported, p} }
func notFound(p string) want  { return want{field.ErrorTypeNotFound, p} }
func tooLong(p string) want   { return want{field.ErrorTypeTooLong, p} }

func qty(s string) resource.Quantity { return resource.MustParse(s) }

func ptrTo[T any](v T) *T { return &v }

// validTemplate returns a defaulted template that passes validation; each
// test case changes one thing.
func validTemplate() *corev1.PodTemplateSpec {
	t := &corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{
			Labels:      map[string]string{"app": "demo"},
			Annotations: map[string]string{"example.com/note": "anything goes here"},
		},
		Spec: corev1.PodSpec{
			Volumes: []corev1.Volume{{
				Name: "config",
				VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
					LocalObjectReference: corev1.LocalObjectReference{Name: "demo-config"},
				}},
			}},
			InitContainers: []corev1.Container{{
				Name:    "init",
				Image:   "busybox:1.36",
				Command: []string{"true"},
			}},
			Containers: []corev1.Container{{
				Name:         "main",
				Image:        "nginx:1.27",
				Ports:        []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}},
				Env:          []corev1.EnvVar{{Name: "MODE", Value: "prod"}},
				VolumeMounts: []corev1.VolumeMount{{Name: "config", MountPath: "/etc/config"}},
				Resources: corev1.ResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceCPU: qty("100m"), corev1.ResourceMemory: qty("64Mi")},
					Limits:   corev1.ResourceList{corev1.ResourceCPU: qty("500m"), corev1.ResourceMemory: qty("128Mi")},
				},
				ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
					HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromString("http")},
				}},
			}},
		},
	}
	SetDefaultsPodTemplate(t)
	return t
}

func main0(t *corev1.PodTemplateSpec) *corev1.Container { return &t.Spec.Containers[0] }

func addVolume(t *corev1.PodTemplateSpec, name string, src corev1.VolumeSource) {
	t.Spec.Volumes = append(t.Spec.Volumes, corev1.Volume{Name: name, VolumeSource: src})
}

// checkErrors compares the (type, path) pairs of errs with wanted, ignoring
// multiplicity (one check can report several messages on one field).
func checkErrors(t *testing.T, errs field.ErrorList, wanted []want, prefix string) {
	t.Helper()
	got := map[string]bool{}
	for _, e := range errs {
		got[want{e.Type, e.Field}.String()] = true
	}
	exp := map[string]bool{}
	for _, w := range wanted {
		p := w.path
		if prefix != "" && !strings.HasPrefix(p, "spec.template.") {
			p = prefix + p
		}
		exp[want{w.typ, p}.String()] = true
	}
	var missing, extra []string
	for k := range exp {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !exp[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("missing errors: %v\nunexpected errors: %v\nall errors: %v", missing, extra, errs)
	}
}

func TestValidTemplatePasses(t *testing.T) {
	tmpl := validTemplate()
	if errs := ValidatePodTemplateSpec(tmpl, templatePath); len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
}

func TestValidatePodTemplateSpecNil(t *testing.T) {
	errs := ValidatePodTemplateSpec(nil, templatePath)
	checkErrors(t, errs, []want{req("spec.template")}, "")
	errs = ValidatePodTemplateSpec(nil, nil)
	if len(errs) != 1 || errs[0].Type != field.ErrorTypeRequired {
		t.Fatalf("nil template with nil path: %v", errs)
	}
}

func TestValidatePodTemplateSpec(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*corev1.PodTemplateSpec)
		want   []want // nil means the template must be accepted
	}{
		// Template metadata.
		{"ok: prefixed label and annotation", func(t *corev1.PodTemplateSpec) {
			t.Labels["example.com/tier"] = "front-end"
			t.Annotations["example.com/Whatever"] = "x y z"
		}, nil},
		{"label key invalid", func(t *corev1.PodTemplateSpec) { t.Labels["bad key!"] = "x" },
			[]want{inv("spec.template.labels")}},
		{"label value invalid", func(t *corev1.PodTemplateSpec) { t.Labels["app"] = "not a value!" },
			[]want{inv("spec.template.labels")}},
		{"annotation key invalid", func(t *corev1.PodTemplateSpec) { t.Annotations["bad key!"] = "x" },
			[]want{inv("spec.template.annotations")}},
		{"ok: apparmor annotation for an existing container", func(t *corev1.PodTemplateSpec) {
			t.Annotations[corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix+"main"] = "runtime/default"
		}, nil},
		{"apparmor annotation for an unknown container", func(t *corev1.PodTemplateSpec) {
			t.Annotations[corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix+"nope"] = "runtime/default"
		}, []want{inv("spec.template.annotations[container.apparmor.security.beta.kubernetes.io/nope]")}},
		{"ok: seccomp annotation", func(t *corev1.PodTemplateSpec) {
			t.Annotations[corev1.SeccompPodAnnotationKey] = "runtime/default"
		}, nil},
		{"seccomp annotation invalid", func(t *corev1.PodTemplateSpec) {
			t.Annotations[corev1.SeccompPodAnnotationKey] = "bogus"
		}, []want{inv("spec.template.annotations.seccomp.security.alpha.kubernetes.io/pod")}},
		{"mirror annotation without nodeName", func(t *corev1.PodTemplateSpec) {
			t.Annotations[corev1.MirrorPodAnnotationKey] = "x"
		}, []want{inv("spec.template.annotations[kubernetes.io/config.mirror]")}},
		{"ephemeral containers are not allowed", func(t *corev1.PodTemplateSpec) {
			t.Spec.EphemeralContainers = []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{
				Name: "debug", Image: "busybox", ImagePullPolicy: corev1.PullAlways, TerminationMessagePolicy: corev1.TerminationMessageReadFile,
			}}}
		}, []want{forbidden("spec.template.spec.ephemeralContainers")}},

		// Container names and images.
		{"no containers", func(t *corev1.PodTemplateSpec) { t.Spec.Containers = nil },
			[]want{req("containers")}},
		{"container name missing", func(t *corev1.PodTemplateSpec) { main0(t).Name = "" },
			[]want{req("containers[0].name")}},
		{"container name not a DNS label", func(t *corev1.PodTemplateSpec) { main0(t).Name = "Main_1" },
			[]want{inv("containers[0].name")}},
		{"ok: second container with another name", func(t *corev1.PodTemplateSpec) {
			c := *main0(t).DeepCopy()
			c.Name = "sidecar"
			c.Ports = nil
			t.Spec.Containers = append(t.Spec.Containers, c)
		}, nil},
		{"duplicate container name", func(t *corev1.PodTemplateSpec) {
			c := *main0(t).DeepCopy()
			c.Ports = nil
			t.Spec.Containers = append(t.Spec.Containers, c)
		}, []want{dup("containers[1].name")}},
		{"init container named like a container", func(t *corev1.PodTemplateSpec) { t.Spec.InitContainers[0].Name = "main" },
			[]want{dup("initContainers[0].name")}},
		{"init container name invalid", func(t *corev1.PodTemplateSpec) { t.Spec.InitContainers[0].Name = "init.1" },
			[]want{inv("initContainers[0].name")}},
		{"image missing", func(t *corev1.PodTemplateSpec) { main0(t).Image = "" },
			[]want{req("containers[0].image")}},
		{"init image missing", func(t *corev1.PodTemplateSpec) { t.Spec.InitContainers[0].Image = "" },
			[]want{req("initContainers[0].image")}},
		{"image with surrounding whitespace", func(t *corev1.PodTemplateSpec) { main0(t).Image = " nginx:1.27" },
			[]want{inv("containers[0].image")}},
		{"ok: image with registry, tag and digest", func(t *corev1.PodTemplateSpec) {
			main0(t).Image = "registry.example.com:5000/team/app:v1@sha256:" + strings.Repeat("ab", 32)
		}, nil},
		{"imagePullPolicy unsupported", func(t *corev1.PodTemplateSpec) { main0(t).ImagePullPolicy = "Sometimes" },
			[]want{notSup("containers[0].imagePullPolicy")}},
		{"imagePullPolicy empty", func(t *corev1.PodTemplateSpec) { main0(t).ImagePullPolicy = "" },
			[]want{req("containers[0].imagePullPolicy")}},
		{"ok: imagePullPolicy Never", func(t *corev1.PodTemplateSpec) { main0(t).ImagePullPolicy = corev1.PullNever }, nil},
		{"terminationMessagePolicy unsupported", func(t *corev1.PodTemplateSpec) { main0(t).TerminationMessagePolicy = "Whenever" },
			[]want{notSup("containers[0].terminationMessagePolicy")}},
		{"terminationMessagePolicy empty", func(t *corev1.PodTemplateSpec) { main0(t).TerminationMessagePolicy = "" },
			[]want{req("containers[0].terminationMessagePolicy")}},
		{"ok: terminationMessagePolicy FallbackToLogsOnError", func(t *corev1.PodTemplateSpec) {
			main0(t).TerminationMessagePolicy = corev1.TerminationMessageFallbackToLogsOnError
		}, nil},

		// Ports.
		{"ok: UDP and SCTP ports", func(t *corev1.PodTemplateSpec) {
			main0(t).Ports = append(main0(t).Ports,
				corev1.ContainerPort{Name: "dns", ContainerPort: 53, Protocol: corev1.ProtocolUDP},
				corev1.ContainerPort{ContainerPort: 9999, Protocol: corev1.ProtocolSCTP})
		}, nil},
		{"containerPort missing", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].ContainerPort = 0 },
			[]want{req("containers[0].ports[0].containerPort")}},
		{"containerPort out of range", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].ContainerPort = 70000 },
			[]want{inv("containers[0].ports[0].containerPort")}},
		{"hostPort out of range", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].HostPort = 70000 },
			[]want{inv("containers[0].ports[0].hostPort")}},
		{"protocol unsupported", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].Protocol = "HTTP" },
			[]want{notSup("containers[0].ports[0].protocol")}},
		{"protocol empty", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].Protocol = "" },
			[]want{req("containers[0].ports[0].protocol")}},
		{"port name not an IANA service name", func(t *corev1.PodTemplateSpec) { main0(t).Ports[0].Name = "HTTP_PORT" },
			[]want{inv("containers[0].ports[0].name")}},
		{"duplicate port name", func(t *corev1.PodTemplateSpec) {
			main0(t).Ports = append(main0(t).Ports, corev1.ContainerPort{Name: "http", ContainerPort: 8081, Protocol: corev1.ProtocolTCP})
		}, []want{dup("containers[0].ports[1].name")}},
		{"ok: same port name in two containers", func(t *corev1.PodTemplateSpec) {
			c := *main0(t).DeepCopy()
			c.Name = "other"
			t.Spec.Containers = append(t.Spec.Containers, c)
		}, nil},
		{"hostPort used twice across containers", func(t *corev1.PodTemplateSpec) {
			main0(t).Ports[0].HostPort = 80
			c := *main0(t).DeepCopy()
			c.Name = "other"
			t.Spec.Containers = append(t.Spec.Containers, c)
		}, []want{dup("containers[1].ports[0].hostPort")}},
		{"ok: hostNetwork with hostPort left unset", func(t *corev1.PodTemplateSpec) { t.Spec.HostNetwork = true }, nil},
		{"hostNetwork with a different hostPort", func(t *corev1.PodTemplateSpec) {
			t.Spec.HostNetwork = true
			main0(t).Ports[0].HostPort = 9090
		}, []want{inv("containers[0].ports[0].hostPort")}},

		// Environment.
		{"ok: env name with dots and dashes", func(t *corev1.PodTemplateSpec) { main0(t).Env[0].Name = "my.var_name-1" }, nil},
		{"env name missing", func(t *corev1.PodTemplateSpec) { main0(t).Env[0].Name = "" },
			[]want{req("containers[0].env[0].name")}},
		{"env name invalid", func(t *corev1.PodTemplateSpec) { main0(t).Env[0].Name = "1BAD=" },
			[]want{inv("containers[0].env[0].name")}},
		{"init env name invalid", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].Env = []corev1.EnvVar{{Name: "A B"}}
		}, []want{inv("initContainers[0].env[0].name")}},
		{"ok: env from fieldRef and label subscript", func(t *corev1.PodTemplateSpec) {
			main0(t).Env = []corev1.EnvVar{
				{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
				{Name: "APP", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['app']"}}},
				{Name: "CPU", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu", Divisor: qty("1m")}}},
				{Name: "KEY", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
					LocalObjectReference: corev1.LocalObjectReference{Name: "creds"}, Key: "token"}}},
			}
		}, nil},
		{"valueFrom without a source", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{}}
		}, []want{inv("containers[0].env[0].valueFrom")}},
		{"valueFrom with two sources", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"},
				ConfigMapKeyRef: &corev1.ConfigMapKeySelector{
					LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}, Key: "k"},
			}}
		}, []want{inv("containers[0].env[0].valueFrom")}},
		{"value together with valueFrom", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", Value: "v", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}}
		}, []want{inv("containers[0].env[0].valueFrom")}},
		{"fieldRef path unsupported", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.whatever"}}}
		}, []want{notSup("containers[0].env[0].valueFrom.fieldRef.fieldPath")}},
		{"secretKeyRef key missing", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "creds"}}}}
		}, []want{req("containers[0].env[0].valueFrom.secretKeyRef.key")}},
		{"resourceFieldRef resource unsupported", func(t *corev1.PodTemplateSpec) {
			main0(t).Env[0] = corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{
				ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.gpu"}}}
		}, []want{notSup("containers[0].env[0].valueFrom.resourceFieldRef.resource")}},
		{"ok: envFrom configMap with prefix", func(t *corev1.PodTemplateSpec) {
			main0(t).EnvFrom = []corev1.EnvFromSource{{Prefix: "CFG_", ConfigMapRef: &corev1.ConfigMapEnvSource{
				LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}}}}
		}, nil},
		{"envFrom without a source", func(t *corev1.PodTemplateSpec) {
			main0(t).EnvFrom = []corev1.EnvFromSource{{Prefix: "X_"}}
		}, []want{inv("containers[0].envFrom")}},
		{"envFrom prefix invalid", func(t *corev1.PodTemplateSpec) {
			main0(t).EnvFrom = []corev1.EnvFromSource{{Prefix: "1=", SecretRef: &corev1.SecretEnvSource{
				LocalObjectReference: corev1.LocalObjectReference{Name: "s"}}}}
		}, []want{inv("containers[0].envFrom[0].prefix")}},

		// Volumes.
		{"ok: common volume sources", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "scratch", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
			addVolume(t, "logs", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log"}})
			addVolume(t, "creds", corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "creds",
				Items: []corev1.KeyToPath{{Key: "token", Path: "token"}}}})
			addVolume(t, "data", corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "data"}})
			addVolume(t, "podinfo", corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
				Items: []corev1.DownwardAPIVolumeFile{{Path: "labels", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels"}}}}})
			addVolume(t, "token", corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "ca"},
					Items: []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}}}},
			}}})
			addVolume(t, "cache", corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{VolumeClaimTemplate: &corev1.PersistentVolumeClaimTemplate{
				Spec: corev1.PersistentVolumeClaimSpec{
					AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
					Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: qty("1Gi")}},
				}}}})
			addVolume(t, "csi", corev1.VolumeSource{CSI: &corev1.CSIVolumeSource{Driver: "csi.example.com"}})
			SetDefaultsPodTemplate(t)
		}, nil},
		{"volume name not a DNS label", func(t *corev1.PodTemplateSpec) { t.Spec.Volumes[0].Name = "Config" },
			[]want{inv("volumes[0].name"), notFound("containers[0].volumeMounts[0].name")}},
		{"volume name missing", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
		}, []want{req("volumes[1].name")}},
		{"duplicate volume name", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "config", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
		}, []want{dup("volumes[1].name")}},
		{"volume without a source", func(t *corev1.PodTemplateSpec) { addVolume(t, "extra", corev1.VolumeSource{}) },
			[]want{req("volumes[1]")}},
		{"volume with two sources", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}, HostPath: &corev1.HostPathVolumeSource{Path: "/tmp"}})
		}, []want{forbidden("volumes[1].hostPath")}},
		{"volume with secret and configMap reports the later one", func(t *corev1.PodTemplateSpec) {
			t.Spec.Volumes[0].Secret = &corev1.SecretVolumeSource{SecretName: "s"}
		}, []want{forbidden("volumes[0].configMap"), notFound("containers[0].volumeMounts[0].name")}},
		{"secret volume without secretName", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{}})
		}, []want{req("volumes[1].secret.secretName")}},
		{"configMap defaultMode out of range", func(t *corev1.PodTemplateSpec) {
			t.Spec.Volumes[0].ConfigMap.DefaultMode = ptrTo[int32](01000)
		}, []want{inv("volumes[0].configMap.defaultMode"), notFound("containers[0].volumeMounts[0].name")}},
		{"configMap item path escapes the volume", func(t *corev1.PodTemplateSpec) {
			t.Spec.Volumes[0].ConfigMap.Items = []corev1.KeyToPath{{Key: "k", Path: "../etc/passwd"}}
		}, []want{inv("volumes[0].configMap.items[0].path"), notFound("containers[0].volumeMounts[0].name")}},
		{"hostPath with backsteps", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/../etc"}})
		}, []want{inv("volumes[1].hostPath.path")}},
		{"hostPath type unsupported", func(t *corev1.PodTemplateSpec) {
			typ := corev1.HostPathType("Pipe")
			addVolume(t, "extra", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/run", Type: &typ}})
		}, []want{notSup("volumes[1].hostPath.type")}},
		{"persistentVolumeClaim without claimName", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{}})
		}, []want{req("volumes[1].persistentVolumeClaim.claimName")}},
		{"emptyDir negative sizeLimit", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{SizeLimit: ptrTo(qty("-1Gi"))}})
		}, []want{forbidden("volumes[1].emptyDir.sizeLimit")}},
		{"projected token expiring too soon", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptrTo[int64](60)}},
			}}})
		}, []want{inv("volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds")}},
		{"projected source with two kinds", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{{
				Secret:    &corev1.SecretProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}},
				ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "c"}},
			}}}})
		}, []want{forbidden("volumes[1].projected.sources[0]")}},
		{"downwardAPI volume with env-only field", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
				Items: []corev1.DownwardAPIVolumeFile{{Path: "node", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.nodeName"}}}}})
		}, []want{notSup("volumes[1].downwardAPI.fieldRef.fieldPath")}},
		{"ephemeral volume claim template without storage", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{VolumeClaimTemplate: &corev1.PersistentVolumeClaimTemplate{
				Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}}}}})
		}, []want{req("volumes[1].ephemeral.volumeClaimTemplate.spec.resources[storage]")}},
		{"ephemeral volume claim template with a name", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{VolumeClaimTemplate: &corev1.PersistentVolumeClaimTemplate{
				ObjectMeta: metav1.ObjectMeta{Name: "fixed"},
				Spec: corev1.PersistentVolumeClaimSpec{
					AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
					Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: qty("1Gi")}},
				}}}})
		}, []want{forbidden("volumes[1].ephemeral.volumeClaimTemplate.metadata.name")}},
		{"csi driver name invalid", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "extra", corev1.VolumeSource{CSI: &corev1.CSIVolumeSource{Driver: "not_valid"}})
		}, []want{inv("volumes[1].csi.driver")}},

		// Volume mounts.
		{"ok: read-only mount with relative subPath", func(t *corev1.PodTemplateSpec) {
			main0(t).VolumeMounts[0].SubPath = "app/conf"
			main0(t).VolumeMounts[0].ReadOnly = true
		}, nil},
		{"mount of an unknown volume", func(t *corev1.PodTemplateSpec) { main0(t).VolumeMounts[0].Name = "nope" },
			[]want{notFound("containers[0].volumeMounts[0].name")}},
		{"mount without a name", func(t *corev1.PodTemplateSpec) { main0(t).VolumeMounts[0].Name = "" },
			[]want{req("containers[0].volumeMounts[0].name"), notFound("containers[0].volumeMounts[0].name")}},
		{"mountPath missing", func(t *corev1.PodTemplateSpec) { main0(t).VolumeMounts[0].MountPath = "" },
			[]want{req("containers[0].volumeMounts[0].mountPath")}},
		{"mountPath used twice", func(t *corev1.PodTemplateSpec) {
			main0(t).VolumeMounts = append(main0(t).VolumeMounts, corev1.VolumeMount{Name: "config", MountPath: "/etc/config"})
		}, []want{inv("containers[0].volumeMounts[1].mountPath")}},
		{"init container mounts an unknown volume", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].VolumeMounts = []corev1.VolumeMount{{Name: "nope", MountPath: "/x"}}
		}, []want{notFound("initContainers[0].volumeMounts[0].name")}},
		{"absolute subPath", func(t *corev1.PodTemplateSpec) { main0(t).VolumeMounts[0].SubPath = "/etc" },
			[]want{inv("containers[0].volumeMounts.subPath")}},
		{"bidirectional propagation in an unprivileged container", func(t *corev1.PodTemplateSpec) {
			main0(t).VolumeMounts[0].MountPropagation = ptrTo(corev1.MountPropagationBidirectional)
		}, []want{forbidden("containers[0].volumeMounts.mountPropagation")}},
		{"volumeDevice on a non-PVC volume", func(t *corev1.PodTemplateSpec) {
			addVolume(t, "raw", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
			main0(t).VolumeDevices = []corev1.VolumeDevice{{Name: "raw", DevicePath: "/dev/xvda"}}
		}, []want{inv("containers[0].volumeDevices[0].name")}},

		// Resources.
		{"ok: requests equal to limits", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Requests = main0(t).Resources.Limits.DeepCopy()
		}, nil},
		{"ok: requests without limits", func(t *corev1.PodTemplateSpec) { main0(t).Resources.Limits = nil }, nil},
		{"request above limit", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Requests[corev1.ResourceCPU] = qty("1")
		}, []want{inv("containers[0].resources.requests")}},
		{"negative request", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Requests[corev1.ResourceMemory] = qty("-1Mi")
		}, []want{inv("containers[0].resources.requests[memory]")}},
		{"negative limit", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Requests = nil
			main0(t).Resources.Limits[corev1.ResourceCPU] = qty("-1")
		}, []want{inv("containers[0].resources.limits[cpu]")}},
		{"unknown unprefixed resource", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Limits["gpu"] = qty("1")
		}, []want{inv("containers[0].resources.limits[gpu]")}},
		{"ok: extended resource with equal request and limit", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Limits["example.com/gpu"] = qty("2")
			main0(t).Resources.Requests["example.com/gpu"] = qty("2")
		}, nil},
		{"extended resource requested without a limit", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Requests["example.com/gpu"] = qty("1")
		}, []want{req("containers[0].resources.limits")}},
		{"extended resource with a fraction", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Limits["example.com/gpu"] = qty("500m")
		}, []want{inv("containers[0].resources.limits[example.com/gpu]")}},
		{"hugepages without cpu or memory", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources = corev1.ResourceRequirements{Limits: corev1.ResourceList{"hugepages-2Mi": qty("4Mi")}}
		}, []want{forbidden("containers[0].resources")}},
		{"init container request above limit", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].Resources = corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceMemory: qty("2Gi")},
				Limits:   corev1.ResourceList{corev1.ResourceMemory: qty("1Gi")},
			}
		}, []want{inv("initContainers[0].resources.requests")}},

		// Probes and lifecycle.
		{"ok: exec liveness, tcp startup and grpc probes", func(t *corev1.PodTemplateSpec) {
			main0(t).LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}}
			main0(t).StartupProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}}}
			main0(t).ReadinessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9090}}}
			SetDefaultsPodTemplate(t)
		}, nil},
		{"probe without a handler", func(t *corev1.PodTemplateSpec) { main0(t).ReadinessProbe.HTTPGet = nil },
			[]want{req("containers[0].readinessProbe")}},
		{"probe with two handlers", func(t *corev1.PodTemplateSpec) {
			main0(t).ReadinessProbe.TCPSocket = &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}
		}, []want{forbidden("containers[0].readinessProbe.tcpSocket")}},
		{"probe with a negative period", func(t *corev1.PodTemplateSpec) { main0(t).ReadinessProbe.PeriodSeconds = -1 },
			[]want{inv("containers[0].readinessProbe.periodSeconds")}},
		{"probe with a negative initial delay", func(t *corev1.PodTemplateSpec) { main0(t).ReadinessProbe.InitialDelaySeconds = -5 },
			[]want{inv("containers[0].readinessProbe.initialDelaySeconds")}},
		{"liveness probe success threshold above 1", func(t *corev1.PodTemplateSpec) {
			main0(t).LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}, SuccessThreshold: 2}
			SetDefaultsPodTemplate(t)
		}, []want{inv("containers[0].livenessProbe.successThreshold")}},
		{"exec probe without a command", func(t *corev1.PodTemplateSpec) {
			main0(t).LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{}}}
			SetDefaultsPodTemplate(t)
		}, []want{req("containers[0].livenessProbe.exec.command")}},
		{"httpGet scheme unsupported", func(t *corev1.PodTemplateSpec) { main0(t).ReadinessProbe.HTTPGet.Scheme = "FTP" },
			[]want{notSup("containers[0].readinessProbe.httpGet.scheme")}},
		{"httpGet port name unknown format", func(t *corev1.PodTemplateSpec) {
			main0(t).ReadinessProbe.HTTPGet.Port = intstr.FromString("Not_A_Name")
		}, []want{inv("containers[0].readinessProbe.httpGet.port")}},
		{"readiness probe with terminationGracePeriodSeconds", func(t *corev1.PodTemplateSpec) {
			main0(t).ReadinessProbe.TerminationGracePeriodSeconds = ptrTo[int64](10)
		}, []want{inv("containers[0].readinessProbe.terminationGracePeriodSeconds")}},
		{"probe on a plain init container", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}}
			SetDefaultsPodTemplate(t)
		}, []want{forbidden("initContainers[0].livenessProbe")}},
		{"ok: probe on a sidecar init container", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].RestartPolicy = ptrTo(corev1.ContainerRestartPolicyAlways)
			t.Spec.InitContainers[0].LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}}
			SetDefaultsPodTemplate(t)
		}, nil},
		{"init container restartPolicy other than Always", func(t *corev1.PodTemplateSpec) {
			t.Spec.InitContainers[0].RestartPolicy = ptrTo(corev1.ContainerRestartPolicy("Never"))
		}, []want{notSup("initContainers[0].restartPolicy")}},
		{"regular container with restartPolicy", func(t *corev1.PodTemplateSpec) {
			main0(t).RestartPolicy = ptrTo(corev1.ContainerRestartPolicyAlways)
		}, []want{forbidden("containers[0].restartPolicy")}},
		{"ok: preStop sleep within the grace period", func(t *corev1.PodTemplateSpec) {
			main0(t).Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 5}}}
		}, nil},
		{"preStop sleep of zero seconds", func(t *corev1.PodTemplateSpec) {
			main0(t).Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 0}}}
		}, []want{inv("containers[0].lifecycle.preStop.sleep")}},
		{"postStart without a handler", func(t *corev1.PodTemplateSpec) {
			main0(t).Lifecycle = &corev1.Lifecycle{PostStart: &corev1.LifecycleHandler{}}
		}, []want{req("containers[0].lifecycle.postStart")}},

		// Pod-level fields.
		{"ok: restartPolicy OnFailure", func(t *corev1.PodTemplateSpec) { t.Spec.RestartPolicy = corev1.RestartPolicyOnFailure }, nil},
		{"restartPolicy empty", func(t *corev1.PodTemplateSpec) { t.Spec.RestartPolicy = "" },
			[]want{req("restartPolicy")}},
		{"restartPolicy unsupported", func(t *corev1.PodTemplateSpec) { t.Spec.RestartPolicy = "Sometimes" },
			[]want{notSup("restartPolicy")}},
		{"ok: dnsPolicy Default", func(t *corev1.PodTemplateSpec) { t.Spec.DNSPolicy = corev1.DNSDefault }, nil},
		{"dnsPolicy empty", func(t *corev1.PodTemplateSpec) { t.Spec.DNSPolicy = "" },
			[]want{req("dnsPolicy")}},
		{"dnsPolicy unsupported", func(t *corev1.PodTemplateSpec) { t.Spec.DNSPolicy = "ClusterLast" },
			[]want{notSup("dnsPolicy")}},
		{"ok: dnsPolicy None with a nameserver", func(t *corev1.PodTemplateSpec) {
			t.Spec.DNSPolicy = corev1.DNSNone
			t.Spec.DNSConfig = &corev1.PodDNSConfig{Nameservers: []string{"10.0.0.10"}, Searches: []string{"svc.cluster.local."}}
		}, nil},
		{"dnsPolicy None without dnsConfig", func(t *corev1.PodTemplateSpec) { t.Spec.DNSPolicy = corev1.DNSNone },
			[]want{req("dnsConfig")}},
		{"dnsConfig nameserver not an IP", func(t *corev1.PodTemplateSpec) {
			t.Spec.DNSConfig = &corev1.PodDNSConfig{Nameservers: []string{"dns.example.com"}}
		}, []want{inv("dnsConfig.nameservers[0]")}},
		{"ok: zero grace period", func(t *corev1.PodTemplateSpec) { t.Spec.TerminationGracePeriodSeconds = ptrTo[int64](0) }, nil},
		{"negative grace period", func(t *corev1.PodTemplateSpec) { t.Spec.TerminationGracePeriodSeconds = ptrTo[int64](-1) },
			[]want{inv("terminationGracePeriodSeconds")}},
		{"grace period missing", func(t *corev1.PodTemplateSpec) { t.Spec.TerminationGracePeriodSeconds = nil },
			[]want{req("terminationGracePeriodSeconds")}},
		{"activeDeadlineSeconds zero", func(t *corev1.PodTemplateSpec) { t.Spec.ActiveDeadlineSeconds = ptrTo[int64](0) },
			[]want{inv("activeDeadlineSeconds")}},
		{"ok: tolerations", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{
				{Operator: corev1.TolerationOpExists},
				{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "batch", Effect: corev1.TaintEffectNoSchedule},
				{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptrTo[int64](30)},
			}
		}, nil},
		{"toleration Exists with a value", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists, Value: "v"}}
		}, []want{inv("tolerations[0].operator")}},
		{"toleration operator unsupported", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: "Gt", Value: "1"}}
		}, []want{notSup("tolerations[0].operator")}},
		{"toleration effect unsupported", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists, Effect: "NoWay"}}
		}, []want{notSup("tolerations[0].effect")}},
		{"toleration with empty key and Equal", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Operator: corev1.TolerationOpEqual}}
		}, []want{inv("tolerations[0].operator")}},
		{"toleration seconds without NoExecute", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule, TolerationSeconds: ptrTo[int64](5)}}
		}, []want{inv("tolerations[0].effect")}},
		{"toleration key invalid", func(t *corev1.PodTemplateSpec) {
			t.Spec.Tolerations = []corev1.Toleration{{Key: "bad key", Operator: corev1.TolerationOpExists}}
		}, []want{inv("tolerations[0].key")}},
		{"ok: nodeSelector", func(t *corev1.PodTemplateSpec) {
			t.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux", "disk": ""}
		}, nil},
		{"nodeSelector key invalid", func(t *corev1.PodTemplateSpec) { t.Spec.NodeSelector = map[string]string{"bad key": "x"} },
			[]want{inv("nodeSelector")}},
		{"nodeSelector value invalid", func(t *corev1.PodTemplateSpec) { t.Spec.NodeSelector = map[string]string{"disk": "ssd!"} },
			[]want{inv("nodeSelector")}},
		{"ok: readiness gate", func(t *corev1.PodTemplateSpec) {
			t.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "example.com/ready"}}
		}, nil},
		{"readiness gate condition type invalid", func(t *corev1.PodTemplateSpec) {
			t.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "not ready!"}}
		}, []want{inv("readinessGates[0].conditionType")}},
		{"duplicate scheduling gate", func(t *corev1.PodTemplateSpec) {
			t.Spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "example.com/wait"}, {Name: "example.com/wait"}}
		}, []want{dup("schedulingGates[1]")}},
		{"hostname invalid", func(t *corev1.PodTemplateSpec) { t.Spec.Hostname = "Host_1" },
			[]want{inv("hostname")}},
		{"serviceAccountName invalid", func(t *corev1.PodTemplateSpec) { t.Spec.ServiceAccountName = "Bad_SA" },
			[]want{inv("serviceAccountName")}},
		{"priorityClassName invalid", func(t *corev1.PodTemplateSpec) { t.Spec.PriorityClassName = "High!" },
			[]want{inv("priorityClassName")}},
		{"preemptionPolicy unsupported", func(t *corev1.PodTemplateSpec) {
			t.Spec.PreemptionPolicy = ptrTo(corev1.PreemptionPolicy("Sometimes"))
		}, []want{notSup("preemptionPolicy")}},
		{"hostAlias IP invalid", func(t *corev1.PodTemplateSpec) {
			t.Spec.HostAliases = []corev1.HostAlias{{IP: "999.1.1.1", Hostnames: []string{"db"}}}
		}, []want{inv("hostAliases[0].ip")}},
		{"pod runAsUser negative", func(t *corev1.PodTemplateSpec) { t.Spec.SecurityContext.RunAsUser = ptrTo[int64](-1) },
			[]want{inv("securityContext.runAsUser")}},
		{"pod sysctl name invalid", func(t *corev1.PodTemplateSpec) {
			t.Spec.SecurityContext.Sysctls = []corev1.Sysctl{{Name: "Net..IPv4", Value: "1"}}
		}, []want{inv("securityContext.sysctls[0].name")}},
		{"pod seccomp Localhost without profile", func(t *corev1.PodTemplateSpec) {
			t.Spec.SecurityContext.SeccompProfile = &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeLocalhost}
		}, []want{req("securityContext.seccompProfile.localhostProfile")}},
		{"shareProcessNamespace with hostPID", func(t *corev1.PodTemplateSpec) {
			t.Spec.HostPID = true
			t.Spec.ShareProcessNamespace = ptrTo(true)
		}, []want{inv("securityContext.shareProcessNamespace")}},
		{"ok: privileged container", func(t *corev1.PodTemplateSpec) {
			main0(t).SecurityContext = &corev1.SecurityContext{Privileged: ptrTo(true)}
		}, nil},
		{"privileged container that forbids privilege escalation", func(t *corev1.PodTemplateSpec) {
			main0(t).SecurityContext = &corev1.SecurityContext{Privileged: ptrTo(true), AllowPrivilegeEscalation: ptrTo(false)}
		}, []want{inv("containers[0].securityContext")}},
		{"container runAsGroup negative", func(t *corev1.PodTemplateSpec) {
			main0(t).SecurityContext = &corev1.SecurityContext{RunAsGroup: ptrTo[int64](-2)}
		}, []want{inv("containers[0].securityContext.runAsGroup")}},
		{"unmasked procMount with host user namespace", func(t *corev1.PodTemplateSpec) {
			main0(t).SecurityContext = &corev1.SecurityContext{ProcMount: ptrTo(corev1.UnmaskedProcMount)}
		}, []want{inv("containers[0].securityContext.procMount")}},
		{"hostNetwork in a user namespace", func(t *corev1.PodTemplateSpec) {
			t.Spec.HostUsers = ptrTo(false)
			t.Spec.HostNetwork = true
		}, []want{forbidden("hostNetwork")}},
		{"ok: affinity", func(t *corev1.PodTemplateSpec) {
			t.Spec.Affinity = &corev1.Affinity{
				NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{
					NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: []corev1.NodeSelectorRequirement{
						{Key: "zone", Operator: corev1.NodeSelectorOpIn, Values: []string{"a", "b"}}}}}}},
				PodAntiAffinity: &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.WeightedPodAffinityTerm{{
					Weight: 50,
					PodAffinityTerm: corev1.PodAffinityTerm{
						LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "demo"}},
						TopologyKey:   "kubernetes.io/hostname",
					}}}},
			}
		}, nil},
		{"node affinity without terms", func(t *corev1.PodTemplateSpec) {
			t.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{}}}
		}, []want{req("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms")}},
		{"node affinity In without values", func(t *corev1.PodTemplateSpec) {
			t.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{
				NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "zone", Operator: corev1.NodeSelectorOpIn}}}}}}}
		}, []want{req("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values")}},
		{"pod anti-affinity without topologyKey", func(t *corev1.PodTemplateSpec) {
			t.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{
				LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "demo"}}}}}}
		}, []want{req("affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey"),
			inv("affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey")}},
		{"ok: topology spread constraint", func(t *corev1.PodTemplateSpec) {
			t.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{
				MaxSkew: 1, TopologyKey: "topology.kubernetes.io/zone", WhenUnsatisfiable: corev1.DoNotSchedule,
				LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "demo"}}, MinDomains: ptrTo[int32](2),
			}}
		}, nil},
		{"topology spread maxSkew zero", func(t *corev1.PodTemplateSpec) {
			t.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{
				MaxSkew: 0, TopologyKey: "topology.kubernetes.io/zone", WhenUnsatisfiable: corev1.ScheduleAnyway}}
		}, []want{inv("topologySpreadConstraints[0].maxSkew")}},
		{"topology spread whenUnsatisfiable unsupported", func(t *corev1.PodTemplateSpec) {
			t.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{
				MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: "Maybe"}}
		}, []want{notSup("topologySpreadConstraints[0].whenUnsatisfiable")}},
		{"pod OS unsupported", func(t *corev1.PodTemplateSpec) { t.Spec.OS = &corev1.PodOS{Name: "plan9"} },
			[]want{notSup("os")}},
		{"windows options on a linux pod", func(t *corev1.PodTemplateSpec) {
			t.Spec.OS = &corev1.PodOS{Name: corev1.Linux}
			main0(t).SecurityContext = &corev1.SecurityContext{WindowsOptions: &corev1.WindowsSecurityContextOptions{}}
		}, []want{forbidden("containers[0].securityContext.windowsOptions")}},
		{"pod overhead negative", func(t *corev1.PodTemplateSpec) {
			t.Spec.Overhead = corev1.ResourceList{corev1.ResourceCPU: qty("-1")}
		}, []want{inv("overhead.limits[cpu]")}},
		{"container claim not declared by the pod", func(t *corev1.PodTemplateSpec) {
			main0(t).Resources.Claims = []corev1.ResourceClaim{{Name: "gpu"}}
		}, []want{notFound("containers[0].resources.claims[0]")}},
		{"ok: container claim declared by the pod", func(t *corev1.PodTemplateSpec) {
			t.Spec.ResourceClaims = []corev1.PodResourceClaim{{Name: "gpu", ResourceClaimTemplateName: ptrTo("gpu-template")}}
			main0(t).Resources.Claims = []corev1.ResourceClaim{{Name: "gpu"}}
		}, nil},
		{"resize policy for an unsupported resource", func(t *corev1.PodTemplateSpec) {
			main0(t).ResizePolicy = []corev1.ContainerResizePolicy{{ResourceName: "storage", RestartPolicy: corev1.NotRequired}}
		}, []want{notSup("containers[0].resizePolicy")}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := validTemplate()
			tc.mutate(tmpl)
			errs := ValidatePodTemplateSpec(tmpl, templatePath)
			if tc.want == nil {
				if len(errs) != 0 {
					t.Fatalf("expected the template to be accepted, got: %v", errs)
				}
				return
			}
			checkErrors(t, errs, tc.want, "spec.template.spec.")
		})
	}
}

// validClaim returns a defaulted claim template that passes validation.
func validClaim() *corev1.PersistentVolumeClaim {
	pvc := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "data", Labels: map[string]string{"app": "demo"}},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: qty("10Gi")}},
		},
	}
	SetDefaultsPersistentVolumeClaim(pvc)
	return pvc
}

func TestValidatePersistentVolumeClaimTemplate(t *testing.T) {
	claimsPath := field.NewPath("spec", "volumeClaimTemplates").Index(0)
	cases := []struct {
		name   string
		mutate func(*corev1.PersistentVolumeClaim)
		want   []want
	}{
		{"ok: defaults", func(*corev1.PersistentVolumeClaim) {}, nil},
		{"ok: dotted name, storage class, block mode, several modes", func(p *corev1.PersistentVolumeClaim) {
			p.Name = "data.v2"
			p.Spec.StorageClassName = ptrTo("fast-ssd")
			p.Spec.VolumeMode = ptrTo(corev1.PersistentVolumeBlock)
			p.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce, corev1.ReadOnlyMany}
		}, nil},
		{"name missing", func(p *corev1.PersistentVolumeClaim) { p.Name = "" },
			[]want{req("metadata.name")}},
		{"name not a DNS subdomain", func(p *corev1.PersistentVolumeClaim) { p.Name = "Data_1" },
			[]want{inv("metadata.name")}},
		{"name too long", func(p *corev1.PersistentVolumeClaim) { p.Name = strings.Repeat("a", 254) },
			[]want{inv("metadata.name")}},
		{"label invalid", func(p *corev1.PersistentVolumeClaim) { p.Labels["bad key"] = "x" },
			[]want{inv("metadata.labels")}},
		{"annotation invalid", func(p *corev1.PersistentVolumeClaim) { p.Annotations = map[string]string{"bad key": "x"} },
			[]want{inv("metadata.annotations")}},
		{"accessModes missing", func(p *corev1.PersistentVolumeClaim) { p.Spec.AccessModes = nil },
			[]want{req("spec.accessModes")}},
		{"accessMode unsupported", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{"ReadEverywhere"}
		}, []want{notSup("spec.accessModes")}},
		{"ReadWriteOncePod mixed with another mode", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOncePod, corev1.ReadWriteOnce}
		}, []want{forbidden("spec.accessModes")}},
		{"ok: ReadWriteOncePod alone", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOncePod}
		}, nil},
		{"storage request missing", func(p *corev1.PersistentVolumeClaim) { p.Spec.Resources.Requests = nil },
			[]want{req("spec.resources[storage]")}},
		{"storage request zero", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.Resources.Requests[corev1.ResourceStorage] = qty("0")
		}, []want{inv("spec.resources[storage]")}},
		{"storage request negative", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.Resources.Requests[corev1.ResourceStorage] = qty("-1Gi")
		}, []want{inv("spec.resources[storage]")}},
		{"volumeMode unsupported", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.VolumeMode = ptrTo(corev1.PersistentVolumeMode("Raw"))
		}, []want{notSup("spec.volumeMode")}},
		{"storageClassName invalid", func(p *corev1.PersistentVolumeClaim) { p.Spec.StorageClassName = ptrTo("Fast_SSD") },
			[]want{inv("spec.storageClassName")}},
		{"selector invalid", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"bad key": "x"}}
		}, []want{inv("spec.selector.matchLabels")}},
		{"dataSource of a non-core kind without group", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.DataSource = &corev1.TypedLocalObjectReference{Kind: "VolumeSnapshot", Name: "snap"}
		}, []want{inv("spec.dataSource")}},
		{"ok: dataSource snapshot", func(p *corev1.PersistentVolumeClaim) {
			p.Spec.DataSource = &corev1.TypedLocalObjectReference{APIGroup: ptrTo("snapshot.storage.k8s.io"), Kind: "VolumeSnapshot", Name: "snap"}
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pvc := validClaim()
			tc.mutate(pvc)
			errs := ValidatePersistentVolumeClaimTemplate(pvc, claimsPath)
			if tc.want == nil {
				if len(errs) != 0 {
					t.Fatalf("expected the claim to be accepted, got: %v", errs)
				}
				return
			}
			checkErrors(t, errs, tc.want, "spec.volumeClaimTemplates[0].")
		})
	}

	t.Run("nil claim", func(t *testing.T) {
		checkErrors(t, ValidatePersistentVolumeClaimTemplate(nil, claimsPath), []want{req("spec.volumeClaimTemplates[0]")}, "")
	})
}

func TestErrorPathsFollowFldPath(t *testing.T) {
	tmpl := validTemplate()
	main0(tmpl).Image = ""
	errs := ValidatePodTemplateSpec(tmpl, field.NewPath("spec", "template"))
	if len(errs) != 1 || errs[0].Field != "spec.template.spec.containers[0].image" || errs[0].Type != field.ErrorTypeRequired {
		t.Fatalf("unexpected errors: %v", errs)
	}
	errs = ValidatePodTemplateSpec(tmpl, field.NewPath("spec", "workloadTemplate", "template"))
	if len(errs) != 1 || errs[0].Field != "spec.workloadTemplate.template.spec.containers[0].image" {
		t.Fatalf("unexpected errors: %v", errs)
	}
}

func TestAppArmorProfileTooLong(t *testing.T) {
	tmpl := validTemplate()
	long := strings.Repeat("p", maxAppArmorLocalhostProfileLength+1)
	tmpl.Spec.SecurityContext.AppArmorProfile = &corev1.AppArmorProfile{Type: corev1.AppArmorProfileTypeLocalhost, LocalhostProfile: &long}
	checkErrors(t, ValidatePodTemplateSpec(tmpl, templatePath), []want{tooLong("securityContext.appArmorProfile.localhostProfile")}, "spec.template.spec.")
}
