package podtemplate

import (
	"encoding/json"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func assertSemanticEqual(t *testing.T, got, want any) {
	t.Helper()
	if !equality.Semantic.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Fatalf("defaulted value differs\n got: %s\nwant: %s", g, w)
	}
}

func TestSetDefaultsPodTemplateNil(t *testing.T) {
	SetDefaultsPodTemplate(nil)
	SetDefaultsPersistentVolumeClaim(nil)
}

func TestSetDefaultsPodTemplatePodSpec(t *testing.T) {
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}}}
	SetDefaultsPodTemplate(tmpl)
	spec := tmpl.Spec

	if spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("restartPolicy = %q", spec.RestartPolicy)
	}
	if spec.DNSPolicy != corev1.DNSClusterFirst {
		t.Errorf("dnsPolicy = %q", spec.DNSPolicy)
	}
	if spec.TerminationGracePeriodSeconds == nil || *spec.TerminationGracePeriodSeconds != 30 {
		t.Errorf("terminationGracePeriodSeconds = %v", spec.TerminationGracePeriodSeconds)
	}
	if spec.SchedulerName != "default-scheduler" {
		t.Errorf("schedulerName = %q", spec.SchedulerName)
	}
	if spec.SecurityContext == nil || !equality.Semantic.DeepEqual(*spec.SecurityContext, corev1.PodSecurityContext{}) {
		t.Errorf("securityContext = %#v, want empty", spec.SecurityContext)
	}
	// Pod-only defaults are not applied to templates.
	if spec.EnableServiceLinks != nil {
		t.Errorf("enableServiceLinks = %v, want unset on a template", *spec.EnableServiceLinks)
	}
}

func TestSetDefaultsPodTemplateKeepsSetValues(t *testing.T) {
	grace := int64(5)
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		RestartPolicy:                 corev1.RestartPolicyNever,
		DNSPolicy:                     corev1.DNSDefault,
		TerminationGracePeriodSeconds: &grace,
		SchedulerName:                 "custom",
		SecurityContext:               &corev1.PodSecurityContext{RunAsUser: ptrTo[int64](1000)},
		Containers:                    []corev1.Container{{Name: "c", Image: "nginx"}},
	}}
	want := tmpl.DeepCopy()
	SetDefaultsPodTemplate(tmpl)
	if tmpl.Spec.RestartPolicy != want.Spec.RestartPolicy || tmpl.Spec.DNSPolicy != want.Spec.DNSPolicy ||
		*tmpl.Spec.TerminationGracePeriodSeconds != 5 || tmpl.Spec.SchedulerName != "custom" ||
		*tmpl.Spec.SecurityContext.RunAsUser != 1000 {
		t.Fatalf("set values were overwritten: %#v", tmpl.Spec)
	}
}

