// Package server holds kruise-apiserver's options and its run command.
package server

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/spf13/cobra"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/apiserver/pkg/endpoints/openapi"
	genericapiserver "k8s.io/apiserver/pkg/server"
	genericoptions "k8s.io/apiserver/pkg/server/options"
	"k8s.io/apiserver/pkg/util/compatibility"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/klog/v2"
	netutils "k8s.io/utils/net"

	"github.com/kruise-aggregated/kruise/pkg/apiserver"
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

	StdOut io.Writer
	StdErr io.Writer
}

// NewOptions returns the default options.
func NewOptions(out, errOut io.Writer) *Options {
	o := &Options{
		RecommendedOptions: genericoptions.NewRecommendedOptions(defaultEtcdPathPrefix,
			apiserver.Codecs.LegacyCodec(apiserver.Scheme.PrioritizedVersionsAllGroups()...)),
		StdOut: out,
		StdErr: errOut,
	}
	o.RecommendedOptions.Etcd.DefaultStorageMediaType = "application/json"
	return o
}

// AddFlags registers every flag.
func (o *Options) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.RecommendedOptions.AddFlags(fs)
	utilfeature.DefaultMutableFeatureGate.AddFlag(fs)
	fs.BoolVar(&o.Standalone, "standalone", o.Standalone,
		"Run without a kube-apiserver: authentication only by client certificate, authorization only for system:masters, no cluster-read admission. For development and tests.")
	fs.StringSliceVar(&o.AlternateDNS, "alternate-dns", o.AlternateDNS, "Extra DNS names for the self-signed serving certificate.")
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
