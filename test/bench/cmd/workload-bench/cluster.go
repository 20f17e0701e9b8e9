package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
)

var getOptions = metav1.GetOptions{}

// KwokPlacement makes a pod template land on the simulated nodes only.
func KwokPlacement(spec *v1.PodSpec) {
	spec.NodeSelector = map[string]string{"type": "kwok"}
	spec.Tolerations = append(spec.Tolerations, v1.Toleration{Key: "kwok.x-k8s.io/node", Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule})
}

// RealNodePlacement makes a pod template land on the real kubelet node only.
func RealNodePlacement(spec *v1.PodSpec) {
	spec.NodeSelector = map[string]string{"kubernetes.io/hostname": "real-node"}
}

// Namespace creates a fresh namespace and returns its name and a function deleting it.
func (e *env) Namespace(ctx context.Context, prefix string) (string, func(), error) {
	ns, err := e.Kube.CoreV1().Namespaces().Create(ctx, &v1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: prefix + "-"}}, metav1.CreateOptions{})
	if err != nil {
		return "", nil, err
	}
	return ns.Name, func() { _ = e.Kube.CoreV1().Namespaces().Delete(context.Background(), ns.Name, metav1.DeleteOptions{}) }, nil
}

// WaitFor polls cond every 200ms until it holds or timeout passes, and returns how long it took.
func WaitFor(ctx context.Context, timeout time.Duration, what string, cond func(ctx context.Context) (bool, error)) (time.Duration, error) {
	start := time.Now()
	err := wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, timeout, true, cond)
	if err != nil {
		return 0, fmt.Errorf("waiting for %s: %w", what, err)
	}
	return time.Since(start), nil
}

// ControllerRSS returns the resident memory of the local cluster's kruise-controller, in MiB.
func (e *env) ControllerRSS() (float64, error) {
	pidFile := filepath.Join(e.StateDir, "pids", "kruise-controller")
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		return 0, err
	}
	status, err := os.ReadFile(filepath.Join("/proc", strings.TrimSpace(string(raw)), "status"))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseFloat(f[1], 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in %s", pidFile)
}

// Ratio formats a/b.
func Ratio(a, b time.Duration) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", a.Seconds()/b.Seconds())
}

// Seconds formats a duration as seconds with one decimal.
func Seconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }
