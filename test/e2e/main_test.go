// Package e2e runs end-to-end cases against a local cluster: kube-apiserver with kruise-apiserver
// registered through APIServices, kwok nodes, the real kubectl. It starts the cluster with
// hack/local-up.sh (and removes it afterwards) unless -kubeconfig names a running one.
package e2e

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var (
	kubeconfigFlag = flag.String("kubeconfig", "", "use this running cluster instead of starting one")
	root           = func() string { d, _ := filepath.Abs("../.."); return d }()
	kubectlPath    = filepath.Join(root, "_output", "bin", "kubectl")
	kubeconfig     string
)

const clusterName = "e2e"

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	kubeconfig = *kubeconfigFlag
	if kubeconfig == "" {
		env := append(os.Environ(), "KRUISE_CLUSTER="+clusterName, "KRUISE_PORT_BASE=21000")
		up := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "up")
		up.Env = env
		up.Stderr = os.Stderr
		out, err := up.Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "starting the local cluster: %v\n%s", err, out)
			down(env)
			return 1
		}
		defer down(env)
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "export KUBECONFIG=") {
			fmt.Fprintf(os.Stderr, "local-up's last line is not the KUBECONFIG export: %q\n", last)
			return 1
		}
		kubeconfig = strings.TrimPrefix(last, "export KUBECONFIG=")
	}
	return m.Run()
}

func down(env []string) {
	cmd := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "down")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	_ = cmd.Run()
}

// kubectl runs kubectl against the cluster and returns stdout; stdin may be empty.
func kubectl(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(kubectlPath, append([]string{"--kubeconfig", kubeconfig}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String(), fmt.Errorf("kubectl %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

func mustKubectl(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, err := kubectl(t, stdin, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
