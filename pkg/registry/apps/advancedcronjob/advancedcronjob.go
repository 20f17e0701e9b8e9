// Package advancedcronjob holds the server-side behaviour of apps.kruise.io AdvancedCronJobs.
package advancedcronjob

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes AdvancedCronJobs and their printer columns.
var Definition = &store.Definition[*apps.AdvancedCronJob]{
	Resource:   apps.Resource("advancedcronjobs"),
	Singular:   "advancedcronjob",
	ShortNames: []string{"acj"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.AdvancedCronJob { return &apps.AdvancedCronJob{} },
	NewList:    func() runtime.Object { return &apps.AdvancedCronJobList{} },

	Validate:             validation.ValidateAdvancedCronJob,
	ValidateUpdate:       validation.ValidateAdvancedCronJobUpdate,
	ValidateStatusUpdate: validation.ValidateAdvancedCronJobStatusUpdate,

	Columns: []store.Column[*apps.AdvancedCronJob]{
		store.StringColumn("Schedule", "The schedule of this cron job.", 0, func(o *apps.AdvancedCronJob) string { return o.Spec.Schedule }),
		store.StringColumn("Type", "The type of this cron job.", 0, func(o *apps.AdvancedCronJob) string { return string(o.Status.Type) }),
		store.DateColumn("LastScheduleTime", func(o *apps.AdvancedCronJob) *metav1.Time { return o.Status.LastScheduleTime }),
		store.AgeColumn[*apps.AdvancedCronJob]("AGE"),
	},
}

// NewStorage builds the AdvancedCronJob endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
