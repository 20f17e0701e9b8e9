// Package sidecarset holds the server-side behaviour of apps.kruise.io SidecarSets.
package sidecarset

import (
	"context"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"
	"k8s.io/klog/v2"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes SidecarSets and their printer columns.
var Definition = &store.Definition[*apps.SidecarSet]{
	Resource:   apps.Resource("sidecarsets"),
	Singular:   "sidecarset",
	Namespaced: false,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.SidecarSet { return &apps.SidecarSet{} },
	NewList:    func() runtime.Object { return &apps.SidecarSetList{} },

	// The SidecarSet carries the hashes of its containers (with and without images), which
	// decide whether pods can be updated in place.
	PrepareForCreate: func(_ context.Context, o *apps.SidecarSet) { setHashes(o) },
	PrepareForUpdate: func(_ context.Context, o, _ *apps.SidecarSet) { setHashes(o) },

	Validate:             validation.ValidateSidecarSet,
	ValidateUpdate:       validation.ValidateSidecarSetUpdate,
	ValidateStatusUpdate: validation.ValidateSidecarSetStatusUpdate,

	Columns: []store.Column[*apps.SidecarSet]{
		store.IntColumn("MATCHED", "The number of pods matched.", 0, func(o *apps.SidecarSet) int64 { return int64(o.Status.MatchedPods) }),
		store.IntColumn("UPDATED", "The number of pods matched and updated.", 0, func(o *apps.SidecarSet) int64 { return int64(o.Status.UpdatedPods) }),
		store.IntColumn("READY", "The number of pods matched and ready.", 0, func(o *apps.SidecarSet) int64 { return int64(o.Status.ReadyPods) }),
		store.AgeColumn[*apps.SidecarSet]("AGE"),
	},
}

// NewStorage builds the SidecarSet endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}

func setHashes(o *apps.SidecarSet) {
	if err := validation.SetSidecarSetHashAnnotations(o); err != nil {
		// Hashing marshals the spec to JSON, which cannot fail for a decoded object.
		klog.ErrorS(err, "Computing SidecarSet hashes", "sidecarset", o.Name)
	}
}
