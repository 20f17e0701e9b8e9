// Package uniteddeployment holds the server-side behaviour of apps.kruise.io UnitedDeployments.
package uniteddeployment

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes UnitedDeployments and their printer columns.
var Definition = &store.Definition[*apps.UnitedDeployment]{
	Resource:   apps.Resource("uniteddeployments"),
	Singular:   "uniteddeployment",
	ShortNames: []string{"ud"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.UnitedDeployment { return &apps.UnitedDeployment{} },
	NewList:    func() runtime.Object { return &apps.UnitedDeploymentList{} },

	Validate:             validation.ValidateUnitedDeployment,
	ValidateUpdate:       validation.ValidateUnitedDeploymentUpdate,
	ValidateStatusUpdate: validation.ValidateUnitedDeploymentStatusUpdate,

	Columns: []store.Column[*apps.UnitedDeployment]{
		store.OptionalIntColumn("DESIRED", "The desired number of pods.", 0, func(o *apps.UnitedDeployment) *int32 { return o.Spec.Replicas }),
		store.IntColumn("CURRENT", "The number of currently all pods.", 0, func(o *apps.UnitedDeployment) int64 { return int64(o.Status.Replicas) }),
		store.IntColumn("UPDATED", "The number of pods updated.", 0, func(o *apps.UnitedDeployment) int64 { return int64(o.Status.UpdatedReplicas) }),
		store.IntColumn("READY", "The number of pods ready.", 0, func(o *apps.UnitedDeployment) int64 { return int64(o.Status.ReadyReplicas) }),
		store.AgeColumn[*apps.UnitedDeployment]("AGE"),
	},
	Scale: &store.Scale[*apps.UnitedDeployment]{
		SpecReplicas:    func(o *apps.UnitedDeployment) int32 { return store.ReplicasOrOne(o.Spec.Replicas) },
		SetSpecReplicas: func(o *apps.UnitedDeployment, n int32) { o.Spec.Replicas = &n },
		StatusReplicas:  func(o *apps.UnitedDeployment) int32 { return o.Status.Replicas },
		LabelSelector:   func(o *apps.UnitedDeployment) string { return o.Status.LabelSelector },
	},
}

// NewStorage builds the UnitedDeployment endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
