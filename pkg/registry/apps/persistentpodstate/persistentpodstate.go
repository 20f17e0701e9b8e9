// Package persistentpodstate holds the server-side behaviour of apps.kruise.io PersistentPodStates.
package persistentpodstate

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes PersistentPodStates and their printer columns.
var Definition = &store.Definition[*apps.PersistentPodState]{
	Resource:   apps.Resource("persistentpodstates"),
	Singular:   "persistentpodstate",
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.PersistentPodState { return &apps.PersistentPodState{} },
	NewList:    func() runtime.Object { return &apps.PersistentPodStateList{} },

	Validate:             validation.ValidatePersistentPodState,
	ValidateUpdate:       validation.ValidatePersistentPodStateUpdate,
	ValidateStatusUpdate: validation.ValidatePersistentPodStateStatusUpdate,

	Columns: []store.Column[*apps.PersistentPodState]{
		store.AgeColumn[*apps.PersistentPodState]("Age"),
	},
}

// NewStorage builds the PersistentPodState endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