func TestSetDefaultsImagePullPolicy(t *testing.T) {
	digest := "nginx@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	cases := []struct {
		name  string
		init  bool
		image string
		set   corev1.PullPolicy
		want  corev1.PullPolicy
	}{
		// OpenKruise: regular containers default to Always whatever the tag.
		{"container with a version tag", false, "nginx:1.27", "", corev1.PullAlways},
		{"container without a tag", false, "nginx", "", corev1.PullAlways},
		{"container with a digest", false, digest, "", corev1.PullAlways},
		{"container keeps IfNotPresent", false, "nginx:1.27", corev1.PullIfNotPresent, corev1.PullIfNotPresent},
		{"container keeps Never", false, "nginx", corev1.PullNever, corev1.PullNever},
		// Init containers keep the kube-apiserver rule, as in OpenKruise.
		{"init container with a version tag", true, "busybox:1.36", "", corev1.PullIfNotPresent},
		{"init container without a tag", true, "busybox", "", corev1.PullAlways},
		{"init container with latest", true, "registry.example.com:5000/tools/busybox:latest", "", corev1.PullAlways},
		{"init container with a digest", true, digest, "", corev1.PullIfNotPresent},
		{"init container keeps Never", true, "busybox", corev1.PullNever, corev1.PullNever},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := corev1.Container{Name: "c", Image: tc.image, ImagePullPolicy: tc.set}
			tmpl := &corev1.PodTemplateSpec{}
			if tc.init {
				tmpl.Spec.InitContainers = []corev1.Container{c}
			} else {
				tmpl.Spec.Containers = []corev1.Container{c}
			}
			SetDefaultsPodTemplate(tmpl)
			var got corev1.PullPolicy
			if tc.init {
				got = tmpl.Spec.InitContainers[0].ImagePullPolicy
			} else {
				got = tmpl.Spec.Containers[0].ImagePullPolicy
			}
			if got != tc.want {
				t.Fatalf("imagePullPolicy = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSetDefaultsContainer(t *testing.T) {
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{{
		Name:  "c",
		Image: "nginx:1.27",
		Ports: []corev1.ContainerPort{{ContainerPort: 80}, {ContainerPort: 53, Protocol: corev1.ProtocolUDP}},
		Env: []corev1.EnvVar{
			{Name: "A", Value: "x"},
			{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}},
			{Name: "F", ValueFrom: &corev1.EnvVarSource{FileKeyRef: &corev1.FileKeySelector{VolumeName: "v", Path: "p", Key: "k"}}},
		},
		Resources: corev1.ResourceRequirements{
			Limits: corev1.ResourceList{corev1.ResourceCPU: qty("0.0001"), corev1.ResourceMemory: qty("128Mi")},
		},
		LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}}},
		ReadinessProbe: &corev1.Probe{
			ProbeHandler:  corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9090}},
			PeriodSeconds: 3, TimeoutSeconds: 2, SuccessThreshold: 2, FailureThreshold: 7,
		},
		StartupProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}}},
		Lifecycle: &corev1.Lifecycle{
			PostStart: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/hook", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTPS}},
			PreStop:   &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}},
		},
	}}}}
	SetDefaultsPodTemplate(tmpl)

	want := corev1.Container{
		Name:                     "c",
		Image:                    "nginx:1.27",
		ImagePullPolicy:          corev1.PullAlways,
		TerminationMessagePath:   "/dev/termination-log",
		TerminationMessagePolicy: corev1.TerminationMessageReadFile,
		Ports:                    []corev1.ContainerPort{{ContainerPort: 80, Protocol: corev1.ProtocolTCP}, {ContainerPort: 53, Protocol: corev1.ProtocolUDP}},
		Env: []corev1.EnvVar{
			{Name: "A", Value: "x"},
			{Name: "POD", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
			{Name: "F", ValueFrom: &corev1.EnvVarSource{FileKeyRef: &corev1.FileKeySelector{VolumeName: "v", Path: "p", Key: "k", Optional: ptrTo(false)}}},
		},
		Resources: corev1.ResourceRequirements{
			// Quantities are rounded up to milli precision; requests are NOT
			// copied from limits on a template (that is a Pod-only default).
			Limits: corev1.ResourceList{corev1.ResourceCPU: qty("1m"), corev1.ResourceMemory: qty("128Mi")},
		},
		LivenessProbe: &corev1.Probe{
			ProbeHandler:   corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTP}},
			TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
		},
		ReadinessProbe: &corev1.Probe{
			ProbeHandler:   corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9090, Service: ptrTo("")}},
			TimeoutSeconds: 2, PeriodSeconds: 3, SuccessThreshold: 2, FailureThreshold: 7,
		},
		StartupProbe: &corev1.Probe{
			ProbeHandler:   corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}},
			TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
		},
		Lifecycle: &corev1.Lifecycle{
			PostStart: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/hook", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTPS}},
			PreStop:   &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTP}},
		},
	}
	assertSemanticEqual(t, tmpl.Spec.Containers[0], want)
	if got := tmpl.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU]; got.String() != "1m" {
		t.Errorf("rounded cpu limit = %s, want 1m", got.String())
	}
}

func TestSetDefaultsInitContainer(t *testing.T) {
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		InitContainers: []corev1.Container{{
			Name: "init", Image: "busybox:1.36",
			Ports:         []corev1.ContainerPort{{ContainerPort: 9000}},
			Env:           []corev1.EnvVar{{Name: "NS", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.namespace"}}}},
			RestartPolicy: ptrTo(corev1.ContainerRestartPolicyAlways),
			LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(9000)}}},
		}},
		Containers: []corev1.Container{{Name: "c", Image: "nginx"}},
	}}
	SetDefaultsPodTemplate(tmpl)
	want := corev1.Container{
		Name: "init", Image: "busybox:1.36",
		ImagePullPolicy:          corev1.PullIfNotPresent,
		TerminationMessagePath:   corev1.TerminationMessagePathDefault,
		TerminationMessagePolicy: corev1.TerminationMessageReadFile,
		Ports:                    []corev1.ContainerPort{{ContainerPort: 9000, Protocol: corev1.ProtocolTCP}},
		Env:                      []corev1.EnvVar{{Name: "NS", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"}}}},
		RestartPolicy:            ptrTo(corev1.ContainerRestartPolicyAlways),
		LivenessProbe: &corev1.Probe{
			ProbeHandler:   corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(9000), Scheme: corev1.URISchemeHTTP}},
			TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
		},
	}
	assertSemanticEqual(t, tmpl.Spec.InitContainers[0], want)
}

func TestSetDefaultsHostNetworkLeavesHostPort(t *testing.T) {
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		HostNetwork: true,
		Containers:  []corev1.Container{{Name: "c", Image: "nginx", Ports: []corev1.ContainerPort{{ContainerPort: 8080}}}},
	}}
	SetDefaultsPodTemplate(tmpl)
	if hp := tmpl.Spec.Containers[0].Ports[0].HostPort; hp != 0 {
		t.Fatalf("hostPort = %d, want 0 (copied only on Pods)", hp)
	}
}

