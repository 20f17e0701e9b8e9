package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// ejobErrorPaths lists the field paths of errs, for comparing with the expected ones.
func ejobErrorPaths(errs field.ErrorList) []string {
	paths := []string{}
	for _, e := range errs {
		paths = append(paths, e.Field)
	}
	return paths
}

func validEphemeralJob() *apps.EphemeralJob {
	return &apps.EphemeralJob{
		ObjectMeta: metav1.ObjectMeta{Name: "debug", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.EphemeralJobSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: apps.EphemeralContainerTemplateSpec{EphemeralContainers: []corev1.EphemeralContainer{{
				EphemeralContainerCommon: corev1.EphemeralContainerCommon{
					Name:                     "debugger",
					Image:                    "busybox:1.36",
					TerminationMessagePolicy: corev1.TerminationMessageReadFile,
					ImagePullPolicy:          corev1.PullIfNotPresent,
				},
			}}},
		},
	}
}

// ejobContainer returns the first ephemeral container of job, for tests to change.
func ejobContainer(job *apps.EphemeralJob) *corev1.EphemeralContainerCommon {
	return &job.Spec.Template.EphemeralContainers[0].EphemeralContainerCommon
}

func TestValidateEphemeralJob(t *testing.T) {
	const c0 = "spec.template.ephemeralContainers[0]"
	cases := []struct {
		name   string
		mutate func(*apps.EphemeralJob)
		want   []string
	}{
		{"a job with one complete container is accepted", func(*apps.EphemeralJob) {}, nil},
		{"an empty selector is accepted", func(j *apps.EphemeralJob) { j.Spec.Selector = &metav1.LabelSelector{} }, nil},
		{"a missing selector is rejected", func(j *apps.EphemeralJob) { j.Spec.Selector = nil }, []string{"spec.selector"}},
		{"a selector with a bad operator is rejected", func(j *apps.EphemeralJob) {
			j.Spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "a", Operator: "Near"}}}
		}, []string{"spec.selector.matchExpressions[0].operator"}},
		{"a missing namespace is rejected", func(j *apps.EphemeralJob) { j.Namespace = "" }, []string{"metadata.namespace"}},

		{"a container without a name is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).Name = "" }, []string{c0 + ".name"}},
		{"a container name that is not a DNS label is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).Name = "Debug_1" }, []string{c0 + ".name"}},
		{"two containers with the same name are rejected", func(j *apps.EphemeralJob) {
			j.Spec.Template.EphemeralContainers = append(j.Spec.Template.EphemeralContainers, j.Spec.Template.EphemeralContainers[0])
		}, []string{"spec.template.ephemeralContainers[1].name"}},
		{"a container without an image is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).Image = "" }, []string{c0 + ".image"}},
		{"an image with surrounding blanks is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).Image = " busybox" }, []string{c0 + ".image"}},
		{"a missing terminationMessagePolicy is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).TerminationMessagePolicy = ""
		}, []string{c0 + ".terminationMessagePolicy"}},
		{"an unknown terminationMessagePolicy is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).TerminationMessagePolicy = "Sometimes"
		}, []string{c0 + ".terminationMessagePolicy"}},
		{"a missing imagePullPolicy is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).ImagePullPolicy = "" }, []string{c0 + ".imagePullPolicy"}},
		{"an unknown imagePullPolicy is rejected", func(j *apps.EphemeralJob) { ejobContainer(j).ImagePullPolicy = "Daily" }, []string{c0 + ".imagePullPolicy"}},

		{"ports are forbidden", func(j *apps.EphemeralJob) {
			ejobContainer(j).Ports = []corev1.ContainerPort{{ContainerPort: 80, Protocol: corev1.ProtocolTCP}}
		}, []string{c0 + ".ports"}},
		{"ports are also checked for validity", func(j *apps.EphemeralJob) {
			ejobContainer(j).Ports = []corev1.ContainerPort{{ContainerPort: 80, Protocol: "HTTP"}}
		}, []string{c0 + ".ports", c0 + ".ports[0].protocol"}},
		{"resources are forbidden", func(j *apps.EphemeralJob) {
			ejobContainer(j).Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}
		}, []string{c0 + ".resources"}},
		{"probes and lifecycle are forbidden", func(j *apps.EphemeralJob) {
			c := ejobContainer(j)
			c.LivenessProbe, c.ReadinessProbe, c.StartupProbe, c.Lifecycle = &corev1.Probe{}, &corev1.Probe{}, &corev1.Probe{}, &corev1.Lifecycle{}
		}, []string{c0 + ".livenessProbe", c0 + ".readinessProbe", c0 + ".startupProbe", c0 + ".lifecycle"}},
		{"a container restartPolicy is forbidden", func(j *apps.EphemeralJob) {
			always := corev1.ContainerRestartPolicyAlways
			ejobContainer(j).RestartPolicy = &always
		}, []string{c0 + ".restartPolicy"}},
		{"plain volume mounts, stdin and tty are accepted", func(j *apps.EphemeralJob) {
			c := ejobContainer(j)
			c.VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/data"}}
			c.Stdin, c.TTY = true, true
		}, nil},
		{"volume mount subPath and subPathExpr are forbidden", func(j *apps.EphemeralJob) {
			ejobContainer(j).VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/data", SubPath: "a", SubPathExpr: "$(X)"}}
		}, []string{c0 + ".volumeMounts[0].subPath", c0 + ".volumeMounts[0].subPathExpr"}},

		{"env from values and pod fields is accepted", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{
				{Name: "MODE", Value: "debug"},
				{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
				{Name: "APP", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['app']"}}},
				{Name: "CPU", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu", Divisor: resource.MustParse("1m")}}},
				{Name: "PASS", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "creds"}, Key: "password"}}},
			}
		}, nil},
		{"an env var with a bad name is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "1=BAD", Value: "x"}}
		}, []string{c0 + ".env[0].name"}},
		{"an env var without a name is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Value: "x"}}
		}, []string{c0 + ".env[0].name"}},
		{"an empty valueFrom is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "X", ValueFrom: &corev1.EnvVarSource{}}}
		}, []string{c0 + ".env[0].valueFrom"}},
		{"value and valueFrom together are rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "X", Value: "v", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}}}
		}, []string{c0 + ".env[0].valueFrom"}},
		{"a fieldRef to an unsupported path is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "X", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.containers"}}}}
		}, []string{c0 + ".env[0].valueFrom.fieldRef.fieldPath"}},
		{"a fieldRef without apiVersion is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "X", ValueFrom: &corev1.EnvVarSource{
				FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}}
		}, []string{c0 + ".env[0].valueFrom.fieldRef.apiVersion"}},
		{"a configMapKeyRef without key is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{{Name: "X", ValueFrom: &corev1.EnvVarSource{
				ConfigMapKeyRef: &corev1.ConfigMapKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "cfg"}}}}}
		}, []string{c0 + ".env[0].valueFrom.configMapKeyRef.key"}},
		{"a resourceFieldRef to an unknown resource or with a bad divisor is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).Env = []corev1.EnvVar{
				{Name: "X", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.gpu"}}},
				{Name: "Y", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu", Divisor: resource.MustParse("3")}}},
			}
		}, []string{c0 + ".env[0].valueFrom.resourceFieldRef.resource", c0 + ".env[1].valueFrom.resourceFieldRef.divisor"}},

		{"envFrom a config map with a prefix is accepted", func(j *apps.EphemeralJob) {
			ejobContainer(j).EnvFrom = []corev1.EnvFromSource{{Prefix: "CFG_", ConfigMapRef: &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cfg"}}}}
		}, nil},
		{"envFrom without a source is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).EnvFrom = []corev1.EnvFromSource{{}}
		}, []string{c0 + ".envFrom[0]"}},
		{"envFrom with a bad prefix and an unnamed secret is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).EnvFrom = []corev1.EnvFromSource{{Prefix: "1=", SecretRef: &corev1.SecretEnvSource{}}}
		}, []string{c0 + ".envFrom[0].prefix", c0 + ".envFrom[0].secretRef.name"}},

		{"a usual security context is accepted", func(j *apps.EphemeralJob) {
			root, yes := int64(0), true
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{RunAsUser: &root, Privileged: &yes,
				Capabilities:   &corev1.Capabilities{Add: []corev1.Capability{"SYS_PTRACE"}},
				SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault}}
		}, nil},
		{"a negative runAsUser is rejected", func(j *apps.EphemeralJob) {
			uid := int64(-1)
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{RunAsUser: &uid}
		}, []string{c0 + ".securityContext.runAsUser"}},
		{"an unmasked procMount is rejected", func(j *apps.EphemeralJob) {
			pm := corev1.UnmaskedProcMount
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{ProcMount: &pm}
		}, []string{c0 + ".securityContext.procMount"}},
		{"a Localhost seccomp profile without a path is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeLocalhost}}
		}, []string{c0 + ".securityContext.seccompProfile.localhostProfile"}},
		{"an unknown AppArmor profile type is rejected", func(j *apps.EphemeralJob) {
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{AppArmorProfile: &corev1.AppArmorProfile{Type: "Strict"}}
		}, []string{c0 + ".securityContext.appArmorProfile.type"}},
		{"privileged without privilege escalation is rejected", func(j *apps.EphemeralJob) {
			yes, no := true, false
			ejobContainer(j).SecurityContext = &corev1.SecurityContext{Privileged: &yes, AllowPrivilegeEscalation: &no}
		}, []string{c0 + ".securityContext"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			job := validEphemeralJob()
			tc.mutate(job)
			errs := ValidateEphemeralJob(job)
			assert.ElementsMatch(t, tc.want, ejobErrorPaths(errs), "errors: %v", errs)
		})
	}
}

