package validation

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

var nodeImageCreated = metav1.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC))

func validTag(tag string) apps.ImageTagSpec {
	return apps.ImageTagSpec{
		Tag:       tag,
		CreatedAt: ptr.To(nodeImageCreated),
		PullPolicy: &apps.ImageTagPullPolicy{
			TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3), TTLSecondsAfterFinished: ptr.To[int32](300),
		},
	}
}

func validNodeImage() *apps.NodeImage {
	return &apps.NodeImage{
		ObjectMeta: metav1.ObjectMeta{Name: "node-1.example.com", ResourceVersion: "1"},
		Spec: apps.NodeImageSpec{Images: map[string]apps.ImageSpec{
			"nginx": {
				PullSecrets: []apps.ReferenceObject{{Namespace: "default", Name: "regcred", Mode: apps.ReferenceObjectModeBatch}},
				Tags:        []apps.ImageTagSpec{validTag("1.25"), validTag("1.26")},
			},
		}},
	}
}

func TestValidateNodeImage(t *testing.T) {
	nginxTag := func(j *apps.NodeImage, i int) *apps.ImageTagSpec { return &j.Spec.Images["nginx"].Tags[i] }
	cases := []struct {
		name   string
		mutate func(*apps.NodeImage)
		paths  []string
	}{
		{"a valid NodeImage is accepted", func(*apps.NodeImage) {}, nil},
		{"a namespace is rejected on this cluster-scoped kind", func(j *apps.NodeImage) { j.Namespace = "default" }, []string{"metadata.namespace"}},
		{"256 images are accepted", func(j *apps.NodeImage) { j.Spec.Images = manyNodeImages(256) }, nil},
		{"257 images are rejected", func(j *apps.NodeImage) { j.Spec.Images = manyNodeImages(257) }, []string{"spec.images"}},
		{"an empty image name is rejected", func(j *apps.NodeImage) {
			j.Spec.Images[""] = apps.ImageSpec{Tags: []apps.ImageTagSpec{validTag("1")}}
		}, []string{"spec.images[]"}},
		{"an empty tag is rejected", func(j *apps.NodeImage) { nginxTag(j, 0).Tag = "" }, []string{"spec.images[nginx].tags[0].tag"}},
		{"a duplicate tag is rejected", func(j *apps.NodeImage) { nginxTag(j, 1).Tag = "1.25" }, []string{"spec.images[nginx].tags[1].tag"}},
		{"a missing createdAt is rejected", func(j *apps.NodeImage) { nginxTag(j, 0).CreatedAt = nil }, []string{"spec.images[nginx].tags[0].createdAt"}},
		{"a positive version is accepted", func(j *apps.NodeImage) { nginxTag(j, 0).Version = 7 }, nil},
		{"a negative version is rejected", func(j *apps.NodeImage) { nginxTag(j, 0).Version = -1 }, []string{"spec.images[nginx].tags[0].version"}},
		{"a missing pull policy is rejected", func(j *apps.NodeImage) { nginxTag(j, 1).PullPolicy = nil }, []string{"spec.images[nginx].tags[1].pullPolicy"}},
		{"a pull policy without ttl is rejected", func(j *apps.NodeImage) {
			nginxTag(j, 1).PullPolicy.TTLSecondsAfterFinished = nil
		}, []string{"spec.images[nginx].tags[1].pullPolicy.ttlSecondsAfterFinished"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validNodeImage()
			tc.mutate(obj)
			assertJobErrorPaths(t, ValidateNodeImage(obj), tc.paths...)
		})
	}
}

func manyNodeImages(n int) map[string]apps.ImageSpec {
	images := make(map[string]apps.ImageSpec, n)
	for i := 0; i < n; i++ {
		images[fmt.Sprintf("example.com/app-%d", i)] = apps.ImageSpec{Tags: []apps.ImageTagSpec{validTag("v1")}}
	}
	return images
}

func TestValidateNodeImageUpdateAndStatusUpdate(t *testing.T) {
	old := validNodeImage()
	obj := validNodeImage()
	obj.Spec.Images["redis"] = apps.ImageSpec{Tags: []apps.ImageTagSpec{validTag("7")}}
	assertJobErrorPaths(t, ValidateNodeImageUpdate(obj, old))
	obj.Spec.Images["redis"].Tags[0].PullPolicy = nil
	assertJobErrorPaths(t, ValidateNodeImageUpdate(obj, old), "spec.images[redis].tags[0].pullPolicy")

	status := validNodeImage()
	status.Status.Pulling = -1
	assertJobErrorPaths(t, ValidateNodeImageStatusUpdate(status, old), "status.pulling")
}

func TestDefaultNodeImageCreatedAtStampsOnlyTagsWithoutIt(t *testing.T) {
	obj := validNodeImage()
	obj.Spec.Images["nginx"].Tags[1].CreatedAt = nil
	obj.Spec.Images["redis"] = apps.ImageSpec{Tags: []apps.ImageTagSpec{{Tag: "7"}, {Tag: "6"}}}
	now := metav1.NewTime(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))

	DefaultNodeImageCreatedAt(obj, now)

	assert.Equal(t, nodeImageCreated, *obj.Spec.Images["nginx"].Tags[0].CreatedAt)
	assert.Equal(t, now, *obj.Spec.Images["nginx"].Tags[1].CreatedAt)
	redis := obj.Spec.Images["redis"].Tags
	assert.Equal(t, now, *redis[0].CreatedAt)
	assert.Equal(t, now, *redis[1].CreatedAt)
	assert.NotSame(t, redis[0].CreatedAt, redis[1].CreatedAt, "each tag owns its timestamp")
	DefaultNodeImageCreatedAt(&apps.NodeImage{}, now) // no images: nothing to do, no panic
}

func TestSortNodeImageTagsOrdersSpecAndStatusTagsByName(t *testing.T) {
	obj := validNodeImage()
	obj.Spec.Images["nginx"] = apps.ImageSpec{Tags: []apps.ImageTagSpec{validTag("b"), validTag("c"), validTag("a")}}
	obj.Status.ImageStatuses = map[string]apps.ImageStatus{"nginx": {Tags: []apps.ImageTagStatus{{Tag: "z"}, {Tag: "y"}}}}

	SortNodeImageTags(obj)

	var specTags []string
	for _, tag := range obj.Spec.Images["nginx"].Tags {
		specTags = append(specTags, tag.Tag)
	}
	assert.Equal(t, []string{"a", "b", "c"}, specTags)
	st := obj.Status.ImageStatuses["nginx"].Tags
	assert.Equal(t, []string{"y", "z"}, []string{st[0].Tag, st[1].Tag})
}
