// Package statefulset holds the server-side behaviour of apps.kruise.io StatefulSets.
package statefulset

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes StatefulSets and their printer columns.
var Definition = &store.Definition[*apps.StatefulSet]{
	Resource:   apps.Resource("statefulsets"),
	Singular:   "statefulset",
	ShortNames: []string{"sts", "asts"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.StatefulSet { return &apps.StatefulSet{} },
	NewList:    func() runtime.Object { return &apps.StatefulSetList{} },

	Validate:             validation.ValidateStatefulSet,
	ValidateUpdate:       validation.ValidateStatefulSetUpdate,
	ValidateStatusUpdate: validation.ValidateStatefulSetStatusUpdate,

	Columns: []store.Column[*apps.StatefulSet]{
		store.OptionalIntColumn("DESIRED", "The desired number of pods.", 0, func(o *apps.StatefulSet) *int32 { return o.Spec.Replicas }),
		store.IntColumn("CURRENT", "The number of currently all pods.", 0, func(o *apps.StatefulSet) int64 { return int64(o.Status.Replicas) }),
		store.IntColumn("UPDATED", "The number of pods updated.", 0, func(o *apps.StatefulSet) int64 { return int64(o.Status.UpdatedReplicas) }),
		store.IntColumn("READY", "The number of pods ready.", 0, func(o *apps.StatefulSet) int64 { return int64(o.Status.ReadyReplicas) }),
		store.AgeColumn[*apps.StatefulSet]("AGE"),
		store.StringColumn("CONTAINERS", "The containers of currently advanced statefulset.", 1, func(o *apps.StatefulSet) string { return store.ContainerNames(o.Spec.Template.Spec.Containers) }),
		store.StringColumn("IMAGES", "The images of currently advanced statefulset.", 1, func(o *apps.StatefulSet) string { return store.ContainerImages(o.Spec.Template.Spec.Containers) }),
	},
	Scale: &store.Scale[*apps.StatefulSet]{
		SpecReplicas:    func(o *apps.StatefulSet) int32 { return store.ReplicasOrOne(o.Spec.Replicas) },
		SetSpecReplicas: func(o *apps.StatefulSet, n int32) { o.Spec.Replicas = &n },
		StatusReplicas:  func(o *apps.StatefulSet) int32 { return o.Status.Replicas },
		LabelSelector:   func(o *apps.StatefulSet) string { return o.Status.LabelSelector },
	},
}

// NewStorage builds the StatefulSet endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
