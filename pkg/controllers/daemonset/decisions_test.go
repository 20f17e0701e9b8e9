package daemonset

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

var (
	now     = time.Unix(10000, 0)
	current = revisionOf{hash: "new"}
)

// dpod is a daemon pod on node at revision hash ("new" or "old"); ready says whether it is Ready.
func dpod(nodeName, hash string, ready bool, age int) *v1.Pod {
	p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{
		Name:              fmt.Sprintf("%s-%s-%d", nodeName, hash, age),
		Labels:            map[string]string{apps.ControllerRevisionHashLabelKey: hash},
		CreationTimestamp: metav1.NewTime(now.Add(-time.Duration(age) * time.Minute)),
	}}
	p.Spec.NodeName = nodeName
	p.Status.Phase = v1.PodRunning
	status := v1.ConditionFalse
	if ready {
		status = v1.ConditionTrue
	}
	p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: status, LastTransitionTime: metav1.NewTime(now.Add(-time.Hour))}}
	return p
}

func podNames(pods []*v1.Pod) []string {
	var out []string
	for _, p := range pods {
		out = append(out, p.Name)
	}
	return out
}

func availableNow(p *v1.Pod) bool { return isDaemonPodAvailable(p, 0, now) }

func TestPlanNodeCreatesPrunesAndReplacesSurgedPods(t *testing.T) {
	runs := eligibility{ShouldRun: true, ShouldContinueRunning: true}
	failed := dpod("n", "new", false, 1)
	failed.Status.Phase = v1.PodFailed
	preDeleting := dpod("n", "old", true, 2)
	preDeleting.Labels[pub.LifecycleStateKey] = string(pub.LifecycleStatePreparingDelete)
	terminating := dpod("n", "old", true, 3)
	terminating.DeletionTimestamp = ptr.To(metav1.NewTime(now))
	cases := []struct {
		name       string
		elig       eligibility
		pods       []*v1.Pod
		surge      bool
		wantCreate bool
		wantDelete []string
		wantFailed []string
	}{
		{"an eligible node without a pod gets one", runs, nil, false, true, nil, nil},
		{"an ineligible node without a pod gets none", eligibility{}, nil, false, false, nil, nil},
		{"an ineligible node loses its pods", eligibility{}, []*v1.Pod{dpod("n", "new", true, 1), terminating}, false, false, []string{"n-new-1"}, nil},
		{"a NoSchedule-tainted node keeps its pod", eligibility{ShouldContinueRunning: true}, []*v1.Pod{dpod("n", "new", true, 1)}, false, false, nil, nil},
		{"extra pods go, the oldest stays", runs, []*v1.Pod{dpod("n", "new", true, 1), dpod("n", "new", true, 5)}, false, false, []string{"n-new-1"}, nil},
		{"a failed pod goes through back-off", runs, []*v1.Pod{failed}, false, false, nil, []string{failed.Name}},
		{"a pre-deleting pod goes", runs, []*v1.Pod{preDeleting}, false, false, []string{preDeleting.Name}, nil},
		{"only a terminating pod: wait without surge", runs, []*v1.Pod{terminating}, false, false, nil, nil},
		{"only a terminating pod: create with surge", runs, []*v1.Pod{terminating}, true, true, nil, nil},
		{"surge: the old pod stays until the new one is available", runs, []*v1.Pod{dpod("n", "old", true, 5), dpod("n", "new", false, 1)}, true, false, nil, nil},
		{"surge: the old pod goes once the new one is available", runs, []*v1.Pod{dpod("n", "old", true, 5), dpod("n", "new", true, 1)}, true, false, []string{"n-old-5"}, nil},
		{"surge: a not ready old pod goes at once", runs, []*v1.Pod{dpod("n", "old", false, 5), dpod("n", "new", false, 1)}, true, false, []string{"n-old-5"}, nil},
		{"surge: a third pod goes", runs, []*v1.Pod{dpod("n", "old", true, 5), dpod("n", "new", false, 2), dpod("n", "new", false, 1)}, true, false, []string{"n-new-1"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := planNode(c.elig, c.pods, current, c.surge, 0, now)
			assert.Equal(t, c.wantCreate, plan.Create)
			assert.Equal(t, c.wantDelete, podNames(plan.Delete))
			assert.Equal(t, c.wantFailed, podNames(plan.Failed))
		})
	}
}

