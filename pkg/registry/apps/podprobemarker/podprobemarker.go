// Package podprobemarker holds the server-side behaviour of apps.kruise.io PodProbeMarkers.
package podprobemarker

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes PodProbeMarkers and their printer columns.
var Definition = &store.Definition[*apps.PodProbeMarker]{
	Resource:   apps.Resource("podprobemarkers"),
	Singular:   "podprobemarker",
	Namespaced: true,
	Versions:   []string{"v1alpha1"},
	New:        func() *apps.PodProbeMarker { return &apps.PodProbeMarker{} },
	NewList:    func() runtime.Object { return &apps.PodProbeMarkerList{} },

	Validate:             validation.ValidatePodProbeMarker,
	ValidateUpdate:       validation.ValidatePodProbeMarkerUpdate,
	ValidateStatusUpdate: validation.ValidatePodProbeMarkerStatusUpdate,

	Columns: []store.Column[*apps.PodProbeMarker]{
		store.AgeColumn[*apps.PodProbeMarker]("Age"),
	},
}

// NewStorage builds the PodProbeMarker endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
