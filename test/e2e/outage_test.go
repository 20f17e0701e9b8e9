package e2e

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// localUpEnv recovers the local-up cluster name and port base from the kubeconfig it wrote
// (_output/local-up/<name>/kubeconfig, server https://127.0.0.1:<base+443>).
func localUpEnv(t *testing.T) (stateDir string, env []string) {
	t.Helper()
	stateDir = filepath.Dir(kubeconfig)
	server := mustKubectl(t, "", "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")
	u, err := url.Parse(server)
	require.NoError(t, err)
	port, err := strconv.Atoi(u.Port())
	require.NoError(t, err)
	env = append(os.Environ(), "KRUISE_CLUSTER="+filepath.Base(stateDir), fmt.Sprintf("KRUISE_PORT_BASE=%d", port-443))
	// Restart exactly what runs: a cluster started without the real node must not gain one (as root,
	// local-up adds it unless told otherwise, and only one real kubelet may run on a machine).
	if _, err := kubectl(t, "", "get", "node", "real-node"); err != nil {
		env = append(env, "KRUISE_REAL_NODE=0")
	}
	return stateDir, env
}

// killController SIGKILLs the cluster's kruise-controller, waits until it is gone, and returns the
// environment that restarts it with restartLocalUp.
func killController(t *testing.T) []string {
	t.Helper()
	stateDir, env := localUpEnv(t)
	raw, err := os.ReadFile(filepath.Join(stateDir, "pids", "kruise-controller"))
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
	require.Eventually(t, func() bool { return !running(pid) }, 10*time.Second, 100*time.Millisecond, "the controller is gone")
	return env
}

// restartLocalUp runs hack/local-up.sh up again, which starts whatever component is not running.
func restartLocalUp(t *testing.T, env []string) {
	t.Helper()
	up := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "up")
	up.Env = env
	out, err := up.CombinedOutput()
	require.NoError(t, err, "%s", out)
}

func apiServiceAvailable(t *testing.T) string {
	out, _ := kubectl(t, "", "get", "apiservice", "v1beta1.apps.kruise.io", "-o", `jsonpath={.status.conditions[?(@.type=="Available")].status}`)
	return out
}

// TestAPIServiceOutageAndRecovery stops kruise-apiserver: its APIServices turn Unavailable while the
// rest of the cluster keeps serving, and after a restart they are Available again with no data lost.
func TestAPIServiceOutageAndRecovery(t *testing.T) {
	stateDir, env := localUpEnv(t)
	pidFile := filepath.Join(stateDir, "pids", "kruise-apiserver")
	if _, err := os.Stat(pidFile); err != nil {
		t.Fatalf("this cluster was not started by hack/local-up.sh (no %s)", pidFile)
	}
	ns := namespace(t, "outage")
	mustKubectl(t, seedCloneSet, "-n", ns, "create", "-f", "-")
	uid := mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.metadata.uid}")

	data, err := os.ReadFile(pidFile)
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	stopped := time.Now()
	require.NoError(t, syscall.Kill(pid, syscall.SIGTERM))
	// A graceful shutdown drains in-flight requests; give it a minute, as a kubelet would give a pod,
	// then kill it, so that the restart below finds no process behind the PID file.
	deadline := time.Now().Add(60 * time.Second)
	for running(pid) && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
	}
	if running(pid) {
		t.Logf("kruise-apiserver still running 60s after SIGTERM; killing it")
		_ = syscall.Kill(pid, syscall.SIGKILL)
	} else {
		t.Logf("kruise-apiserver exited %v after SIGTERM", time.Since(stopped).Round(time.Millisecond))
	}
	restarted := false
	restart := func() {
		if restarted {
			return
		}
		restarted = true
		up := exec.Command(filepath.Join(root, "hack", "local-up.sh"), "up")
		up.Env = env
		out, err := up.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	t.Cleanup(restart) // never leave the cluster without kruise-apiserver

	require.Eventually(t, func() bool { return apiServiceAvailable(t) == "False" }, 90*time.Second, time.Second,
		"the APIService reports Unavailable once kruise-apiserver is gone")
	_, err = kubectl(t, "", "get", "--raw", "/apis/apps/v1")
	assert.NoError(t, err, "discovery of other groups keeps working")
	_, err = kubectl(t, "", "get", "deployments", "-A")
	assert.NoError(t, err, "other APIs keep working")

	t.Logf("APIService Unavailable %v after SIGTERM", time.Since(stopped).Round(time.Second))
	restart()
	require.Eventually(t, func() bool { return apiServiceAvailable(t) == "True" }, 90*time.Second, time.Second,
		"the APIService recovers when kruise-apiserver is back")
	require.Eventually(t, func() bool {
		got, err := kubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.metadata.uid}")
		return err == nil && got == uid
	}, 60*time.Second, time.Second, "the CloneSet written before the outage is still there, same UID")
}

// running reports whether pid is a live process. An exited orphan stays a zombie until its new
// parent reaps it, so the state in /proc is checked rather than kill(pid, 0).
func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the parenthesised command name, which may itself contain spaces.
	rest := stat[strings.LastIndexByte(string(stat), ')')+1:]
	fields := strings.Fields(string(rest))
	return len(fields) > 0 && fields[0] != "Z"
}
