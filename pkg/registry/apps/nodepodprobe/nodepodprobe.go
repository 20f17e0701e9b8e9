// Package nodepodprobe holds the server-side behaviour of apps.kruise.io NodePodProbes.
package nodepodprobe

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes NodePodProbes and their printer columns.
var Definition = &store.Definition[*apps.NodePodProbe]{
	Resource:   apps.Resource("nodepodprobes"),
	Singular:   "nodepodprobe",
	Namespaced: false,
	Versions:   []string{"v1alpha1"},
	New:        func() *apps.NodePodProbe { return &apps.NodePodProbe{} },
	NewList:    func() runtime.Object { return &apps.NodePodProbeList{} },

	Validate:             validation.ValidateNodePodProbe,
	ValidateUpdate:       validation.ValidateNodePodProbeUpdate,
	ValidateStatusUpdate: validation.ValidateNodePodProbeStatusUpdate,

	Columns: []store.Column[*apps.NodePodProbe]{
		store.AgeColumn[*apps.NodePodProbe]("Age"),
	},
}

// NewStorage builds the NodePodProbe endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
