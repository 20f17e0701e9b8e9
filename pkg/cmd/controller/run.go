package controller

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/uuid"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
	"k8s.io/client-go/tools/record"
	cliflag "k8s.io/component-base/cli/flag"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/component-base/metrics/legacyregistry"
	"k8s.io/klog/v2"

	// Register client-go's metrics (REST client, leader election, reflector FIFO) and the
	// workqueue metrics in the legacy registry served on /metrics.
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/workqueue"

	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	kruiseclient "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	kruisescheme "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/scheme"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

const (
	// component is the process's user agent, event source and leader election name.
	component = "kruise-controller"
	// leaderHealthTimeout is how long past its lease the leader may fail to renew before /healthz fails.
	leaderHealthTimeout = 20 * time.Second
	// releaseTimeout bounds how long the Lease is held on shutdown while the controllers stop.
	releaseTimeout = 30 * time.Second
)

// NewCommand is the kruise-controller command.
func NewCommand(ctx context.Context, out, errOut io.Writer) *cobra.Command {
	return newCommand(ctx, NewOptions(out, errOut))
}

func newCommand(ctx context.Context, o *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   component,
		Short: "Runs OpenKruise's workload controllers against the Kruise APIs served by kruise-apiserver",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			// Apply the logging flags first, so that everything after logs as configured.
			if err := logsapi.ValidateAndApply(o.Logs, utilfeature.DefaultFeatureGate); err != nil {
				return err
			}
			cliflag.PrintFlags(c.Flags())
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
	cmd.SetOut(o.StdOut)
	cmd.SetErr(o.StdErr)
	o.AddFlags(cmd)
	return cmd
}

// clients are the API clients of one process. The leader election client has its own rate
// limiter, so that renewing the Lease never waits behind the controllers' requests.
type clients struct {
	kube           kubernetes.Interface
	kruise         kruiseclient.Interface
	leaderElection kubernetes.Interface
}

// restConfig loads --kubeconfig (or the in-cluster configuration) with the QPS, burst and user agent.
func (o *Options) restConfig() (*rest.Config, error) {
	var (
		cfg *rest.Config
		err error
	)
	if o.Kubeconfig == "" {
		if cfg, err = rest.InClusterConfig(); err != nil {
			return nil, fmt.Errorf("no --kubeconfig given and no in-cluster configuration: %w", err)
		}
	} else if cfg, err = clientcmd.BuildConfigFromFlags("", o.Kubeconfig); err != nil {
		return nil, fmt.Errorf("loading --kubeconfig %s: %w", o.Kubeconfig, err)
	}
	cfg.QPS = o.KubeAPIQPS
	cfg.Burst = o.KubeAPIBurst
	cfg.UserAgent = component
	return cfg, nil
}

func newClients(cfg *rest.Config) (*clients, error) {
	// Kubernetes' own kinds travel as protobuf; Kruise's kinds are served as JSON only.
	kubeCfg := rest.CopyConfig(cfg)
	kubeCfg.ContentType = runtime.ContentTypeProtobuf
	kubeCfg.AcceptContentTypes = runtime.ContentTypeProtobuf + "," + runtime.ContentTypeJSON
	kube, err := kubernetes.NewForConfig(kubeCfg)
	if err != nil {
		return nil, fmt.Errorf("creating the Kubernetes client: %w", err)
	}
	leCfg := rest.CopyConfig(kubeCfg)
	leCfg.UserAgent = component + "/leader-election"
	le, err := kubernetes.NewForConfig(leCfg)
	if err != nil {
		return nil, fmt.Errorf("creating the leader election client: %w", err)
	}
	kruiseCfg := rest.CopyConfig(cfg)
	kruiseCfg.ContentType = runtime.ContentTypeJSON
	kruiseCfg.AcceptContentTypes = runtime.ContentTypeJSON
	kruise, err := kruiseclient.NewForConfig(kruiseCfg)
	if err != nil {
		return nil, fmt.Errorf("creating the Kruise client: %w", err)
	}
	return &clients{kube: kube, kruise: kruise, leaderElection: le}, nil
}

// Run builds the clients and the enabled controllers and runs them (as the leader, with leader
// election) until ctx ends. It returns an error if leadership is lost.
func (o *Options) Run(ctx context.Context) error {
	cfg, err := o.restConfig()
	if err != nil {
		return err
	}
	cl, err := newClients(cfg)
	if err != nil {
		return err
	}
	return o.run(ctx, cl, nil)
}

