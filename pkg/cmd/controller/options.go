// Package controller holds kruise-controller's options and its run command: API clients, shared
// informers, an event recorder, leader election, and a health and metrics endpoint around the
// controllers listed in knownControllers.
package controller

import (
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/component-base/logs"
	logsapi "k8s.io/component-base/logs/api/v1"

	// Kruise's feature gates are settable with --feature-gates.
	_ "github.com/kruise-aggregated/kruise/pkg/features"
)

func init() {
	// --logging-format and friends are checked against the same gates as --feature-gates sets.
	utilruntime.Must(logsapi.AddFeatureGates(utilfeature.DefaultMutableFeatureGate))
}

// LeaderElectionOptions configure the Lease (coordination.k8s.io) that lets one replica run the
// controllers while the others wait.
type LeaderElectionOptions struct {
	LeaderElect       bool
	ResourceNamespace string
	ResourceName      string
	LeaseDuration     time.Duration
	RenewDeadline     time.Duration
	RetryPeriod       time.Duration
}

// Options are kruise-controller's command-line options.
type Options struct {
	// Kubeconfig is the kubeconfig file; empty means the in-cluster configuration.
	Kubeconfig   string
	KubeAPIQPS   float32
	KubeAPIBurst int

	// Workers is the default number of workers per controller.
	Workers int
	// ControllerWorkers holds --<name>-workers for each known controller; 0 means Workers.
	ControllerWorkers map[string]*int
	// Controllers selects the controllers to run: "*" all, "name" one, "-name" not that one.
	Controllers []string

	LeaderElection LeaderElectionOptions

	// BindAddress is where /healthz, /readyz and /metrics are served (host:port).
	BindAddress string

	Logs *logs.Options

	StdOut io.Writer
	StdErr io.Writer

	known []namedController
}

// NewOptions returns the default options for the controllers in knownControllers.
func NewOptions(out, errOut io.Writer) *Options {
	return newOptions(out, errOut, knownControllers)
}

var controllerName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func newOptions(out, errOut io.Writer, known []namedController) *Options {
	o := &Options{
		KubeAPIQPS:        50,
		KubeAPIBurst:      100,
		Workers:           3,
		ControllerWorkers: map[string]*int{},
		Controllers:       []string{"*"},
		LeaderElection: LeaderElectionOptions{
			LeaderElect:       true,
			ResourceNamespace: "kruise-system",
			ResourceName:      "kruise-controller",
			LeaseDuration:     15 * time.Second,
			RenewDeadline:     10 * time.Second,
			RetryPeriod:       2 * time.Second,
		},
		BindAddress: ":8080",
		Logs:        logs.NewOptions(),
		StdOut:      out,
		StdErr:      errOut,
		known:       known,
	}
	for _, c := range known {
		if !controllerName.MatchString(c.name) {
			panic(fmt.Sprintf("controller name %q is not lower-case words joined by hyphens", c.name))
		}
		if _, dup := o.ControllerWorkers[c.name]; dup {
			panic(fmt.Sprintf("controller %q is listed twice", c.name))
		}
		o.ControllerWorkers[c.name] = new(int)
	}
	return o
}

// names returns the known controller names in order.
func (o *Options) names() []string {
	names := make([]string, 0, len(o.known))
	for _, c := range o.known {
		names = append(names, c.name)
	}
	return names
}

// AddFlags registers every flag.
func (o *Options) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&o.Kubeconfig, "kubeconfig", o.Kubeconfig,
		"Path to a kubeconfig file for the kube-apiserver (which also serves the Kruise APIs through its aggregation layer). Empty: the in-cluster configuration.")
	fs.Float32Var(&o.KubeAPIQPS, "kube-api-qps", o.KubeAPIQPS, "Queries per second to the kube-apiserver, for each of the Kubernetes and Kruise clients.")
	fs.IntVar(&o.KubeAPIBurst, "kube-api-burst", o.KubeAPIBurst, "Burst of queries to the kube-apiserver, for each of the Kubernetes and Kruise clients.")

	fs.IntVar(&o.Workers, "workers", o.Workers, "Default number of workers (objects reconciled concurrently) of each controller.")
	for _, name := range o.names() {
		fs.IntVar(o.ControllerWorkers[name], name+"-workers", *o.ControllerWorkers[name],
			fmt.Sprintf("Number of workers of the %s controller (0: --workers).", name))
	}
	known := "none yet"
	if names := o.names(); len(names) > 0 {
		known = strings.Join(names, ", ")
	}
	fs.StringSliceVar(&o.Controllers, "controllers", o.Controllers, fmt.Sprintf(
		"Controllers to run. '*' runs all, 'foo' runs the controller named foo, '-foo' does not run it; the first entry naming a controller decides. Known controllers: %s.", known))

	le := &o.LeaderElection
	fs.BoolVar(&le.LeaderElect, "leader-elect", le.LeaderElect,
		"Run the controllers only while holding a Lease, so that one of several replicas is active at a time.")
	fs.StringVar(&le.ResourceNamespace, "leader-elect-resource-namespace", le.ResourceNamespace, "Namespace of the leader election Lease.")
	fs.StringVar(&le.ResourceName, "leader-elect-resource-name", le.ResourceName, "Name of the leader election Lease.")
	fs.DurationVar(&le.LeaseDuration, "leader-elect-lease-duration", le.LeaseDuration,
		"How long a replica that is not the leader waits after the last renewal before taking the Lease over.")
	fs.DurationVar(&le.RenewDeadline, "leader-elect-renew-deadline", le.RenewDeadline,
		"How long the leader keeps retrying to renew the Lease before giving it up (and exiting); less than the lease duration.")
	fs.DurationVar(&le.RetryPeriod, "leader-elect-retry-period", le.RetryPeriod, "Interval between attempts to acquire or renew the Lease.")

	fs.StringVar(&o.BindAddress, "bind-address", o.BindAddress, "host:port serving /healthz, /readyz and /metrics over HTTP (port 0: any free port).")
	utilfeature.DefaultMutableFeatureGate.AddFlag(fs)
	logsapi.AddFlags(o.Logs, fs)
}

