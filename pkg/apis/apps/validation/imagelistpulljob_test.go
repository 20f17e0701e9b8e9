package validation

import (
	"fmt"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func validImageListPullJob() *apps.ImageListPullJob {
	return &apps.ImageListPullJob{
		ObjectMeta: metav1.ObjectMeta{Name: "warm-images", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.ImageListPullJobSpec{
			Images: []string{"nginx:1.25", "redis:7"},
			ImagePullJobTemplate: apps.ImagePullJobTemplate{
				PullPolicy:       &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)},
				CompletionPolicy: apps.CompletionPolicy{Type: apps.Always},
			},
		},
	}
}

// distinctImages returns n different valid image references.
func distinctImages(n int) []string {
	images := make([]string, n)
	for i := range images {
		images[i] = fmt.Sprintf("example.com/app-%d:v1", i)
	}
	return images
}

func TestValidateImageListPullJob(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ImageListPullJob)
		paths  []string
	}{
		{"a valid job is accepted", func(*apps.ImageListPullJob) {}, nil},
		{"255 images are accepted", func(j *apps.ImageListPullJob) { j.Spec.Images = distinctImages(255) }, nil},
		{"256 images are rejected", func(j *apps.ImageListPullJob) { j.Spec.Images = distinctImages(256) }, []string{"spec.images"}},
		{"an empty list is rejected", func(j *apps.ImageListPullJob) { j.Spec.Images = nil }, []string{"spec.images"}},
		{"a duplicate image is rejected", func(j *apps.ImageListPullJob) {
			j.Spec.Images = []string{"nginx:1.25", "redis:7", "nginx:1.25"}
		}, []string{"spec.images[2]"}},
		{"an invalid image is rejected", func(j *apps.ImageListPullJob) { j.Spec.Images[1] = "redis:" }, []string{"spec.images[1]"}},
		{"the node selector rules apply", func(j *apps.ImageListPullJob) {
			j.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"n"}, LabelSelector: metav1.LabelSelector{MatchLabels: map[string]string{"a": "b"}}}
		}, []string{"spec.selector.names"}},
		{"a percentage parallelism is rejected", func(j *apps.ImageListPullJob) { j.Spec.Parallelism = ptr.To(intstr.FromString("10%")) }, []string{"spec.parallelism"}},
		{"Always needs no deadline check", func(j *apps.ImageListPullJob) {
			j.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](1)
			j.Spec.CompletionPolicy.TTLSecondsAfterFinished = ptr.To[int32](1)
		}, nil},
		{"Never with a deadline is rejected", func(j *apps.ImageListPullJob) {
			j.Spec.CompletionPolicy = apps.CompletionPolicy{Type: apps.Never, ActiveDeadlineSeconds: ptr.To[int64](1)}
		}, []string{"spec.completionPolicy.activeDeadlineSeconds"}},
		{"an empty completion policy type is rejected", func(j *apps.ImageListPullJob) { j.Spec.CompletionPolicy.Type = "" }, []string{"spec.completionPolicy.type"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validImageListPullJob()
			tc.mutate(obj)
			assertJobErrorPaths(t, ValidateImageListPullJob(obj), tc.paths...)
		})
	}
}

func TestValidateImageListPullJobUpdateAllowsChangingImages(t *testing.T) {
	old := validImageListPullJob()
	obj := validImageListPullJob()
	obj.Spec.Images = []string{"busybox"}
	obj.Spec.PullSecrets = []string{"new"}
	assertJobErrorPaths(t, ValidateImageListPullJobUpdate(obj, old))
	obj.Spec.Images = nil
	assertJobErrorPaths(t, ValidateImageListPullJobUpdate(obj, old), "spec.images")
}

func TestValidateImageListPullJobStatusUpdateRejectsNegativeCounts(t *testing.T) {
	old := validImageListPullJob()
	obj := validImageListPullJob()
	obj.Status.Completed = -1
	assertJobErrorPaths(t, ValidateImageListPullJobStatusUpdate(obj, old), "status.completed")
}