// run is Run with the clients given; listening, if set, learns the health server's address.
func (o *Options) run(ctx context.Context, cl *clients, listening func(net.Addr)) error {
	logger := klog.FromContext(ctx)

	// The broadcaster outlives ctx a little, so that events of controllers shutting down are sent.
	broadcaster := record.NewBroadcaster(record.WithContext(context.WithoutCancel(ctx)))
	defer broadcaster.Shutdown()
	broadcaster.StartStructuredLogging(3)
	broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: cl.kube.CoreV1().Events("")})
	recorders := newRecorders(broadcaster)

	c := &controllercontext.Context{
		KubeClient:      cl.kube,
		KruiseClient:    cl.kruise,
		KubeInformers:   informers.NewSharedInformerFactory(cl.kube, 0),
		KruiseInformers: kruiseinformers.NewSharedInformerFactory(cl.kruise, 0),
		Recorder:        recorders.get,
		Workers:         o.Workers,
		WorkersFor:      o.workersFor(),
	}
	built, err := build(c, o.enabledControllers())
	if err != nil {
		return err
	}
	names := make([]string, 0, len(built))
	for _, b := range built {
		names = append(names, b.name)
	}
	logger.Info("Controllers built", "controllers", names)

	h := &health{leaderElect: o.LeaderElection.LeaderElect}
	if h.leaderElect {
		h.watchdog = leaderelection.NewLeaderHealthzAdaptor(leaderHealthTimeout)
	}
	stopServing, err := serve(ctx, o.BindAddress, h.handler(), listening)
	if err != nil {
		return err
	}
	defer stopServing()

	run := func(ctx context.Context) {
		runControllers(ctx, c, built, func() { h.synced.Store(true) })
	}
	if !h.leaderElect {
		run(ctx)
		return nil
	}
	return o.runLeaderElected(ctx, cl.leaderElection, recorders.get(component), h, run)
}

// builtController is an enabled controller, constructed.
type builtController struct {
	name   string
	runner controllercontext.Runner
}

// build calls each constructor, which registers its informers with the factories in c.
func build(c *controllercontext.Context, enabled []namedController) ([]builtController, error) {
	built := make([]builtController, 0, len(enabled))
	for _, nc := range enabled {
		r, err := nc.new(c)
		if err != nil {
			return nil, fmt.Errorf("building the %s controller: %w", nc.name, err)
		}
		if r == nil {
			return nil, fmt.Errorf("building the %s controller: the constructor returned no controller", nc.name)
		}
		built = append(built, builtController{name: nc.name, runner: r})
	}
	return built, nil
}

// runControllers starts the informer factories, waits for their caches (then calls synced), runs
// every controller in its own goroutine and returns once ctx has ended, the controllers have
// returned and the informers have stopped.
func runControllers(ctx context.Context, c *controllercontext.Context, built []builtController, synced func()) {
	logger := klog.FromContext(ctx)
	c.KubeInformers.StartWithContext(ctx)
	c.KruiseInformers.StartWithContext(ctx)
	// Shutdown waits for the informers' goroutines, which end with ctx.
	defer c.KruiseInformers.Shutdown()
	defer c.KubeInformers.Shutdown()

	logger.Info("Waiting for the informer caches to sync")
	if err := c.KubeInformers.WaitForCacheSyncWithContext(ctx).AsError(); err != nil {
		logger.Info("Stopped before the Kubernetes informer caches synced", "reason", err)
		return
	}
	if err := c.KruiseInformers.WaitForCacheSyncWithContext(ctx).AsError(); err != nil {
		logger.Info("Stopped before the Kruise informer caches synced", "reason", err)
		return
	}
	synced()

	var wg sync.WaitGroup
	for _, b := range built {
		workers := c.WorkersOf(b.name)
		logger.Info("Starting controller", "controller", b.name, "workers", workers)
		wg.Go(func() {
			b.runner.Run(ctx, workers)
			if ctx.Err() == nil {
				logger.Error(nil, "Controller returned before shutdown", "controller", b.name)
			} else {
				logger.Info("Controller stopped", "controller", b.name)
			}
		})
	}
	// Informers a controller requested only in Run (rather than in its constructor) start here;
	// that controller has to wait for their caches itself.
	c.KubeInformers.StartWithContext(ctx)
	c.KruiseInformers.StartWithContext(ctx)

	<-ctx.Done()
	logger.Info("Stopping the controllers")
	wg.Wait()
}