func TestLimitCreationsHoldsBackNewNodesOnlyWithPartitionedScaling(t *testing.T) {
	cases := []struct {
		name                       string
		nodes                      []string
		updated, desired, partiton int
		partitioned                bool
		want                       []string
	}{
		{"without partitioned scaling every node gets a pod", []string{"c", "a"}, 0, 5, 3, false, []string{"a", "c"}},
		{"room for desired-updated-partition", []string{"e", "d", "c"}, 1, 5, 2, true, []string{"c", "d"}},
		{"no room", []string{"e"}, 2, 5, 3, true, []string{}},
		{"partition above desired counts as desired", []string{"a"}, 0, 2, 9, true, []string{}},
		{"partition zero creates all", []string{"b", "a"}, 0, 2, 0, true, []string{"a", "b"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, limitCreations(c.nodes, c.updated, c.desired, c.partiton, c.partitioned))
		})
	}
}

func TestUpdateLimitsScaleWithDesiredNodes(t *testing.T) {
	pct := func(s string) *intstr.IntOrString { v := intstr.FromString(s); return &v }
	num := func(i int32) *intstr.IntOrString { v := intstr.FromInt32(i); return &v }
	cases := []struct {
		name                   string
		ru                     *v1beta1.RollingUpdateDaemonSet
		desired                int
		wantSurge, wantUnavail int
	}{
		{"10% of 100", &v1beta1.RollingUpdateDaemonSet{MaxUnavailable: pct("10%")}, 100, 0, 10},
		{"percent rounds up", &v1beta1.RollingUpdateDaemonSet{MaxUnavailable: pct("10%")}, 7, 0, 1},
		{"surge", &v1beta1.RollingUpdateDaemonSet{MaxSurge: pct("50%"), MaxUnavailable: num(0)}, 5, 3, 0},
		{"neither allowed means one unavailable", &v1beta1.RollingUpdateDaemonSet{MaxSurge: num(0), MaxUnavailable: num(0)}, 5, 0, 1},
		{"no nodes", &v1beta1.RollingUpdateDaemonSet{}, 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, u := updateLimits(c.ru, c.desired)
			assert.Equal(t, c.wantSurge, s)
			assert.Equal(t, c.wantUnavail, u)
		})
	}
}

// fleet is a node → pods map with nodes n0..n(k-1), each running one pod at the given revision.
func fleet(hashes ...string) map[string][]*v1.Pod {
	out := map[string][]*v1.Pod{}
	for i, h := range hashes {
		name := fmt.Sprintf("n%d", i)
		if h == "" {
			out[name] = nil
			continue
		}
		out[name] = []*v1.Pod{dpod(name, h, true, 1)}
	}
	return out
}

func TestNodesToUpdateKeepsThePartitionAndFollowsTheSelector(t *testing.T) {
	zoneA := map[string]bool{"n0": true, "n3": true}
	cases := []struct {
		name      string
		pods      map[string][]*v1.Pod
		partition int
		selected  func(string) bool
		want      []string
	}{
		{"all nodes, highest name first", fleet("old", "old", "old"), 0, nil, []string{"n2", "n1", "n0"}},
		{"partition keeps the last nodes old", fleet("old", "old", "old", "old"), 3, nil, []string{"n3"}},
		{"updated nodes count towards the partition first", fleet("old", "new", "old", "old"), 2, nil, []string{"n1", "n3"}},
		{"partition of all nodes updates nothing", fleet("old", "old"), 2, nil, nil},
		{"nodes waiting for a pod come before old ones", fleet("old", "", "old"), 1, nil, []string{"n1", "n2"}},
		{"the selector limits old nodes", fleet("old", "new", "old", "old"), 0, func(n string) bool { return zoneA[n] }, []string{"n1", "n3", "n0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, nodesToUpdate(c.pods, current, c.partition, c.selected))
		})
	}
}

