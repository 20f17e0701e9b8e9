package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func validImagePullJob() *apps.ImagePullJob {
	return &apps.ImagePullJob{
		ObjectMeta: metav1.ObjectMeta{Name: "pull.nginx", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.ImagePullJobSpec{
			Image: "nginx:1.25",
			ImagePullJobTemplate: apps.ImagePullJobTemplate{
				PullSecrets:      []string{"regcred"},
				PullPolicy:       &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)},
				CompletionPolicy: apps.CompletionPolicy{Type: apps.Always},
				ImagePullPolicy:  apps.PullIfNotPresent,
			},
		},
	}
}

func TestValidateImagePullJob(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ImagePullJob)
		paths  []string
	}{
		{"a valid job is accepted", func(*apps.ImagePullJob) {}, nil},
		{"a name that is not a DNS subdomain is rejected", func(j *apps.ImagePullJob) { j.Name = "Pull_Nginx" }, []string{"metadata.name"}},
		{"a missing image is rejected", func(j *apps.ImagePullJob) { j.Spec.Image = "" }, []string{"spec.image"}},
		{"an invalid image reference is rejected", func(j *apps.ImagePullJob) { j.Spec.Image = "Nginx:latest" }, []string{"spec.image"}},
		{"a digest reference is accepted", func(j *apps.ImagePullJob) { j.Spec.Image = "nginx@sha256:" + sha256Hex }, nil},
		{"node names alone are accepted", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"node-a", "node-b"}}
		}, nil},
		{"node labels alone are accepted", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"pool": "gpu"}}}
		}, nil},
		{"node names together with labels are rejected", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"node-a"}, LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"pool": "gpu"}}}
		}, []string{"spec.selector.names"}},
		{"duplicate node names are rejected", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"node-a", "node-a"}}
		}, []string{"spec.selector.names[1]"}},
		{"an unparsable node selector is rejected", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{LabelSelector: metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "pool", Operator: "Near"}}}}
		}, []string{"spec.selector.matchExpressions[0].operator"}},
		{"a pod selector alone is accepted", func(j *apps.ImagePullJob) {
			j.Spec.PodSelector = &apps.ImagePullJobPodSelector{LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}}
		}, nil},
		{"a pod selector together with a node selector is rejected", func(j *apps.ImagePullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"node-a"}}
			j.Spec.PodSelector = &apps.ImagePullJobPodSelector{LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}}
		}, []string{"spec.podSelector"}},
		{"an unparsable pod selector is rejected", func(j *apps.ImagePullJob) {
			j.Spec.PodSelector = &apps.ImagePullJobPodSelector{LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"bad key!": "x"}}}
		}, []string{"spec.podSelector.matchLabels"}},
		{"an integer parallelism is accepted", func(j *apps.ImagePullJob) { j.Spec.Parallelism = ptr.To(intstr.FromInt32(4)) }, nil},
		{"an integer parallelism written as a string is accepted", func(j *apps.ImagePullJob) { j.Spec.Parallelism = ptr.To(intstr.FromString("4")) }, nil},
		{"a percentage parallelism is rejected", func(j *apps.ImagePullJob) { j.Spec.Parallelism = ptr.To(intstr.FromString("50%")) }, []string{"spec.parallelism"}},
		{"a negative parallelism is rejected", func(j *apps.ImagePullJob) { j.Spec.Parallelism = ptr.To(intstr.FromInt32(-1)) }, []string{"spec.parallelism"}},
		{"a non-numeric parallelism is rejected", func(j *apps.ImagePullJob) { j.Spec.Parallelism = ptr.To(intstr.FromString("many")) }, []string{"spec.parallelism"}},
		{"Always with a deadline equal to the pull timeout is accepted", func(j *apps.ImagePullJob) {
			j.Spec.PullPolicy.TimeoutSeconds = ptr.To[int32](300)
			j.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](300)
		}, nil},
		{"Always with a deadline below the pull timeout is rejected", func(j *apps.ImagePullJob) {
			j.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](599)
		}, []string{"spec.completionPolicy.activeDeadlineSeconds"}},
		{"without a pull policy the deadline is compared with 600 seconds", func(j *apps.ImagePullJob) {
			j.Spec.PullPolicy = nil
			j.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](100)
		}, []string{"spec.completionPolicy.activeDeadlineSeconds"}},
		{"Never without deadline and ttl is accepted", func(j *apps.ImagePullJob) { j.Spec.CompletionPolicy.Type = apps.Never }, nil},
		{"Never with a ttl is rejected", func(j *apps.ImagePullJob) {
			j.Spec.CompletionPolicy = apps.CompletionPolicy{Type: apps.Never, TTLSecondsAfterFinished: ptr.To[int32](1)}
		}, []string{"spec.completionPolicy.ttlSecondsAfterFinished"}},
		{"an unknown completion policy is rejected", func(j *apps.ImagePullJob) { j.Spec.CompletionPolicy.Type = "Sometimes" }, []string{"spec.completionPolicy.type"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validImagePullJob()
			tc.mutate(obj)
			assertJobErrorPaths(t, ValidateImagePullJob(obj), tc.paths...)
		})
	}
}

func TestValidateImagePullJobUpdateKeepsPullSecretsImmutable(t *testing.T) {
	old := validImagePullJob()
	same := validImagePullJob()
	same.Spec.Parallelism = ptr.To(intstr.FromInt32(9))
	assertJobErrorPaths(t, ValidateImagePullJobUpdate(same, old))

	changed := validImagePullJob()
	changed.Spec.PullSecrets = []string{"other"}
	assertJobErrorPaths(t, ValidateImagePullJobUpdate(changed, old), "spec.pullSecrets")

	// An empty list and a missing one are the same on the wire.
	old.Spec.PullSecrets = nil
	emptied := validImagePullJob()
	emptied.Spec.PullSecrets = []string{}
	assertJobErrorPaths(t, ValidateImagePullJobUpdate(emptied, old))
}

func TestValidateImagePullJobStatusUpdateRejectsNegativeCounts(t *testing.T) {
	old := validImagePullJob()
	obj := validImagePullJob()
	obj.Status.Desired = -2
	assertJobErrorPaths(t, ValidateImagePullJobStatusUpdate(obj, old), "status.desired")
}

func TestAddImagePullJobDeletionProtectionAddsTheFinalizerOnce(t *testing.T) {
	obj := validImagePullJob()
	obj.Finalizers = []string{"example.com/keep"}
	AddImagePullJobDeletionProtection(obj)
	AddImagePullJobDeletionProtection(obj)
	assert.Equal(t, []string{"example.com/keep", "apps.kruise.io/deletion-protection"}, obj.Finalizers)
}
