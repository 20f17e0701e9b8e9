package controller

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	kubefake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/utils/ptr"

	appsv1alpha1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	kruisefake "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/fake"
)

// fakeController records how it was built and run.
type fakeController struct {
	mu       sync.Mutex
	workers  int
	started  chan struct{}
	onStop   func()
	stopped  chan struct{}
	podsSeen int
	clones   int
	c        *controllercontext.Context
}

func newFakeController() *fakeController {
	return &fakeController{started: make(chan struct{}), stopped: make(chan struct{})}
}

// constructor registers a Pod and a CloneSet informer, as a real controller would.
func (f *fakeController) constructor(c *controllercontext.Context) (controllercontext.Runner, error) {
	f.c = c
	c.KubeInformers.Core().V1().Pods().Informer()
	c.KruiseInformers.Apps().V1alpha1().CloneSets().Informer()
	return f, nil
}

func (f *fakeController) Run(ctx context.Context, workers int) {
	pods, _ := f.c.KubeInformers.Core().V1().Pods().Lister().List(labels.Everything())
	clones, _ := f.c.KruiseInformers.Apps().V1alpha1().CloneSets().Lister().List(labels.Everything())
	f.mu.Lock()
	f.workers, f.podsSeen, f.clones = workers, len(pods), len(clones)
	f.mu.Unlock()
	close(f.started)
	<-ctx.Done()
	if f.onStop != nil {
		f.onStop()
	}
	close(f.stopped)
}

func testOptions(t *testing.T, known []namedController, args ...string) *Options {
	t.Helper()
	o := newOptions(io.Discard, io.Discard, known)
	require.NoError(t, newCommand(context.Background(), o).ParseFlags(append([]string{"--bind-address=127.0.0.1:0"}, args...)))
	require.NoError(t, o.Validate())
	return o
}

// start runs o.run in the background and returns the health server's base URL and the run's result.
func start(t *testing.T, ctx context.Context, o *Options, cl *clients) (string, <-chan error) {
	t.Helper()
	addr := make(chan net.Addr, 1)
	result := make(chan error, 1)
	go func() { result <- o.run(ctx, cl, func(a net.Addr) { addr <- a }) }()
	select {
	case a := <-addr:
		return "http://" + a.String(), result
	case err := <-result:
		t.Fatalf("run returned before serving: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the health server did not start")
	}
	return "", nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

func waitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func waitResult(t *testing.T, result <-chan error) error {
	t.Helper()
	select {
	case err := <-result:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("run did not return after its context ended")
		return nil
	}
}

func TestRunWithoutLeaderElection(t *testing.T) {
	clone := newFakeController()
	off := newFakeController()
	o := testOptions(t, []namedController{{"cloneset", clone.constructor}, {"daemonset", off.constructor}},
		"--leader-elect=false", "--workers=2", "--cloneset-workers=7", "--controllers=*,-daemonset")
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "p"}}
	cs := &appsv1alpha1.CloneSet{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "c"}}
	cl := &clients{kube: kubefake.NewClientset(pod), kruise: kruisefake.NewClientset(cs)}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, result := start(t, ctx, o, cl)
	waitClosed(t, clone.started, "the cloneset controller to run")

	clone.mu.Lock()
	assert.Equal(t, 7, clone.workers, "--cloneset-workers")
	assert.Equal(t, 1, clone.podsSeen, "controllers run after the Pod cache synced")
	assert.Equal(t, 1, clone.clones, "controllers run after the CloneSet cache synced")
	clone.mu.Unlock()
	assert.Nil(t, off.c, "a disabled controller is not even built")
	assert.Same(t, clone.c.Recorder("cloneset-controller"), clone.c.Recorder("cloneset-controller"))

	code, body := get(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code, body)
	code, _ = get(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, code)
	// The workqueues the controllers create report on /metrics.
	q := workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
		workqueue.TypedRateLimitingQueueConfig[string]{Name: "metrics-test"})
	defer q.ShutDown()
	q.Add("key")
	code, body = get(t, base+"/metrics")
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, strings.Contains(body, `workqueue_adds_total{name="metrics-test"} `), "workqueue metrics on /metrics")

	cancel()
	require.NoError(t, waitResult(t, result))
	waitClosed(t, clone.stopped, "the cloneset controller to stop")
	_, err := http.Get(base + "/healthz")
	assert.Error(t, err, "the health server stops with the process")
}

func TestRunReportsConstructorErrors(t *testing.T) {
	o := testOptions(t, []namedController{{"cloneset", func(*controllercontext.Context) (controllercontext.Runner, error) {
		return nil, errors.New("boom")
	}}}, "--leader-elect=false")
	cl := &clients{kube: kubefake.NewClientset(), kruise: kruisefake.NewClientset()}
	err := o.run(context.Background(), cl, nil)
	require.Error(t, err)
	assert.Equal(t, "building the cloneset controller: boom", err.Error())
}

