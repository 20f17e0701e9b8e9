// Package podunavailablebudget holds the server-side behaviour of policy.kruise.io PodUnavailableBudgets.
package podunavailablebudget

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes PodUnavailableBudgets and their printer columns.
var Definition = &store.Definition[*policy.PodUnavailableBudget]{
	Resource:   policy.Resource("podunavailablebudgets"),
	Singular:   "podunavailablebudget",
	ShortNames: []string{"pub"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *policy.PodUnavailableBudget { return &policy.PodUnavailableBudget{} },
	NewList:    func() runtime.Object { return &policy.PodUnavailableBudgetList{} },

	Validate:             validation.ValidatePodUnavailableBudget,
	ValidateUpdate:       validation.ValidatePodUnavailableBudgetUpdate,
	ValidateStatusUpdate: validation.ValidatePodUnavailableBudgetStatusUpdate,

	Columns: []store.Column[*policy.PodUnavailableBudget]{
		store.IntColumn("Allowed", "UnavailableAllowed number of pod unavailable that are currently allowed", 0, func(o *policy.PodUnavailableBudget) int64 { return int64(o.Status.UnavailableAllowed) }),
		store.IntColumn("Current", "CurrentAvailable current number of available pods", 0, func(o *policy.PodUnavailableBudget) int64 { return int64(o.Status.CurrentAvailable) }),
		store.IntColumn("Desired", "DesiredAvailable minimum desired number of available pods", 0, func(o *policy.PodUnavailableBudget) int64 { return int64(o.Status.DesiredAvailable) }),
		store.IntColumn("Total", "TotalReplicas total number of pods counted by this budget", 0, func(o *policy.PodUnavailableBudget) int64 { return int64(o.Status.TotalReplicas) }),
	},
}

// NewStorage builds the PodUnavailableBudget endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
