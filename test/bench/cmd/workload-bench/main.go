// Command workload-bench measures the workload controllers against their kube-controller-manager
// counterparts on one local cluster (hack/local-up.sh): every scenario runs in the same cluster, in
// one run, and prints a table of timings and ratios. Run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	kruiseclient "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
)

// env is the cluster a scenario runs on.
type env struct {
	Root       string
	Kubeconfig string
	StateDir   string
	Kube       kubernetes.Interface
	Kruise     kruiseclient.Interface
	// RealNode is true when the cluster has the real kubelet node (kwok nodes are then tainted
	// kwok.x-k8s.io/node=fake:NoSchedule, see KwokPlacement).
	RealNode bool
}

// row is one line of a scenario's table.
type row struct {
	Scenario, Measure, Value, Note string
}

type scenario struct {
	name string
	run  func(ctx context.Context, e *env) ([]row, error)
}

// scenarios is filled by the init functions of the scenario files.
var scenarios []scenario

func main() {
	only := flag.String("only", "", "comma-separated scenario names to run (default: all)")
	kubeconfig := flag.String("kubeconfig", "", "use this running cluster instead of starting one")
	nodes := flag.Int("kwok-nodes", 100, "simulated nodes of the cluster the bench starts")
	flag.Parse()
	if err := run(*only, *kubeconfig, *nodes); err != nil {
		fmt.Fprintln(os.Stderr, "workload-bench:", err)
		os.Exit(1)
	}
}

func run(only, kubeconfig string, nodes int) error {
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	e := &env{Root: root}
	if kubeconfig == "" {
		cluster := []string{"KRUISE_CLUSTER=bench", "KRUISE_PORT_BASE=23000", "KRUISE_KWOK_NODES=" + strconv.Itoa(nodes)}
		e.StateDir = filepath.Join(root, "_output", "local-up", "bench")
		up := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "up")
		up.Env = append(os.Environ(), cluster...)
		up.Stderr = os.Stderr
		out, err := up.Output()
		defer func() {
			down := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "down")
			down.Env = append(os.Environ(), cluster...)
			down.Stdout, down.Stderr = os.Stderr, os.Stderr
			_ = down.Run()
		}()
		if err != nil {
			return fmt.Errorf("starting the local cluster: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		kubeconfig = strings.TrimPrefix(lines[len(lines)-1], "export KUBECONFIG=")
	}
	e.Kubeconfig = kubeconfig
	if e.StateDir == "" {
		e.StateDir = filepath.Dir(kubeconfig)
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	cfg.QPS, cfg.Burst = 200, 400
	if e.Kube, err = kubernetes.NewForConfig(cfg); err != nil {
		return err
	}
	if e.Kruise, err = kruiseclient.NewForConfig(cfg); err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := e.Kube.CoreV1().Nodes().Get(ctx, "real-node", getOptions); err == nil {
		e.RealNode = true
	}

	var rows []row
	for _, s := range scenarios {
		if only != "" && !contains(strings.Split(only, ","), s.name) {
			continue
		}
		fmt.Fprintf(os.Stderr, "[workload-bench] %s ...\n", s.name)
		start := time.Now()
		r, err := s.run(ctx, e)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(os.Stderr, "[workload-bench] %s done in %v\n", s.name, time.Since(start).Round(time.Second))
		rows = append(rows, r...)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SCENARIO\tMEASURE\tVALUE\tNOTE")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Scenario, r.Measure, r.Value, r.Note)
	}
	return w.Flush()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}
