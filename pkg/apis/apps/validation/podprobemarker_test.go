package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func validPodProbeMarker() *apps.PodProbeMarker {
	return &apps.PodProbeMarker{
		ObjectMeta: metav1.ObjectMeta{Name: "game", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.PodProbeMarkerSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "game"}},
			Probes: []apps.PodContainerProbe{{
				Name:          "healthy",
				ContainerName: "main",
				Probe: apps.ContainerProbeSpec{Probe: corev1.Probe{ProbeHandler: corev1.ProbeHandler{
					Exec: &corev1.ExecAction{Command: []string{"/probe.sh"}},
				}}},
				PodConditionType: "game.kruise.io/healthy",
			}},
		},
	}
}

// ppmProbe returns the first probe of ppm, for tests to change.
func ppmProbe(ppm *apps.PodProbeMarker) *apps.PodContainerProbe { return &ppm.Spec.Probes[0] }

func TestValidatePodProbeMarker(t *testing.T) {
	const p0 = "spec.probes[0]"
	cases := []struct {
		name   string
		mutate func(*apps.PodProbeMarker)
		want   []string
	}{
		{"an exec probe recorded as a pod condition is accepted", func(*apps.PodProbeMarker) {}, nil},
		{"a probe that only patches metadata is accepted", func(m *apps.PodProbeMarker) {
			p := ppmProbe(m)
			p.PodConditionType = ""
			p.MarkerPolicy = []apps.ProbeMarkerPolicy{
				{State: apps.ProbeSucceeded, Annotations: map[string]string{"controller.kubernetes.io/pod-deletion-cost": "10"}},
				{State: apps.ProbeFailed, Labels: map[string]string{"healthy": "false"}},
			}
		}, nil},
		{"httpGet and tcpSocket probes are accepted", func(m *apps.PodProbeMarker) {
			second := *ppmProbe(m)
			second.Name, second.PodConditionType = "port", "game.kruise.io/port"
			second.Probe.ProbeHandler = corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromString("game")}}
			ppmProbe(m).Probe.ProbeHandler = corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
				Path: "/healthz", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTPS,
				HTTPHeaders: []corev1.HTTPHeader{{Name: "X-Probe", Value: "1"}}}}
			m.Spec.Probes = append(m.Spec.Probes, second)
		}, nil},

		{"a missing selector is rejected", func(m *apps.PodProbeMarker) { m.Spec.Selector = nil }, []string{"spec.selector"}},
		{"an empty selector is rejected", func(m *apps.PodProbeMarker) { m.Spec.Selector = &metav1.LabelSelector{} }, []string{"spec.selector"}},
		{"no probes are rejected", func(m *apps.PodProbeMarker) { m.Spec.Probes = nil }, []string{"spec.probes"}},

		{"a probe without a name is rejected", func(m *apps.PodProbeMarker) { ppmProbe(m).Name = "" }, []string{p0 + ".name"}},
		{"a probe name containing # is rejected", func(m *apps.PodProbeMarker) { ppmProbe(m).Name = "a#b" }, []string{p0 + ".name"}},
		{"a probe named after a pod condition is rejected", func(m *apps.PodProbeMarker) { ppmProbe(m).Name = "KruisePodReady" }, []string{p0 + ".name"}},
		{"two probes with the same name are rejected", func(m *apps.PodProbeMarker) {
			second := *ppmProbe(m)
			second.PodConditionType = "game.kruise.io/other"
			m.Spec.Probes = append(m.Spec.Probes, second)
		}, []string{"spec.probes[1].name"}},
		{"a probe without containerName is rejected", func(m *apps.PodProbeMarker) { ppmProbe(m).ContainerName = "" }, []string{p0 + ".containerName"}},

		{"a probe without a handler is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.ProbeHandler = corev1.ProbeHandler{}
		}, []string{p0 + ".probe"}},
		{"a gRPC probe is rejected as having no supported handler", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.ProbeHandler = corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 9000}}
		}, []string{p0 + ".probe"}},
		{"two handlers are rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.TCPSocket = &corev1.TCPSocketAction{Port: intstr.FromInt32(80)}
		}, []string{p0 + ".probe.tcpSocket"}},
		{"an exec handler without a command is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.Exec.Command = nil
		}, []string{p0 + ".probe.exec.command"}},
		{"an httpGet handler without path or scheme, with a host and a bad header, is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.ProbeHandler = corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
				Host: "example.com", Port: intstr.FromInt32(80), HTTPHeaders: []corev1.HTTPHeader{{Name: "bad header"}}}}
		}, []string{p0 + ".probe.httpGet.path", p0 + ".probe.httpGet.host", p0 + ".probe.httpGet.scheme", p0 + ".probe.httpGet.httpHeaders[0].name"}},
		{"a tcpSocket handler with a host and port 0 is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.ProbeHandler = corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Host: "10.0.0.1", Port: intstr.FromInt32(0)}}
		}, []string{p0 + ".probe.tcpSocket.host", p0 + ".probe.tcpSocket.port"}},
		{"negative probe timings are rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).Probe.PeriodSeconds = -1
			ppmProbe(m).Probe.FailureThreshold = -3
		}, []string{p0 + ".probe.periodSeconds", p0 + ".probe.failureThreshold"}},

		{"a probe with neither podConditionType nor markerPolicy is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).PodConditionType = ""
		}, []string{p0 + ".podConditionType"}},
		{"a podConditionType that is not a qualified name is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).PodConditionType = "not a name"
		}, []string{p0 + ".podConditionType"}},
		{"two probes with the same podConditionType are rejected", func(m *apps.PodProbeMarker) {
			second := *ppmProbe(m)
			second.Name = "other"
			m.Spec.Probes = append(m.Spec.Probes, second)
		}, []string{"spec.probes[1].podConditionType"}},
		{"a markerPolicy state other than Succeeded or Failed is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).MarkerPolicy = []apps.ProbeMarkerPolicy{{State: apps.ProbeUnknown, Labels: map[string]string{"a": "b"}}}
		}, []string{p0 + ".markerPolicy[0].state"}},
		{"two markerPolicies for the same state are rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).MarkerPolicy = []apps.ProbeMarkerPolicy{
				{State: apps.ProbeFailed, Labels: map[string]string{"a": "b"}},
				{State: apps.ProbeFailed, Labels: map[string]string{"a": "c"}},
			}
		}, []string{p0 + ".markerPolicy[1].state"}},
		{"a markerPolicy without labels or annotations is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).MarkerPolicy = []apps.ProbeMarkerPolicy{{State: apps.ProbeSucceeded}}
		}, []string{p0 + ".markerPolicy[0].labels"}},
		{"a markerPolicy with an invalid label is rejected", func(m *apps.PodProbeMarker) {
			ppmProbe(m).MarkerPolicy = []apps.ProbeMarkerPolicy{{State: apps.ProbeSucceeded, Labels: map[string]string{"bad key!": "v"}}}
		}, []string{p0 + ".markerPolicy[0].labels"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ppm := validPodProbeMarker()
			tc.mutate(ppm)
			errs := ValidatePodProbeMarker(ppm)
			assert.ElementsMatch(t, tc.want, ejobErrorPaths(errs), "errors: %v", errs)
		})
	}
}