func TestPlanUnavailableUpdateStaysWithinMaxUnavailable(t *testing.T) {
	notReadyNew := fleet("old", "old", "old", "new")
	notReadyNew["n3"][0] = dpod("n3", "new", false, 1)
	notReadyOld := fleet("old", "old", "old")
	notReadyOld["n0"][0] = dpod("n0", "old", false, 1)
	cases := []struct {
		name           string
		pods           map[string][]*v1.Pod
		maxUnavailable int
		want           []string
	}{
		{"up to maxUnavailable available old pods", fleet("old", "old", "old", "old"), 2, []string{"n3-old-1", "n2-old-1"}},
		{"an unavailable new pod uses the budget", notReadyNew, 2, []string{"n2-old-1"}},
		{"a missing pod uses the budget", fleet("old", "old", ""), 1, nil},
		{"an unavailable old pod is replaced whatever the budget", notReadyOld, 1, []string{"n0-old-1", "n2-old-1"}},
		{"done", fleet("new", "new"), 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nodes := nodesToUpdate(c.pods, current, 0, nil)
			assert.Equal(t, c.want, podNames(planUnavailableUpdate(nodes, c.pods, current, c.maxUnavailable, availableNow)))
		})
	}
}

func TestPlanSurgeUpdateStartsNewPodsBeforeOldOnesGo(t *testing.T) {
	surged := fleet("old", "old", "old")
	surged["n2"] = append(surged["n2"], dpod("n2", "new", false, 0))
	ready := fleet("old", "old", "old")
	ready["n2"] = append(ready["n2"], dpod("n2", "new", true, 0))
	cases := []struct {
		name       string
		pods       map[string][]*v1.Pod
		maxSurge   int
		wantDelete []string
		wantCreate []string
	}{
		{"up to maxSurge new pods", fleet("old", "old", "old"), 2, nil, []string{"n2", "n1"}},
		{"a new pod not yet available uses the budget", surged, 1, nil, nil},
		{"an available new pod lets the old one go and frees the budget", ready, 1, []string{"n2-old-1"}, []string{"n1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nodes := nodesToUpdate(c.pods, current, 0, nil)
			del, create := planSurgeUpdate(nodes, c.pods, current, c.maxSurge, availableNow)
			assert.Equal(t, c.wantDelete, podNames(del))
			assert.Equal(t, c.wantCreate, create)
		})
	}
}

func TestAvailabilityWaitsForInPlaceUpdateAndMinReadySeconds(t *testing.T) {
	p := dpod("n", "new", true, 1)
	assert.True(t, isDaemonPodAvailable(p, 0, now))
	assert.False(t, isDaemonPodAvailable(p, 7200, now), "ready for an hour, not two")
	p.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: pub.InPlaceUpdateReady, Status: v1.ConditionFalse})
	assert.False(t, isDaemonPodAvailable(p, 0, now), "Ready has not caught up with the in-place update yet")
}

func TestCensusCountsTheOldestPodOfEachNode(t *testing.T) {
	nodes := []*v1.Node{node("a", nil), node("b", nil), node("c", nil), node("d", nil)}
	elig := map[string]eligibility{"a": {true, true}, "b": {true, true}, "c": {true, true}, "d": {}}
	pods := map[string][]*v1.Pod{
		"a": {dpod("a", "new", true, 1)},
		"b": {dpod("b", "new", false, 1), dpod("b", "old", true, 9)},
		"d": {dpod("d", "old", true, 1)},
	}
	assert.Equal(t, counts{desired: 3, current: 2, misscheduled: 1, ready: 2, updated: 1, available: 2}, census(nodes, elig, pods, current, 0, now))
}
