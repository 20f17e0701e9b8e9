package apiserver

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	serverstorage "k8s.io/apiserver/pkg/server/storage"
	"k8s.io/apiserver/pkg/storage/storagebackend"

	"github.com/kruise-aggregated/kruise/pkg/registry"
)

// NewResourceEncodingConfig pins each resource's storage version to OpenKruise's CRD storage
// version (v1beta1 where both exist), so objects in etcd are what a CRD-based install writes.
func NewResourceEncodingConfig() *serverstorage.DefaultResourceEncodingConfig {
	c := serverstorage.NewDefaultResourceEncodingConfigForEffectiveVersion(Scheme, nil)
	for _, r := range registry.Resources() {
		c.SetResourceEncoding(r.GroupResource(),
			schema.GroupVersion{Group: r.Group, Version: r.StorageVersion},
			schema.GroupVersion{Group: r.Group, Version: runtime.APIVersionInternal})
	}
	return c
}

// NewStorageFactory builds per-resource storage configs: pinned versions, JSON, and etcd keys
// <prefix>/<group>/<resource>/..., the layout of CRD storage.
func NewStorageFactory(config storagebackend.Config, mediaType string) *serverstorage.DefaultStorageFactory {
	sf := serverstorage.NewDefaultStorageFactory(config, mediaType, Codecs,
		NewResourceEncodingConfig(), serverstorage.NewResourceConfig(), nil)
	for _, r := range registry.Resources() {
		sf.SetResourceEtcdPrefix(r.GroupResource(), r.Group+"/"+r.Plural)
	}
	return sf
}
