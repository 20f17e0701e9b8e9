// Package apiserver wires the Kruise API groups into a generic API server.
package apiserver

import (
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/registry/generic"
	"k8s.io/apiserver/pkg/registry/rest"
	genericapiserver "k8s.io/apiserver/pkg/server"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	"github.com/kruise-aggregated/kruise/pkg/registry"
)

// Config is the server configuration: the generic server's, nothing else yet.
type Config struct {
	GenericConfig *genericapiserver.RecommendedConfig
}

type completedConfig struct {
	GenericConfig genericapiserver.CompletedConfig
}

// CompletedConfig is a Config with defaults filled in.
type CompletedConfig struct {
	*completedConfig
}

// KruiseServer is the running server.
type KruiseServer struct {
	GenericAPIServer *genericapiserver.GenericAPIServer
}

// Complete fills in defaults.
func (cfg *Config) Complete() CompletedConfig {
	return CompletedConfig{&completedConfig{GenericConfig: cfg.GenericConfig.Complete()}}
}

// New builds the server with both groups installed.
func (c completedConfig) New() (*KruiseServer, error) {
	gs, err := c.GenericConfig.New("kruise-apiserver", genericapiserver.NewEmptyDelegate())
	if err != nil {
		return nil, err
	}
	appsGroup := genericapiserver.NewDefaultAPIGroupInfo(apps.GroupName, Scheme, metav1.ParameterCodec, Codecs)
	policyGroup := genericapiserver.NewDefaultAPIGroupInfo(policy.GroupName, Scheme, metav1.ParameterCodec, Codecs)
	appsGroup.NegotiatedSerializer = withoutProtobuf{Codecs}
	policyGroup.NegotiatedSerializer = withoutProtobuf{Codecs}
	getter := c.GenericConfig.RESTOptionsGetter
	for _, r := range registry.Resources() {
		group := &appsGroup
		if r.Group == policy.GroupName {
			group = &policyGroup
		}
		if err := install(group, r, getter); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", r.Group, r.Plural, err)
		}
	}
	if err := gs.InstallAPIGroups(&appsGroup, &policyGroup); err != nil {
		return nil, err
	}
	return &KruiseServer{GenericAPIServer: gs}, nil
}

// install adds one resource's endpoints to every version it is served in; all versions share
// one store (and so one watch cache).
func install(group *genericapiserver.APIGroupInfo, r registry.Resource, getter generic.RESTOptionsGetter) error {
	s, err := r.NewStorage(Scheme, getter)
	if err != nil {
		return err
	}
	endpoints := map[string]rest.Storage{r.Plural: s.Main, r.Plural + "/status": s.Status}
	if s.Scale != nil {
		endpoints[r.Plural+"/scale"] = s.Scale
	}
	for _, v := range r.Versions {
		if group.VersionedResourcesStorageMap[v] == nil {
			group.VersionedResourcesStorageMap[v] = map[string]rest.Storage{}
		}
		for path, st := range endpoints {
			group.VersionedResourcesStorageMap[v][path] = st
		}
	}
	return nil
}

// withoutProtobuf serves our groups in JSON and YAML only. Kruise types have no protobuf form;
// advertising it would let clients that prefer protobuf with a JSON fallback (the metadata client
// of the namespace controller and the garbage collector) negotiate it and then fail with 406 on
// typed responses such as deletecollection's, so namespaces holding Kruise objects never finished
// deleting.
type withoutProtobuf struct {
	runtime.NegotiatedSerializer
}

func (s withoutProtobuf) SupportedMediaTypes() []runtime.SerializerInfo {
	all := s.NegotiatedSerializer.SupportedMediaTypes()
	out := make([]runtime.SerializerInfo, 0, len(all))
	for _, info := range all {
		if info.MediaType != runtime.ContentTypeProtobuf {
			out = append(out, info)
		}
	}
	return out
}
