// Package daemonset holds the server-side behaviour of apps.kruise.io DaemonSets.
package daemonset

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes DaemonSets and their printer columns.
var Definition = &store.Definition[*apps.DaemonSet]{
	Resource:   apps.Resource("daemonsets"),
	Singular:   "daemonset",
	ShortNames: []string{"daemon", "ads"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.DaemonSet { return &apps.DaemonSet{} },
	NewList:    func() runtime.Object { return &apps.DaemonSetList{} },

	Validate:             validation.ValidateDaemonSet,
	ValidateUpdate:       validation.ValidateDaemonSetUpdate,
	ValidateStatusUpdate: validation.ValidateDaemonSetStatusUpdate,

	Columns: []store.Column[*apps.DaemonSet]{
		store.IntColumn("DESIRED", "The desired number of pods.", 0, func(o *apps.DaemonSet) int64 { return int64(o.Status.DesiredNumberScheduled) }),
		store.IntColumn("CURRENT", "The current number of pods.", 0, func(o *apps.DaemonSet) int64 { return int64(o.Status.CurrentNumberScheduled) }),
		store.IntColumn("READY", "The ready number of pods.", 0, func(o *apps.DaemonSet) int64 { return int64(o.Status.NumberReady) }),
		store.IntColumn("UP-TO-DATE", "The updated number of pods.", 0, func(o *apps.DaemonSet) int64 { return int64(o.Status.UpdatedNumberScheduled) }),
		store.IntColumn("AVAILABLE", "The available number of pods.", 0, func(o *apps.DaemonSet) int64 { return int64(o.Status.NumberAvailable) }),
		store.AgeColumn[*apps.DaemonSet]("AGE"),
		store.StringColumn("CONTAINERS", "The containers of currently daemonset.", 1, func(o *apps.DaemonSet) string { return store.ContainerNames(o.Spec.Template.Spec.Containers) }),
		store.StringColumn("IMAGES", "The images of currently daemonset.", 1, func(o *apps.DaemonSet) string { return store.ContainerImages(o.Spec.Template.Spec.Containers) }),
	},
}

// NewStorage builds the DaemonSet endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
