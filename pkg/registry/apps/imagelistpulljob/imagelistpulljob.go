// Package imagelistpulljob holds the server-side behaviour of apps.kruise.io ImageListPullJobs.
package imagelistpulljob

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes ImageListPullJobs and their printer columns.
var Definition = &store.Definition[*apps.ImageListPullJob]{
	Resource:   apps.Resource("imagelistpulljobs"),
	Singular:   "imagelistpulljob",
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.ImageListPullJob { return &apps.ImageListPullJob{} },
	NewList:    func() runtime.Object { return &apps.ImageListPullJobList{} },

	Validate:             validation.ValidateImageListPullJob,
	ValidateUpdate:       validation.ValidateImageListPullJobUpdate,
	ValidateStatusUpdate: validation.ValidateImageListPullJobStatusUpdate,

	Columns: []store.Column[*apps.ImageListPullJob]{
		store.IntColumn("TOTAL", "Number of ImagePullJobs which are planned to be created.", 0, func(o *apps.ImageListPullJob) int64 { return int64(o.Status.Desired) }),
		store.IntColumn("SUCCEEDED", "Number of ImagePullJobs which are finished", 0, func(o *apps.ImageListPullJob) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("COMPLETED", "Number of ImagePullJobs which are completed", 0, func(o *apps.ImageListPullJob) int64 { return int64(o.Status.Completed) }),
		store.AgeColumn[*apps.ImageListPullJob]("AGE"),
	},
}

// NewStorage builds the ImageListPullJob endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
