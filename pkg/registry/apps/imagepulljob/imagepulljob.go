// Package imagepulljob holds the server-side behaviour of apps.kruise.io ImagePullJobs.
package imagepulljob

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes ImagePullJobs and their printer columns.
var Definition = &store.Definition[*apps.ImagePullJob]{
	Resource:   apps.Resource("imagepulljobs"),
	Singular:   "imagepulljob",
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.ImagePullJob { return &apps.ImagePullJob{} },
	NewList:    func() runtime.Object { return &apps.ImagePullJobList{} },

	Validate:             validation.ValidateImagePullJob,
	ValidateUpdate:       validation.ValidateImagePullJobUpdate,
	ValidateStatusUpdate: validation.ValidateImagePullJobStatusUpdate,

	Columns: []store.Column[*apps.ImagePullJob]{
		store.IntColumn("TOTAL", "Number of all nodes matched by this job", 0, func(o *apps.ImagePullJob) int64 { return int64(o.Status.Desired) }),
		store.IntColumn("ACTIVE", "Number of image pull task active", 0, func(o *apps.ImagePullJob) int64 { return int64(o.Status.Active) }),
		store.IntColumn("SUCCEED", "Number of image pull task succeeded", 0, func(o *apps.ImagePullJob) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("FAILED", "Number of image pull tasks failed", 0, func(o *apps.ImagePullJob) int64 { return int64(o.Status.Failed) }),
		store.AgeColumn[*apps.ImagePullJob]("AGE"),
		store.OnlyInVersions(store.StringColumn("MESSAGE", "Summary of status when job is failed", 0, func(o *apps.ImagePullJob) string { return o.Status.Message }), "v1alpha1"),
	},
}

// NewStorage builds the ImagePullJob endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