// runLeaderElected runs run while this process holds the Lease. On shutdown (ctx ends) the
// controllers stop first and the Lease is released after, so that another replica takes over at
// once without overlapping with this one. Losing the Lease is an error: the process exits.
func (o *Options) runLeaderElected(ctx context.Context, client kubernetes.Interface, recorder record.EventRecorder, h *health, run func(context.Context)) error {
	logger := klog.FromContext(ctx)
	le := o.LeaderElection
	hostname, err := os.Hostname()
	if err != nil {
		return fmt.Errorf("getting the hostname for the leader election identity: %w", err)
	}
	id := hostname + "_" + string(uuid.NewUUID())
	lock := &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: le.ResourceNamespace, Name: le.ResourceName},
		Client:     client.CoordinationV1(),
		LockConfig: resourcelock.ResourceLockConfig{Identity: id, EventRecorder: recorder},
	}

	electorCtx, stopElector := context.WithCancel(context.WithoutCancel(ctx))
	defer stopElector()
	var (
		mu      sync.Mutex
		leading bool
		stopped = make(chan struct{}) // closed when run returned
	)
	elector, err := leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
		Lock:            lock,
		LeaseDuration:   le.LeaseDuration,
		RenewDeadline:   le.RenewDeadline,
		RetryPeriod:     le.RetryPeriod,
		ReleaseOnCancel: true,
		Name:            component,
		WatchDog:        h.watchdog,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(leaderCtx context.Context) {
				mu.Lock()
				if ctx.Err() != nil { // shutting down: do not start anything
					mu.Unlock()
					return
				}
				leading = true
				mu.Unlock()
				defer close(stopped)
				h.leading.Store(true)
				logger.Info("Became the leader, starting the controllers", "identity", id)
				runCtx, cancel := context.WithCancel(leaderCtx)
				defer cancel()
				defer context.AfterFunc(ctx, cancel)()
				run(runCtx)
			},
			OnStoppedLeading: func() {
				mu.Lock()
				defer mu.Unlock()
				if leading {
					logger.Info("Stopped leading", "identity", id)
				}
			},
			OnNewLeader: func(identity string) {
				if identity != id {
					logger.Info("Another replica is the leader", "leader", identity)
				}
			},
		},
	})
	if err != nil {
		return fmt.Errorf("configuring leader election: %w", err)
	}

	go func() {
		select {
		case <-ctx.Done():
		case <-electorCtx.Done():
			return
		}
		mu.Lock()
		wasLeading := leading
		mu.Unlock()
		if wasLeading {
			select {
			case <-stopped:
			case <-time.After(releaseTimeout):
				logger.Info("The controllers are still stopping; releasing the Lease anyway", "after", releaseTimeout)
			}
		}
		stopElector()
	}()

	logger.Info("Waiting to become the leader", "lease", klog.KRef(le.ResourceNamespace, le.ResourceName), "identity", id)
	elector.Run(electorCtx)
	if ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("lost the leader election Lease %s/%s", le.ResourceNamespace, le.ResourceName)
}

// recorders hands out one event recorder per component, all writing through one broadcaster.
type recorders struct {
	broadcaster record.EventBroadcaster
	scheme      *runtime.Scheme

	mu          sync.Mutex
	byComponent map[string]record.EventRecorder
}

func newRecorders(b record.EventBroadcaster) *recorders {
	// Events may be about Kubernetes and Kruise objects alike.
	s := runtime.NewScheme()
	utilruntime.Must(clientgoscheme.AddToScheme(s))
	utilruntime.Must(kruisescheme.AddToScheme(s))
	return &recorders{broadcaster: b, scheme: s, byComponent: map[string]record.EventRecorder{}}
}

func (r *recorders) get(comp string) record.EventRecorder {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec, ok := r.byComponent[comp]; ok {
		return rec
	}
	rec := r.broadcaster.NewRecorder(r.scheme, corev1.EventSource{Component: comp})
	r.byComponent[comp] = rec
	return rec
}

// health answers /healthz and /readyz.
type health struct {
	leaderElect bool
	leading     atomic.Bool
	synced      atomic.Bool
	// watchdog fails /healthz when this leader has not renewed its Lease in time; nil without
	// leader election.
	watchdog *leaderelection.HealthzAdaptor
}

func (h *health) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", h.healthz)
	mux.HandleFunc("/readyz", h.readyz)
	mux.Handle("/metrics", legacyregistry.Handler())
	return mux
}

func (h *health) healthz(w http.ResponseWriter, r *http.Request) {
	if h.watchdog != nil {
		if err := h.watchdog.Check(r); err != nil {
			http.Error(w, "leader election: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	fmt.Fprintln(w, "ok")
}

// readyz is ready once the informer caches synced, and while waiting for leadership (a replica
// on standby is healthy).
func (h *health) readyz(w http.ResponseWriter, _ *http.Request) {
	switch {
	case h.synced.Load():
		fmt.Fprintln(w, "ok")
	case h.leaderElect && !h.leading.Load():
		fmt.Fprintln(w, "ok: waiting to become the leader")
	default:
		http.Error(w, "informer caches not synced yet", http.StatusServiceUnavailable)
	}
}

// serve serves handler on addr until the returned stop is called.
func serve(ctx context.Context, addr string, handler http.Handler, listening func(net.Addr)) (stop func(), err error) {
	logger := klog.FromContext(ctx)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--bind-address: %w", err)
	}
	logger.Info("Serving /healthz, /readyz and /metrics", "address", ln.Addr().String())
	if listening != nil {
		listening(ln.Addr())
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			logger.Error(err, "The health and metrics server stopped")
		}
	}()
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		<-done
	}, nil
}
