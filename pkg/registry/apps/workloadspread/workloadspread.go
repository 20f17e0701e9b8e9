// Package workloadspread holds the server-side behaviour of apps.kruise.io WorkloadSpreads.
package workloadspread

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes WorkloadSpreads and their printer columns.
var Definition = &store.Definition[*apps.WorkloadSpread]{
	Resource:   apps.Resource("workloadspreads"),
	Singular:   "workloadspread",
	ShortNames: []string{"ws"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.WorkloadSpread { return &apps.WorkloadSpread{} },
	NewList:    func() runtime.Object { return &apps.WorkloadSpreadList{} },

	Validate:             validation.ValidateWorkloadSpread,
	ValidateUpdate:       validation.ValidateWorkloadSpreadUpdate,
	ValidateStatusUpdate: validation.ValidateWorkloadSpreadStatusUpdate,

	Columns: []store.Column[*apps.WorkloadSpread]{
		store.StringColumn("WorkloadName", "The name of managed workload.", 0, func(o *apps.WorkloadSpread) string { return targetName(o) }),
		store.StringColumn("WorkloadKind", "The kind of managed workload.", 0, func(o *apps.WorkloadSpread) string { return targetKind(o) }),
		store.BoolColumn("Adaptive", "The scheduleStrategy of managed workload.", 0, func(o *apps.WorkloadSpread) bool {
			return o.Spec.ScheduleStrategy.Type == apps.AdaptiveWorkloadSpreadScheduleStrategyType
		}),
		store.AgeColumn[*apps.WorkloadSpread]("Age"),
	},
}

// NewStorage builds the WorkloadSpread endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}

func targetName(o *apps.WorkloadSpread) string {
	if o.Spec.TargetReference == nil {
		return ""
	}
	return o.Spec.TargetReference.Name
}

func targetKind(o *apps.WorkloadSpread) string {
	if o.Spec.TargetReference == nil {
		return ""
	}
	return o.Spec.TargetReference.Kind
}
