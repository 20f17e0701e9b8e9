package validation

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// assertJobErrorPaths checks that errs holds exactly one error at each of paths (none when empty).
func assertJobErrorPaths(t *testing.T, errs field.ErrorList, paths ...string) {
	t.Helper()
	got := make([]string, 0, len(errs))
	for _, e := range errs {
		got = append(got, e.Field)
	}
	sort.Strings(got)
	want := append([]string{}, paths...)
	sort.Strings(want)
	assert.Equal(t, want, got, "errors: %v", errs)
}

// defaultedJobPodTemplate is a valid run-to-completion pod template after scheme defaulting.
func defaultedJobPodTemplate() corev1.PodTemplateSpec {
	t := corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "demo"}},
		Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "main", Image: "busybox:1.36", Command: []string{"true"}}},
		},
	}
	podtemplate.SetDefaultsPodTemplate(&t)
	return t
}

func validBroadcastJob() *apps.BroadcastJob {
	return &apps.BroadcastJob{
		ObjectMeta: metav1.ObjectMeta{Name: "warmup-1", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.BroadcastJobSpec{
			Parallelism:      ptr.To(intstr.FromInt32(2)),
			Template:         defaultedJobPodTemplate(),
			CompletionPolicy: apps.CompletionPolicy{Type: apps.Always},
			FailurePolicy:    apps.FailurePolicy{Type: apps.FailurePolicyTypeFailFast},
		},
	}
}

func TestValidateBroadcastJob(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.BroadcastJob)
		paths  []string
	}{
		{"a valid job is accepted", func(*apps.BroadcastJob) {}, nil},
		{"a lower-case name with dashes is accepted", func(j *apps.BroadcastJob) { j.Name = "a-b-c" }, nil},
		{"a name with a dot is rejected", func(j *apps.BroadcastJob) { j.Name = "a.b" }, []string{"metadata.name"}},
		{"a name longer than 63 characters is rejected", func(j *apps.BroadcastJob) {
			j.Name = "a123456789012345678901234567890123456789012345678901234567890123"
		}, []string{"metadata.name"}},
		{"Always may set a deadline and a ttl", func(j *apps.BroadcastJob) {
			j.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](10)
			j.Spec.CompletionPolicy.TTLSecondsAfterFinished = ptr.To[int32](10)
		}, nil},
		{"Never without deadline and ttl is accepted", func(j *apps.BroadcastJob) {
			j.Spec.CompletionPolicy.Type = apps.Never
		}, nil},
		{"Never with a ttl is rejected", func(j *apps.BroadcastJob) {
			j.Spec.CompletionPolicy = apps.CompletionPolicy{Type: apps.Never, TTLSecondsAfterFinished: ptr.To[int32](5)}
		}, []string{"spec.completionPolicy.ttlSecondsAfterFinished"}},
		{"Never with a deadline is rejected", func(j *apps.BroadcastJob) {
			j.Spec.CompletionPolicy = apps.CompletionPolicy{Type: apps.Never, ActiveDeadlineSeconds: ptr.To[int64](5)}
		}, []string{"spec.completionPolicy.activeDeadlineSeconds"}},
		{"restartPolicy OnFailure is accepted", func(j *apps.BroadcastJob) {
			j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyOnFailure
		}, nil},
		{"restartPolicy Always is rejected", func(j *apps.BroadcastJob) {
			j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyAlways
		}, []string{"spec.template.spec.restartPolicy"}},
		{"a preset broadcastjob-name label is rejected", func(j *apps.BroadcastJob) {
			j.Spec.Template.Labels[apps.BroadcastJobNameLabelKey] = "other"
		}, []string{"spec.template.metadata.labels[broadcastjob-name]"}},
		{"a preset broadcastjob-controller-uid label is rejected", func(j *apps.BroadcastJob) {
			j.Spec.Template.Labels[apps.BroadcastJobControllerUIDLabelKey] = "uid"
		}, []string{"spec.template.metadata.labels[broadcastjob-controller-uid]"}},
		{"the pod template is validated", func(j *apps.BroadcastJob) {
			j.Spec.Template.Spec.Containers[0].Image = ""
		}, []string{"spec.template.spec.containers[0].image"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validBroadcastJob()
			tc.mutate(obj)
			assertJobErrorPaths(t, ValidateBroadcastJob(obj), tc.paths...)
		})
	}
}

func TestValidateBroadcastJobUpdateAllowsSpecChangesButNotRenames(t *testing.T) {
	old := validBroadcastJob()
	changed := validBroadcastJob()
	changed.Spec.Parallelism = ptr.To(intstr.FromInt32(5))
	changed.Spec.Template.Spec.Containers[0].Image = "busybox:1.37"
	assertJobErrorPaths(t, ValidateBroadcastJobUpdate(changed, old))

	renamed := validBroadcastJob()
	renamed.Name = "other"
	assertJobErrorPaths(t, ValidateBroadcastJobUpdate(renamed, old), "metadata.name")
}

func TestValidateBroadcastJobStatusUpdateRejectsNegativeCounts(t *testing.T) {
	old := validBroadcastJob()
	obj := validBroadcastJob()
	obj.Status = apps.BroadcastJobStatus{Active: 1, Desired: 3, Phase: apps.PhaseRunning}
	assertJobErrorPaths(t, ValidateBroadcastJobStatusUpdate(obj, old))
	obj.Status.Failed = -1
	assertJobErrorPaths(t, ValidateBroadcastJobStatusUpdate(obj, old), "status.failed")
}
