// Package ephemeraljob holds the server-side behaviour of apps.kruise.io EphemeralJobs.
package ephemeraljob

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes EphemeralJobs and their printer columns.
var Definition = &store.Definition[*apps.EphemeralJob]{
	Resource:   apps.Resource("ephemeraljobs"),
	Singular:   "ephemeraljob",
	ShortNames: []string{"ejob"},
	Namespaced: true,
	Versions:   []string{"v1alpha1"},
	New:        func() *apps.EphemeralJob { return &apps.EphemeralJob{} },
	NewList:    func() runtime.Object { return &apps.EphemeralJobList{} },

	Validate:             validation.ValidateEphemeralJob,
	ValidateUpdate:       validation.ValidateEphemeralJobUpdate,
	ValidateStatusUpdate: validation.ValidateEphemeralJobStatusUpdate,

	Columns: []store.Column[*apps.EphemeralJob]{
		store.StringColumn("STATUS", "The status of ephemeral job", 0, func(o *apps.EphemeralJob) string { return string(o.Status.Phase) }),
		store.IntColumn("MATCH", "The desired number of pods. This is typically equal to the number of pods matched by the selector.", 0, func(o *apps.EphemeralJob) int64 { return int64(o.Status.Matches) }),
		store.IntColumn("SUCCEED", "The number of actively running pods.", 0, func(o *apps.EphemeralJob) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("FAILED", "The number of pods which reached phase Failed.", 0, func(o *apps.EphemeralJob) int64 { return int64(o.Status.Failed) }),
		store.IntColumn("RUNNING", "The number of pods which reached phase Succeeded.", 0, func(o *apps.EphemeralJob) int64 { return int64(o.Status.Running) }),
		store.IntColumn("WAITING", "The number of pods which reached phase Waiting.", 0, func(o *apps.EphemeralJob) int64 { return int64(o.Status.Waiting) }),
		store.AgeColumn[*apps.EphemeralJob]("AGE"),
	},
}

// NewStorage builds the EphemeralJob endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
