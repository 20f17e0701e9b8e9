// Package containerrecreaterequest holds the server-side behaviour of apps.kruise.io ContainerRecreateRequests.
package containerrecreaterequest

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes ContainerRecreateRequests and their printer columns.
var Definition = &store.Definition[*apps.ContainerRecreateRequest]{
	Resource:   apps.Resource("containerrecreaterequests"),
	Singular:   "containerrecreaterequest",
	ShortNames: []string{"crr"},
	Namespaced: true,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.ContainerRecreateRequest { return &apps.ContainerRecreateRequest{} },
	NewList:    func() runtime.Object { return &apps.ContainerRecreateRequestList{} },

	Validate:             validation.ValidateContainerRecreateRequest,
	ValidateUpdate:       validation.ValidateContainerRecreateRequestUpdate,
	ValidateStatusUpdate: validation.ValidateContainerRecreateRequestStatusUpdate,

	Columns: []store.Column[*apps.ContainerRecreateRequest]{
		store.StringColumn("PHASE", "Phase of this ContainerRecreateRequest.", 0, func(o *apps.ContainerRecreateRequest) string { return string(o.Status.Phase) }),
		store.StringColumn("POD", "Pod name of this ContainerRecreateRequest.", 0, func(o *apps.ContainerRecreateRequest) string { return o.Spec.PodName }),
		store.StringColumn("NODE", "Pod name of this ContainerRecreateRequest.", 0, func(o *apps.ContainerRecreateRequest) string { return o.Labels["crr.apps.kruise.io/node-name"] }),
		store.AgeColumn[*apps.ContainerRecreateRequest]("AGE"),
	},
}

// NewStorage builds the ContainerRecreateRequest endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}
