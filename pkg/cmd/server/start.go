// Package server holds kruise-apiserver's options and its run command.
package server

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/runtime"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/apiserver/pkg/admission"
	"k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle"
	"k8s.io/apiserver/pkg/endpoints/openapi"
	genericapiserver "k8s.io/apiserver/pkg/server"
	genericoptions "k8s.io/apiserver/pkg/server/options"
	"k8s.io/apiserver/pkg/util/compatibility"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
	netutils "k8s.io/utils/net"

	"github.com/kruise-aggregated/kruise/pkg/admission/clusterrules"
	kruiseadmissioninit "github.com/kruise-aggregated/kruise/pkg/admission/initializer"
	"github.com/kruise-aggregated/kruise/pkg/apiserver"
	"github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
	generatedopenapi "github.com/kruise-aggregated/kruise/pkg/generated/openapi"
)

const defaultEtcdPathPrefix = "/registry"

// Options are kruise-apiserver's command-line options.
type Options struct {
	RecommendedOptions *genericoptions.RecommendedOptions
	// Standalone runs without a kube-apiserver: no delegated authentication or authorization
	// (client certificates of system:masters only), no admission needing cluster reads.
	Standalone   bool
	AlternateDNS []string
	// KruiseNamespace is the namespace of Kruise's components; the admission rules look up the
	// ControllerRevisions of SidecarSets there.
	KruiseNamespace string

	StdOut io.Writer
	StdErr io.Writer

	// kruiseInformers feed the admission plugin with this server's own objects; started by a
	// post-start hook. Nil when admission is off.
	kruiseInformers kruiseinformers.SharedInformerFactory
}

// NewOptions returns the default options.
func NewOptions(out, errOut io.Writer) *Options {
	o := &Options{
		RecommendedOptions: genericoptions.NewRecommendedOptions(defaultEtcdPathPrefix,
			apiserver.Codecs.LegacyCodec(apiserver.Scheme.PrioritizedVersionsAllGroups()...)),
		KruiseNamespace: clusterrules.DefaultKruiseNamespace(),
		StdOut:          out,
		StdErr:          errOut,
	}
	o.RecommendedOptions.Etcd.DefaultStorageMediaType = "application/json"

	// KruiseClusterRules is on by default, after NamespaceLifecycle and before the webhooks.
	adm := o.RecommendedOptions.Admission
	clusterrules.Register(adm.Plugins)
	adm.RecommendedPluginOrder = insertAfter(adm.RecommendedPluginOrder, lifecycle.PluginName, clusterrules.PluginName)
	adm.DefaultOffPlugins.Delete(clusterrules.PluginName)
	o.RecommendedOptions.ExtraAdmissionInitializers = o.admissionInitializers
	return o
}

// insertAfter returns list with name inserted after anchor (first if anchor is absent).
func insertAfter(list []string, anchor, name string) []string {
	out := make([]string, 0, len(list)+1)
	inserted := false
	for _, v := range list {
		out = append(out, v)
		if v == anchor && !inserted {
			out = append(out, name)
			inserted = true
		}
	}
	if !inserted {
		out = append([]string{name}, out...)
	}
	return out
}

// admissionInitializers gives admission plugins a clientset and shared informers for this
// server's own kinds, over the loopback connection. Nothing is created when admission (or the
// kube-apiserver connection it depends on) is off.
func (o *Options) admissionInitializers(c *genericapiserver.RecommendedConfig) ([]admission.PluginInitializer, error) {
	if o.RecommendedOptions.Admission == nil || o.RecommendedOptions.CoreAPI == nil || c.LoopbackClientConfig == nil {
		return nil, nil
	}
	cfg := rest.CopyConfig(c.LoopbackClientConfig)
	cfg.ContentType = runtime.ContentTypeJSON
	cfg.AcceptContentTypes = runtime.ContentTypeJSON
	client, err := versioned.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("creating the loopback Kruise client: %w", err)
	}
	o.kruiseInformers = kruiseinformers.NewSharedInformerFactory(client, 0)
	return []admission.PluginInitializer{kruiseadmissioninit.New(client, o.kruiseInformers, o.KruiseNamespace)}, nil
}