func TestValidatePodProbeMarkerUpdate(t *testing.T) {
	old := validPodProbeMarker()
	ppm := old.DeepCopy()
	ppmProbe(ppm).Probe.PeriodSeconds = 30
	assert.Empty(t, ValidatePodProbeMarkerUpdate(ppm, old), "changing a probe is accepted")

	ppm.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "other"}}
	assert.Equal(t, []string{"spec.selector"}, ejobErrorPaths(ValidatePodProbeMarkerUpdate(ppm, old)), "changing the selector is rejected")

	ppm = old.DeepCopy()
	ppm.Spec.Probes = nil
	assert.Equal(t, []string{"spec.probes"}, ejobErrorPaths(ValidatePodProbeMarkerUpdate(ppm, old)), "an update runs the create rules")
}

func TestValidatePodProbeMarkerStatusUpdate(t *testing.T) {
	old := validPodProbeMarker()
	ppm := old.DeepCopy()
	ppm.Status = apps.PodProbeMarkerStatus{ObservedGeneration: 2, MatchedPods: 5}
	assert.Empty(t, ValidatePodProbeMarkerStatusUpdate(ppm, old), "a usual status is accepted")

	ppm.Status.MatchedPods = -1
	assert.Equal(t, []string{"status.matchedPods"}, ejobErrorPaths(ValidatePodProbeMarkerStatusUpdate(ppm, old)), "a negative count is rejected")
}

func TestValidatePodProbeMarkerDoesNotPanicOnEmptyContent(t *testing.T) {
	ppm := &apps.PodProbeMarker{Spec: apps.PodProbeMarkerSpec{Probes: []apps.PodContainerProbe{{
		Probe:        apps.ContainerProbeSpec{Probe: corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{}, HTTPGet: &corev1.HTTPGetAction{}, TCPSocket: &corev1.TCPSocketAction{}}}},
		MarkerPolicy: []apps.ProbeMarkerPolicy{{}},
	}}}}
	assert.NotEmpty(t, ValidatePodProbeMarker(ppm))
	assert.NotEmpty(t, ValidatePodProbeMarkerUpdate(ppm, &apps.PodProbeMarker{}))
}