func TestRunWithoutControllers(t *testing.T) {
	o := testOptions(t, nil, "--leader-elect=false")
	cl := &clients{kube: kubefake.NewClientset(), kruise: kruisefake.NewClientset()}
	ctx, cancel := context.WithCancel(context.Background())
	base, result := start(t, ctx, o, cl)
	require.Eventually(t, func() bool { code, _ := get(t, base+"/readyz"); return code == http.StatusOK }, 10*time.Second, 20*time.Millisecond)
	cancel()
	require.NoError(t, waitResult(t, result))
}

func holder(t *testing.T, cl *clients) string {
	t.Helper()
	lease, err := cl.leaderElection.CoordinationV1().Leases("kruise-system").Get(context.Background(), "kruise-controller", metav1.GetOptions{})
	require.NoError(t, err)
	if lease.Spec.HolderIdentity == nil {
		return ""
	}
	return *lease.Spec.HolderIdentity
}

func TestLeaderElectionRunsControllersAndReleasesTheLeaseAfterThem(t *testing.T) {
	clone := newFakeController()
	o := testOptions(t, []namedController{{"cloneset", clone.constructor}},
		"--leader-elect-lease-duration=3s", "--leader-elect-renew-deadline=2s", "--leader-elect-retry-period=100ms")
	kube := kubefake.NewClientset()
	cl := &clients{kube: kube, kruise: kruisefake.NewClientset(), leaderElection: kube}
	var holderAtStop string
	clone.onStop = func() { holderAtStop = holder(t, cl) }

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, result := start(t, ctx, o, cl)
	waitClosed(t, clone.started, "the controller to run as the leader")

	hostname, err := os.Hostname()
	require.NoError(t, err)
	id := holder(t, cl)
	assert.True(t, strings.HasPrefix(id, hostname+"_"), "identity %q is hostname_uuid", id)
	assert.Greater(t, len(id), len(hostname)+30)
	code, body := get(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code, body)
	code, _ = get(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, code)
	_, body = get(t, base+"/metrics")
	assert.True(t, strings.Contains(body, `leader_election_master_status{name="kruise-controller"} 1`), "leader election metrics on /metrics")

	cancel()
	require.NoError(t, waitResult(t, result))
	waitClosed(t, clone.stopped, "the controller to stop")
	assert.Equal(t, id, holderAtStop, "the Lease is held until the controllers stopped")
	assert.Equal(t, "", holder(t, cl), "the Lease is released on shutdown")
}

func TestStandbyReplicaIsReadyAndRunsNothing(t *testing.T) {
	clone := newFakeController()
	o := testOptions(t, []namedController{{"cloneset", clone.constructor}},
		"--leader-elect-lease-duration=3s", "--leader-elect-renew-deadline=2s", "--leader-elect-retry-period=100ms")
	other := "other-replica"
	now := metav1.NewMicroTime(time.Now())
	kube := kubefake.NewClientset(&coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Namespace: "kruise-system", Name: "kruise-controller"},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity: &other, LeaseDurationSeconds: ptr.To[int32](3600), AcquireTime: &now, RenewTime: &now,
		},
	})
	cl := &clients{kube: kube, kruise: kruisefake.NewClientset(), leaderElection: kube}

	ctx, cancel := context.WithCancel(context.Background())
	base, result := start(t, ctx, o, cl)
	code, body := get(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, "waiting to become the leader")
	time.Sleep(300 * time.Millisecond) // a few retry periods
	select {
	case <-clone.started:
		t.Fatal("a replica that is not the leader ran a controller")
	default:
	}
	assert.Equal(t, other, holder(t, cl))
	cancel()
	require.NoError(t, waitResult(t, result))
	assert.Equal(t, other, holder(t, cl), "a standby does not touch the leader's Lease")
}

func TestReadyz(t *testing.T) {
	for _, tc := range []struct {
		name                         string
		leaderElect, leading, synced bool
		want                         int
	}{
		{"standby replica", true, false, false, http.StatusOK},
		{"leader, caches syncing", true, true, false, http.StatusServiceUnavailable},
		{"leader, caches synced", true, true, true, http.StatusOK},
		{"no leader election, caches syncing", false, false, false, http.StatusServiceUnavailable},
		{"no leader election, caches synced", false, false, true, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &health{leaderElect: tc.leaderElect}
			h.leading.Store(tc.leading)
			h.synced.Store(tc.synced)
			rec := httptest.NewRecorder()
			h.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			assert.Equal(t, tc.want, rec.Code, rec.Body.String())
		})
	}
}
