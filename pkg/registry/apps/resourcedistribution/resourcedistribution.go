// Package resourcedistribution holds the server-side behaviour of apps.kruise.io ResourceDistributions.
package resourcedistribution

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes ResourceDistributions and their printer columns.
var Definition = &store.Definition[*apps.ResourceDistribution]{
	Resource:   apps.Resource("resourcedistributions"),
	Singular:   "resourcedistribution",
	ShortNames: []string{"distributor"},
	Namespaced: false,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.ResourceDistribution { return &apps.ResourceDistribution{} },
	NewList:    func() runtime.Object { return &apps.ResourceDistributionList{} },

	Validate:             validation.ValidateResourceDistribution,
	ValidateUpdate:       validation.ValidateResourceDistributionUpdate,
	ValidateStatusUpdate: validation.ValidateResourceDistributionStatusUpdate,

	Columns: []store.Column[*apps.ResourceDistribution]{
		store.IntColumn("TOTAL", "The desired number of desired distribution and syncs.", 0, func(o *apps.ResourceDistribution) int64 { return int64(o.Status.Desired) }),
		store.IntColumn("SUCCEED", "Successfully distributed and synchronized numbers.", 0, func(o *apps.ResourceDistribution) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("FAILED", "Failed distributed and synchronized numbers.", 0, func(o *apps.ResourceDistribution) int64 { return int64(o.Status.Failed) }),
	},
}

// NewStorage builds the ResourceDistribution endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
