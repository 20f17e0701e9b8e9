// Package registry lists every resource the server serves, with its versions, storage version
// and storage constructor. Each resource's behaviour lives in its own folder below.
package registry

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/registry/generic"

	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// Resource is one served resource.
type Resource struct {
	Group  string
	Plural string
	// Versions it is served in; StorageVersion is the one written to etcd (as OpenKruise's CRDs).
	Versions       []string
	StorageVersion string
	NewStorage     func(scheme *runtime.Scheme, getter generic.RESTOptionsGetter) (*store.Storage, error)
}

// GroupResource is the group-qualified plural.
func (r Resource) GroupResource() schema.GroupResource {
	return schema.GroupResource{Group: r.Group, Resource: r.Plural}
}

// Both and AlphaOnly are the version lists of Kruise kinds.
var (
	Both      = []string{"v1beta1", "v1alpha1"}
	AlphaOnly = []string{"v1alpha1"}
)
