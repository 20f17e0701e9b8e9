// Package nodeimage holds the server-side behaviour of apps.kruise.io NodeImages.
package nodeimage

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/validation"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Definition describes NodeImages and their printer columns.
var Definition = &store.Definition[*apps.NodeImage]{
	Resource:   apps.Resource("nodeimages"),
	Singular:   "nodeimage",
	Namespaced: false,
	Versions:   []string{"v1alpha1", "v1beta1"},
	New:        func() *apps.NodeImage { return &apps.NodeImage{} },
	NewList:    func() runtime.Object { return &apps.NodeImageList{} },

	// Tags get a creation time on their first write, and are kept sorted, as OpenKruise's webhook does.
	PrepareForCreate: func(_ context.Context, o *apps.NodeImage) { prepare(o) },
	PrepareForUpdate: func(_ context.Context, o, _ *apps.NodeImage) { prepare(o) },

	Validate:             validation.ValidateNodeImage,
	ValidateUpdate:       validation.ValidateNodeImageUpdate,
	ValidateStatusUpdate: validation.ValidateNodeImageStatusUpdate,

	Columns: []store.Column[*apps.NodeImage]{
		store.IntColumn("DESIRED", "Number of all images on this node", 0, func(o *apps.NodeImage) int64 { return int64(o.Status.Desired) }),
		store.IntColumn("PULLING", "Number of image pull task active", 0, func(o *apps.NodeImage) int64 { return int64(o.Status.Pulling) }),
		store.IntColumn("SUCCEED", "Number of image pull task succeeded", 0, func(o *apps.NodeImage) int64 { return int64(o.Status.Succeeded) }),
		store.IntColumn("FAILED", "Number of image pull tasks failed", 0, func(o *apps.NodeImage) int64 { return int64(o.Status.Failed) }),
		store.AgeColumn[*apps.NodeImage]("AGE"),
	},
}

// NewStorage builds the NodeImage endpoints.
func NewStorage(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error) {
	return store.NewStorage(scheme, Definition, getter)
}

func prepare(o *apps.NodeImage) {
	validation.DefaultNodeImageCreatedAt(o, metav1.Now())
	validation.SortNodeImageTags(o)
}