func TestSetDefaultsVolumes(t *testing.T) {
	mode := int32(0400)
	tmpl := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		Containers: []corev1.Container{{Name: "c", Image: "nginx"}},
		Volumes: []corev1.Volume{
			{Name: "none"},
			{Name: "host", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log"}}},
			{Name: "secret", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s"}}},
			{Name: "secret-mode", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s", DefaultMode: &mode}}},
			{Name: "cm", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "c"}}}},
			{Name: "down", VolumeSource: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
				Items: []corev1.DownwardAPIVolumeFile{{Path: "l", FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.labels"}}}}}},
			{Name: "proj", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "n", FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}}},
			}}}},
			{Name: "img", VolumeSource: corev1.VolumeSource{Image: &corev1.ImageVolumeSource{Reference: "example.com/data:v1"}}},
			{Name: "eph", VolumeSource: corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{VolumeClaimTemplate: &corev1.PersistentVolumeClaimTemplate{
				Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}}}}}},
			{Name: "rbd", VolumeSource: corev1.VolumeSource{RBD: &corev1.RBDVolumeSource{CephMonitors: []string{"m"}, RBDImage: "i"}}},
		},
	}}
	SetDefaultsPodTemplate(tmpl)

	hostPathUnset := corev1.HostPathUnset
	fs := corev1.PersistentVolumeFilesystem
	want := []corev1.Volume{
		{Name: "none", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "host", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log", Type: &hostPathUnset}}},
		{Name: "secret", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s", DefaultMode: ptrTo[int32](0644)}}},
		{Name: "secret-mode", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s", DefaultMode: ptrTo[int32](0400)}}},
		{Name: "cm", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
			LocalObjectReference: corev1.LocalObjectReference{Name: "c"}, DefaultMode: ptrTo[int32](0644)}}},
		{Name: "down", VolumeSource: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
			DefaultMode: ptrTo[int32](0644),
			Items:       []corev1.DownwardAPIVolumeFile{{Path: "l", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels"}}}}}},
		{Name: "proj", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
			DefaultMode: ptrTo[int32](0644),
			Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptrTo[int64](3600)}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "n", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}}}},
			}}}},
		{Name: "img", VolumeSource: corev1.VolumeSource{Image: &corev1.ImageVolumeSource{Reference: "example.com/data:v1", PullPolicy: corev1.PullIfNotPresent}}},
		{Name: "eph", VolumeSource: corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{VolumeClaimTemplate: &corev1.PersistentVolumeClaimTemplate{
			Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}, VolumeMode: &fs}}}}},
		{Name: "rbd", VolumeSource: corev1.VolumeSource{RBD: &corev1.RBDVolumeSource{
			CephMonitors: []string{"m"}, RBDImage: "i", RBDPool: "rbd", RadosUser: "admin", Keyring: "/etc/ceph/keyring"}}},
	}
	assertSemanticEqual(t, tmpl.Spec.Volumes, want)
}

func TestSetDefaultsPodTemplateIsIdempotent(t *testing.T) {
	once := validTemplate()
	twice := once.DeepCopy()
	SetDefaultsPodTemplate(twice)
	assertSemanticEqual(t, twice, once)
}

func TestSetDefaultsPersistentVolumeClaim(t *testing.T) {
	pvc := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "data"},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: qty("1.0001")}},
		},
	}
	SetDefaultsPersistentVolumeClaim(pvc)
	fs := corev1.PersistentVolumeFilesystem
	want := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "data"},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: qty("1001m")}},
			VolumeMode:  &fs,
		},
		Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimPending},
	}
	assertSemanticEqual(t, pvc, want)

	block := corev1.PersistentVolumeBlock
	kept := &corev1.PersistentVolumeClaim{Spec: corev1.PersistentVolumeClaimSpec{VolumeMode: &block}}
	SetDefaultsPersistentVolumeClaim(kept)
	if *kept.Spec.VolumeMode != corev1.PersistentVolumeBlock {
		t.Fatalf("volumeMode = %q, want Block kept", *kept.Spec.VolumeMode)
	}
}

func TestImageTag(t *testing.T) {
	hex := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	cases := map[string]string{
		"nginx":                             "latest",
		"nginx:1.27":                        "1.27",
		"nginx:latest":                      "latest",
		"library/nginx":                     "latest",
		"docker.io/library/nginx:stable":    "stable",
		"localhost:5000/app":                "latest",
		"localhost:5000/app:v2":             "v2",
		"registry.example.com/a/b/c:1.0-rc": "1.0-rc",
		"nginx@sha256:" + hex:               "",
		"nginx:1.27@sha256:" + hex:          "1.27",
		"Nginx":                             "", // repository names are lowercase
		"":                                  "",
		hex:                                 "", // a bare image ID is not a name
		"nginx:bad tag":                     "",
	}
	for image, want := range cases {
		if got := imageTag(image); got != want {
			t.Errorf("imageTag(%q) = %q, want %q", image, got, want)
		}
	}
}
