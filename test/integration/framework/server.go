package framework

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	genericoptions "k8s.io/apiserver/pkg/server/options"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	netutils "k8s.io/utils/net"

	"github.com/kruise-aggregated/kruise/pkg/cmd/server"
)

// Server is a running in-process kruise-apiserver.
type Server struct {
	// Config reaches the server as a privileged loopback client.
	Config *rest.Config
	cancel context.CancelFunc
	done   chan struct{}
}

// StartServer starts kruise-apiserver against etcd with no kube-apiserver: no authentication,
// every request authorized, no admission, no priority and fairness. certDir receives the
// self-signed serving certificate. watchCache selects the watch cache.
func StartServer(etcdEndpoint, certDir string, watchCache bool) (*Server, error) {
	o := server.NewOptions(io.Discard, io.Discard)
	o.RecommendedOptions.Etcd.StorageConfig.Transport.ServerList = []string{etcdEndpoint}
	o.RecommendedOptions.Etcd.EnableWatchCache = watchCache
	ln, _, err := genericoptions.CreateListener("tcp", "127.0.0.1:0", net.ListenConfig{})
	if err != nil {
		return nil, err
	}
	o.RecommendedOptions.SecureServing.Listener = ln
	o.RecommendedOptions.SecureServing.BindAddress = netutils.ParseIPSloppy("127.0.0.1")
	o.RecommendedOptions.SecureServing.ServerCert.CertDirectory = certDir
	o.RecommendedOptions.Authentication = nil
	o.RecommendedOptions.Authorization = nil
	o.RecommendedOptions.CoreAPI = nil
	o.RecommendedOptions.Admission = nil
	o.RecommendedOptions.Features.EnablePriorityAndFairness = false

	cfg, err := o.Config()
	if err != nil {
		return nil, err
	}
	srv, err := cfg.Complete().New()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = srv.GenericAPIServer.PrepareRun().RunWithContext(ctx)
	}()
	s.Config = rest.CopyConfig(srv.GenericAPIServer.LoopbackClientConfig)
	s.Config.QPS = -1 // no client-side throttling
	if err := waitReady(s.Config); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Stop stops the server and waits for it to finish.
func (s *Server) Stop() {
	s.cancel()
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
	}
}

func waitReady(cfg *rest.Config) error {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		result := client.Discovery().RESTClient().Get().AbsPath("/readyz").Do(context.Background())
		var code int
		result.StatusCode(&code)
		if code == 200 {
			return nil
		}
		last = result.Error()
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("server not ready after 60s: %v", last)
}
