// Package initializer hands kruise-apiserver's own clients to admission plugins: a clientset and
// shared informers for the apps.kruise.io and policy.kruise.io kinds (served by this server and
// reached over its loopback connection), and the namespace Kruise's components run in.
package initializer

import (
	"k8s.io/apiserver/pkg/admission"

	"github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	"github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

// WantsKruiseClientSet is implemented by plugins that read Kruise objects directly.
type WantsKruiseClientSet interface {
	SetKruiseClientSet(versioned.Interface)
	admission.InitializationValidator
}

// WantsKruiseInformerFactory is implemented by plugins that read Kruise objects through
// informers. The plugin must ask the factory for its informers while being initialized; the
// factory is started later, by a post-start hook of the server.
type WantsKruiseInformerFactory interface {
	SetKruiseInformerFactory(externalversions.SharedInformerFactory)
	admission.InitializationValidator
}

// WantsKruiseNamespace is implemented by plugins that look up objects kept in Kruise's own
// namespace (for example the ControllerRevisions of SidecarSets).
type WantsKruiseNamespace interface {
	SetKruiseNamespace(string)
}

type pluginInitializer struct {
	client    versioned.Interface
	informers externalversions.SharedInformerFactory
	namespace string
}

var _ admission.PluginInitializer = pluginInitializer{}

// New returns an initializer that passes client, informers and namespace to the plugins that
// want them.
func New(client versioned.Interface, informers externalversions.SharedInformerFactory, namespace string) admission.PluginInitializer {
	return pluginInitializer{client: client, informers: informers, namespace: namespace}
}

// Initialize implements admission.PluginInitializer.
func (i pluginInitializer) Initialize(plugin admission.Interface) {
	if wants, ok := plugin.(WantsKruiseClientSet); ok {
		wants.SetKruiseClientSet(i.client)
	}
	if wants, ok := plugin.(WantsKruiseInformerFactory); ok {
		wants.SetKruiseInformerFactory(i.informers)
	}
	if wants, ok := plugin.(WantsKruiseNamespace); ok {
		wants.SetKruiseNamespace(i.namespace)
	}
}