// AddFlags registers every flag.
func (o *Options) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.RecommendedOptions.AddFlags(fs)
	utilfeature.DefaultMutableFeatureGate.AddFlag(fs)
	fs.BoolVar(&o.Standalone, "standalone", o.Standalone,
		"Run without a kube-apiserver: authentication only by client certificate, authorization only for system:masters, no cluster-read admission. For development and tests.")
	fs.StringSliceVar(&o.AlternateDNS, "alternate-dns", o.AlternateDNS, "Extra DNS names for the self-signed serving certificate.")
	fs.StringVar(&o.KruiseNamespace, "kruise-namespace", o.KruiseNamespace,
		"Namespace of Kruise's components, where the ControllerRevisions named by SidecarSets are looked up (default: $POD_NAMESPACE, else kruise-system).")
}

// Complete applies the standalone mode.
func (o *Options) Complete() error {
	if o.Standalone {
		o.RecommendedOptions.Authentication.RemoteKubeConfigFileOptional = true
		o.RecommendedOptions.Authentication.SkipInClusterLookup = true
		o.RecommendedOptions.Authorization.RemoteKubeConfigFileOptional = true
		o.RecommendedOptions.CoreAPI = nil
		o.RecommendedOptions.Admission = nil
		o.RecommendedOptions.Features.EnablePriorityAndFairness = false
	}
	return nil
}

// Validate checks the options.
func (o *Options) Validate() error {
	return utilerrors.NewAggregate(o.RecommendedOptions.Validate())
}

// Config builds the server configuration.
func (o *Options) Config() (*apiserver.Config, error) {
	if err := o.RecommendedOptions.SecureServing.MaybeDefaultWithSelfSignedCerts("localhost", o.AlternateDNS,
		[]net.IP{netutils.ParseIPSloppy("127.0.0.1")}); err != nil {
		return nil, fmt.Errorf("creating self-signed certificates: %w", err)
	}
	rc := genericapiserver.NewRecommendedConfig(apiserver.Codecs)
	rc.EffectiveVersion = compatibility.DefaultBuildEffectiveVersion()
	namer := openapi.NewDefinitionNamer(apiserver.Scheme)
	rc.OpenAPIConfig = genericapiserver.DefaultOpenAPIConfig(generatedopenapi.GetOpenAPIDefinitions, namer)
	rc.OpenAPIConfig.Info.Title = "Kruise"
	rc.OpenAPIConfig.Info.Version = "v1"
	rc.OpenAPIV3Config = genericapiserver.DefaultOpenAPIV3Config(generatedopenapi.GetOpenAPIDefinitions, namer)
	rc.OpenAPIV3Config.Info.Title = "Kruise"
	rc.OpenAPIV3Config.Info.Version = "v1"

	// The etcd options would install one storage codec for every resource; Kruise needs a
	// storage version per resource, so storage is configured separately below.
	etcd := o.RecommendedOptions.Etcd
	o.RecommendedOptions.Etcd = nil
	err := o.RecommendedOptions.ApplyTo(rc)
	o.RecommendedOptions.Etcd = etcd
	if err != nil {
		return nil, err
	}
	if o.RecommendedOptions.CoreAPI == nil || o.RecommendedOptions.Admission == nil {
		klog.InfoS("No kube-apiserver configured: admission rules that read the cluster (owned pods, referenced revisions, overlapping selectors) are skipped")
	}
	if f := o.kruiseInformers; f != nil {
		if err := rc.AddPostStartHook("start-kruise-admission-informers", func(ctx genericapiserver.PostStartHookContext) error {
			f.Start(ctx.Done())
			return nil
		}); err != nil {
			return nil, err
		}
	}
	sf := apiserver.NewStorageFactory(etcd.StorageConfig, etcd.DefaultStorageMediaType)
	if err := etcd.ApplyWithStorageFactoryTo(sf, &rc.Config); err != nil {
		return nil, err
	}
	return &apiserver.Config{GenericConfig: rc}, nil
}

// Run starts the server and blocks until ctx is done.
func (o *Options) Run(ctx context.Context) error {
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	srv, err := cfg.Complete().New()
	if err != nil {
		return err
	}
	return srv.GenericAPIServer.PrepareRun().RunWithContext(ctx)
}

// NewCommand is the kruise-apiserver command.
func NewCommand(ctx context.Context, out, errOut io.Writer) *cobra.Command {
	o := NewOptions(out, errOut)
	cmd := &cobra.Command{
		Use:   "kruise-apiserver",
		Short: "Serves OpenKruise's apps.kruise.io and policy.kruise.io APIs from its own etcd",
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.Complete(); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return o.Run(c.Context())
		},
	}
	cmd.SetContext(ctx)
	o.AddFlags(cmd)
	return cmd
}