func TestValidateEphemeralJobUpdate(t *testing.T) {
	old := validEphemeralJob()
	job := old.DeepCopy()
	job.Spec.Paused = true
	job.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "db"}}
	assert.Empty(t, ValidateEphemeralJobUpdate(job, old), "pausing and retargeting a job is accepted")

	ejobContainer(job).Image = ""
	job.ResourceVersion = ""
	assert.ElementsMatch(t, []string{"spec.template.ephemeralContainers[0].image", "metadata.resourceVersion"},
		ejobErrorPaths(ValidateEphemeralJobUpdate(job, old)), "an update runs the create rules and the metadata update rules")
}

func TestValidateEphemeralJobStatusUpdate(t *testing.T) {
	old := validEphemeralJob()
	job := old.DeepCopy()
	job.Status = apps.EphemeralJobStatus{Phase: apps.EphemeralJobRunning, Matches: 3, Running: 1, Succeeded: 1, Waiting: 1}
	assert.Empty(t, ValidateEphemeralJobStatusUpdate(job, old), "non-negative counters are accepted")

	job.Status.Matches, job.Status.Failed = -1, -2
	assert.ElementsMatch(t, []string{"status.match", "status.failed"}, ejobErrorPaths(ValidateEphemeralJobStatusUpdate(job, old)),
		"negative counters are rejected, under their JSON names")
}

func TestValidateEphemeralJobDoesNotPanicOnEmptyContent(t *testing.T) {
	job := &apps.EphemeralJob{Spec: apps.EphemeralJobSpec{Template: apps.EphemeralContainerTemplateSpec{
		EphemeralContainers: []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{
			Env:             []corev1.EnvVar{{ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{}}}},
			EnvFrom:         []corev1.EnvFromSource{{ConfigMapRef: &corev1.ConfigMapEnvSource{}}},
			SecurityContext: &corev1.SecurityContext{SeccompProfile: &corev1.SeccompProfile{}, Capabilities: &corev1.Capabilities{}},
		}}},
	}}}
	assert.NotEmpty(t, ValidateEphemeralJob(job))
	assert.NotEmpty(t, ValidateEphemeralJobUpdate(job, &apps.EphemeralJob{}))
}