// Complete fills defaults that depend on other options. There are none at the moment.
func (o *Options) Complete() error {
	return nil
}

// Validate checks the options.
func (o *Options) Validate() error {
	var errs []error
	if o.KubeAPIQPS < 0 {
		errs = append(errs, fmt.Errorf("--kube-api-qps must not be negative, got %v", o.KubeAPIQPS))
	}
	if o.KubeAPIBurst < 0 {
		errs = append(errs, fmt.Errorf("--kube-api-burst must not be negative, got %d", o.KubeAPIBurst))
	}
	if o.Workers < 1 {
		errs = append(errs, fmt.Errorf("--workers must be at least 1, got %d", o.Workers))
	}
	for _, name := range o.names() {
		if n := *o.ControllerWorkers[name]; n < 0 {
			errs = append(errs, fmt.Errorf("--%s-workers must not be negative, got %d", name, n))
		}
	}
	for _, c := range o.Controllers {
		if c == "*" {
			continue
		}
		if !slices.Contains(o.names(), strings.TrimPrefix(c, "-")) {
			known := "there are none yet"
			if len(o.known) > 0 {
				known = "known: " + strings.Join(o.names(), ", ")
			}
			errs = append(errs, fmt.Errorf("--controllers: unknown controller %q (%s)", c, known))
		}
	}
	if le := o.LeaderElection; le.LeaderElect {
		if le.ResourceNamespace == "" || le.ResourceName == "" {
			errs = append(errs, errors.New("--leader-elect-resource-namespace and --leader-elect-resource-name must not be empty"))
		}
		switch {
		case le.RetryPeriod <= 0:
			errs = append(errs, fmt.Errorf("--leader-elect-retry-period must be positive, got %v", le.RetryPeriod))
		case le.RenewDeadline <= time.Duration(leaderelection.JitterFactor*float64(le.RetryPeriod)):
			errs = append(errs, fmt.Errorf("--leader-elect-renew-deadline (%v) must be greater than %v times --leader-elect-retry-period (%v)",
				le.RenewDeadline, leaderelection.JitterFactor, le.RetryPeriod))
		case le.LeaseDuration <= le.RenewDeadline:
			errs = append(errs, fmt.Errorf("--leader-elect-lease-duration (%v) must be greater than --leader-elect-renew-deadline (%v)",
				le.LeaseDuration, le.RenewDeadline))
		}
	}
	if _, port, err := net.SplitHostPort(o.BindAddress); err != nil {
		errs = append(errs, fmt.Errorf("--bind-address %q: %w", o.BindAddress, err))
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs = append(errs, fmt.Errorf("--bind-address %q: the port must be a number from 0 to 65535", o.BindAddress))
	}
	if err := logsapi.Validate(o.Logs, utilfeature.DefaultFeatureGate, nil).ToAggregate(); err != nil {
		errs = append(errs, err)
	}
	return utilerrors.NewAggregate(errs)
}

// enabled reports whether --controllers selects the named controller: the first entry naming it
// ("name" or "-name") decides, otherwise "*" enables it.
func (o *Options) enabled(name string) bool {
	star := false
	for _, c := range o.Controllers {
		switch c {
		case name:
			return true
		case "-" + name:
			return false
		case "*":
			star = true
		}
	}
	return star
}

// enabledControllers returns the selected controllers in knownControllers order.
func (o *Options) enabledControllers() []namedController {
	var out []namedController
	for _, c := range o.known {
		if o.enabled(c.name) {
			out = append(out, c)
		}
	}
	return out
}

// workersFor returns the per-controller worker counts that were set (--<name>-workers > 0).
func (o *Options) workersFor() map[string]int {
	m := map[string]int{}
	for name, n := range o.ControllerWorkers {
		if n != nil && *n > 0 {
			m[name] = *n
		}
	}
	return m
}
