// Package cloneset holds the server-side behaviour of apps.kruise.io CloneSets.
package cloneset

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes CloneSets. UPDATED_AVAILABLE is a wide column here so that the default
// output keeps the columns OpenKruise users know (DESIRED UPDATED UPDATED_READY READY TOTAL AGE).
var Definition = &store.Definition[*apps.CloneSet]{
	Resource:   apps.Resource("clonesets"),
	Singular:   "cloneset",
	ShortNames: []string{"clone"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.CloneSet { return &apps.CloneSet{} },
	NewList:    func() runtime.Object { return &apps.CloneSetList{} },

	Validate:             validation.ValidateCloneSet,
	ValidateUpdate:       validation.ValidateCloneSetUpdate,
	ValidateStatusUpdate: validation.ValidateCloneSetStatusUpdate,

	Columns: []store.Column[*apps.CloneSet]{
		store.OptionalIntColumn("DESIRED", "The desired number of pods.", 0, func(o *apps.CloneSet) *int32 { return o.Spec.Replicas }),
		store.IntColumn("UPDATED", "The number of pods updated.", 0, func(o *apps.CloneSet) int64 { return int64(o.Status.UpdatedReplicas) }),
		store.IntColumn("UPDATED_READY", "The number of pods updated and ready.", 0, func(o *apps.CloneSet) int64 { return int64(o.Status.UpdatedReadyReplicas) }),
		store.IntColumn("UPDATED_AVAILABLE", "The number of pods updated and available.", 1, func(o *apps.CloneSet) int64 { return int64(o.Status.UpdatedAvailableReplicas) }),
		store.IntColumn("READY", "The number of pods ready.", 0, func(o *apps.CloneSet) int64 { return int64(o.Status.ReadyReplicas) }),
		store.IntColumn("TOTAL", "The number of currently all pods.", 0, func(o *apps.CloneSet) int64 { return int64(o.Status.Replicas) }),
		store.AgeColumn[*apps.CloneSet]("AGE"),
		store.StringColumn("CONTAINERS", "The containers of currently cloneset.", 1, func(o *apps.CloneSet) string { return store.ContainerNames(o.Spec.Template.Spec.Containers) }),
		store.StringColumn("IMAGES", "The images of currently cloneset.", 1, func(o *apps.CloneSet) string { return store.ContainerImages(o.Spec.Template.Spec.Containers) }),
		store.StringColumn("SELECTOR", "The selector of currently cloneset.", 1, func(o *apps.CloneSet) string { return o.Status.LabelSelector }),
	},
	Scale: &store.Scale[*apps.CloneSet]{
		SpecReplicas:    func(o *apps.CloneSet) int32 { return store.ReplicasOrOne(o.Spec.Replicas) },
		SetSpecReplicas: func(o *apps.CloneSet, n int32) { o.Spec.Replicas = &n },
		StatusReplicas:  func(o *apps.CloneSet) int32 { return o.Status.Replicas },
		LabelSelector:   func(o *apps.CloneSet) string { return o.Status.LabelSelector },
	},
}

// NewStorage builds the CloneSet endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
