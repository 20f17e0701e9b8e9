package e2e

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	kruiseclient "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
)

// clients returns API clients for the cluster under test.
func clients(t *testing.T) (kubernetes.Interface, kruiseclient.Interface) {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	require.NoError(t, err)
	cfg.QPS, cfg.Burst = 100, 200
	kube, err := kubernetes.NewForConfig(cfg)
	require.NoError(t, err)
	kruise, err := kruiseclient.NewForConfig(cfg)
	require.NoError(t, err)
	return kube, kruise
}

// podTracker follows the pods of a namespace through a watch and remembers the worst moments:
// the most pods at once, the most not-ready pods at once, and every pod UID ever seen.
type podTracker struct {
	mu          sync.Mutex
	pods        map[string]*v1.Pod
	uids        map[types.UID]string
	maxPods     int
	maxNotReady int
	// readyFrom: only count not-ready pods once this many pods were ready together (the
	// workload was up); before that, pods are starting.
	armed  bool
	cancel context.CancelFunc
	done   chan struct{}
}

func trackPods(t *testing.T, kube kubernetes.Interface, ns, selector string) *podTracker {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w, err := kube.CoreV1().Pods(ns).Watch(ctx, metav1.ListOptions{LabelSelector: selector})
	require.NoError(t, err)
	pt := &podTracker{pods: map[string]*v1.Pod{}, uids: map[types.UID]string{}, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(pt.done)
		defer w.Stop()
		for ev := range w.ResultChan() {
			pod, ok := ev.Object.(*v1.Pod)
			if !ok {
				continue
			}
			pt.mu.Lock()
			if ev.Type == watch.Deleted {
				delete(pt.pods, pod.Name)
			} else {
				pt.pods[pod.Name] = pod
				pt.uids[pod.UID] = pod.Name
			}
			pt.observe()
			pt.mu.Unlock()
		}
	}()
	t.Cleanup(pt.stop)
	return pt
}

func (pt *podTracker) observe() {
	pt.maxPods = max(pt.maxPods, len(pt.pods))
	if !pt.armed {
		return
	}
	notReady := 0
	for _, p := range pt.pods {
		if !podReady(p) {
			notReady++
		}
	}
	pt.maxNotReady = max(pt.maxNotReady, notReady)
}

// arm starts counting not-ready pods (call it once the workload is fully ready).
func (pt *podTracker) arm() {
	pt.mu.Lock()
	defer pt.mu.Unlock()
	pt.armed = true
	pt.observe()
}

func (pt *podTracker) stop() {
	pt.cancel()
	<-pt.done
}

func (pt *podTracker) stats() (maxPods, maxNotReady, uidsSeen int) {
	pt.mu.Lock()
	defer pt.mu.Unlock()
	return pt.maxPods, pt.maxNotReady, len(pt.uids)
}

func podReady(p *v1.Pod) bool {
	if p.DeletionTimestamp != nil {
		return false
	}
	for _, c := range p.Status.Conditions {
		if c.Type == v1.PodReady {
			return c.Status == v1.ConditionTrue
		}
	}
	return false
}

// eventually polls cond every 200ms for up to timeout.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	require.Eventually(t, cond, timeout, 200*time.Millisecond, what)
}
