// Package broadcastjob holds the server-side behaviour of apps.kruise.io BroadcastJobs.
package broadcastjob

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes BroadcastJobs and their printer columns.
var Definition = &store.Definition[*apps.BroadcastJob]{
	Resource:   apps.Resource("broadcastjobs"),
	Singular:   "broadcastjob",
	ShortNames: []string{"bcj"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.BroadcastJob { return &apps.BroadcastJob{} },
	NewList:    func() runtime.Object { return &apps.BroadcastJobList{} },

	Validate:             validation.ValidateBroadcastJob,
	ValidateUpdate:       validation.ValidateBroadcastJobUpdate,
	ValidateStatusUpdate: validation.ValidateBroadcastJobStatusUpdate,

	Columns: []store.Column[*apps.BroadcastJob]{
		store.IntColumn("Desired", "The desired number of pods. This is typically equal to the number of nodes satisfied to run pods.", 0, func(o *apps.BroadcastJob) int64 { return int64(o.Status.Desired) }),
		store.IntColumn("Active", "The number of actively running jobs.", 0, func(o *apps.BroadcastJob) int64 { return int64(o.Status.Active) }),
		store.IntColumn("Succeeded", "The number of pods which reached phase Succeeded.", 0, func(o *apps.BroadcastJob) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("Failed", "The number of pods which reached phase Failed.", 0, func(o *apps.BroadcastJob) int64 { return int64(o.Status.Failed) }),
		store.AgeColumn[*apps.BroadcastJob]("AGE"),
	},
}

// NewStorage builds the BroadcastJob endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
