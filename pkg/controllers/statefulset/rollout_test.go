package statefulset

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// podsAt builds web-<ord> pods at the given revisions, ascending.
func podsAt(revs map[int]string, extraLabels map[int]map[string]string) []*v1.Pod {
	var pods []*v1.Pod
	for ord := 0; ord < 100; ord++ {
		rev, ok := revs[ord]
		if !ok {
			continue
		}
		p := named(podName("web", ord))
		p.Labels = map[string]string{apps.StatefulSetRevisionLabel: rev}
		for k, v := range extraLabels[ord] {
			p.Labels[k] = v
		}
		pods = append(pods, p)
	}
	return pods
}

func names(pods []*v1.Pod) []string {
	out := []string{}
	for _, p := range pods {
		out = append(out, p.Name)
	}
	return out
}

func TestUpdateCandidatesKeepThePartitionAtTheLowestOrdinals(t *testing.T) {
	all := map[int]string{0: "old", 1: "old", 2: "old", 3: "old", 4: "old"}
	for _, tc := range []struct {
		name      string
		revs      map[int]string
		reserved  map[int]bool
		replicas  int
		partition int
		want      []string
	}{
		{"no partition: every pod, highest first", all, nil, 5, 0, []string{"web-4", "web-3", "web-2", "web-1", "web-0"}},
		{"partition 3 keeps 0..2", all, nil, 5, 3, []string{"web-4", "web-3"}},
		{"partition above replicas updates nothing", all, nil, 5, 7, []string{}},
		{"reserved ordinals do not count against the partition", map[int]string{0: "old", 2: "old", 3: "old", 4: "old"}, map[int]bool{1: true}, 4, 2, []string{"web-4", "web-3"}},
		{"a missing pod keeps its rank", map[int]string{0: "old", 1: "old", 3: "old"}, nil, 4, 2, []string{"web-3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := newOrdinalRange(0, tc.replicas, tc.reserved)
			got := updateCandidates(podsAt(tc.revs, nil), rng, "new", tc.partition, nil)
			assert.Equal(t, tc.want, names(got))
		})
	}
}

func TestUnorderedUpdateFollowsPriorityAndCountsUpdatedPodsFirst(t *testing.T) {
	revs := map[int]string{0: "old", 1: "new", 2: "old", 3: "old"}
	labels := map[int]map[string]string{0: {"tier": "1"}, 2: {"tier": "3"}, 3: {"tier": "2"}}
	priority := &pub.UpdatePriorityStrategy{OrderPriority: []pub.UpdatePriorityOrderTerm{{OrderedKey: "tier"}}}
	rng := newOrdinalRange(0, 4, nil)

	got := updateCandidates(podsAt(revs, labels), rng, "new", 0, &appsv1beta1.UnorderedUpdateStrategy{PriorityStrategy: priority})
	assert.Equal(t, []string{"web-1", "web-2", "web-3", "web-0"}, names(got), "updated first, then highest tier value first")

	got = updateCandidates(podsAt(revs, labels), rng, "new", 2, &appsv1beta1.UnorderedUpdateStrategy{PriorityStrategy: priority})
	assert.Equal(t, []string{"web-1", "web-2"}, names(got), "partition 2 leaves room for one more updated pod")

	got = updateCandidates(podsAt(revs, labels), rng, "new", 0, &appsv1beta1.UnorderedUpdateStrategy{})
	assert.Equal(t, []string{"web-1", "web-3", "web-2", "web-0"}, names(got), "without priorities, highest ordinal first")
}

func TestToUpdateNowStaysWithinMaxUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name           string
		revs           map[int]string
		unavailable    []string
		maxUnavailable int
		want           []string
	}{
		{"one at a time", map[int]string{0: "old", 1: "old", 2: "old"}, nil, 1, []string{"web-2"}},
		{"several at once", map[int]string{0: "old", 1: "old", 2: "old", 3: "old"}, nil, 3, []string{"web-3", "web-2", "web-1"}},
		{"an unavailable updated pod uses the budget", map[int]string{0: "old", 1: "old", 2: "new"}, []string{"web-2"}, 1, []string{}},
		{"an unavailable pod further down blocks an ordered update", map[int]string{0: "old", 1: "old", 2: "old"}, []string{"web-0"}, 1, []string{}},
		{"budget left after an unavailable pod", map[int]string{0: "old", 1: "old", 2: "new"}, []string{"web-2"}, 2, []string{"web-1"}},
		{"order is kept: stop at the first blocked pod", map[int]string{0: "old", 1: "old", 2: "old"}, []string{"web-0"}, 2, []string{"web-2"}},
		{"nothing left to update", map[int]string{0: "new", 1: "new"}, nil, 1, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pods := podsAt(tc.revs, nil)
			unavailable := map[string]bool{}
			for _, n := range tc.unavailable {
				unavailable[n] = true
			}
			cands := updateCandidates(pods, newOrdinalRange(0, len(pods), nil), "new", 0, nil)
			assert.Equal(t, tc.want, names(toUpdateNow(cands, "new", unavailable, tc.maxUnavailable)))
		})
	}
}

func TestSpecifiedDeleteIgnoresThePartitionButNotMaxUnavailable(t *testing.T) {
	del := map[string]string{pub.SpecifiedDeleteKey: "true"}
	pods := podsAt(map[int]string{0: "old", 1: "old", 2: "old", 3: "old"}, map[int]map[string]string{0: del, 1: del, 3: del})
	unavailable := map[string]bool{"web-1": true}
	got := specifiedDeleteNow(pods, unavailable, 2)
	assert.Equal(t, []string{"web-3", "web-1"}, names(got), "web-1 is already out of service; web-0 would exceed the budget")
}

func TestMaxUnavailableResolvesPercentagesDownButNeverBelowOne(t *testing.T) {
	for _, tc := range []struct {
		value    intstr.IntOrString
		replicas int32
		want     int
	}{
		{intstr.FromString("20%"), 200, 40},
		{intstr.FromString("20%"), 3, 1},
		{intstr.FromString("50%"), 5, 2},
		{intstr.FromInt32(3), 10, 3},
		{intstr.FromInt32(0), 10, 1},
	} {
		set := &appsv1beta1.StatefulSet{Spec: appsv1beta1.StatefulSetSpec{Replicas: ptr.To(tc.replicas),
			UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{RollingUpdate: &appsv1beta1.RollingUpdateStatefulSetStrategy{MaxUnavailable: &tc.value}}}}
		assert.Equal(t, tc.want, maxUnavailableOf(set), tc.value.String())
	}
	assert.Equal(t, 1, maxUnavailableOf(&appsv1beta1.StatefulSet{}), "unset means one at a time")
	assert.Equal(t, -1, scaleMaxUnavailableOf(&appsv1beta1.StatefulSet{}), "unset scale budget means unlimited")
}

func TestNewPodsGetTheCurrentRevisionBelowThePartition(t *testing.T) {
	rolling := func(partition int32, unordered bool) *appsv1beta1.StatefulSet {
		ru := &appsv1beta1.RollingUpdateStatefulSetStrategy{Partition: ptr.To(partition)}
		if unordered {
			ru.UnorderedUpdate = &appsv1beta1.UnorderedUpdateStrategy{}
		}
		return &appsv1beta1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: appsv1beta1.StatefulSetSpec{
			UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{Type: apps.RollingUpdateStatefulSetStrategyType, RollingUpdate: ru}}}
	}
	rng := newOrdinalRange(0, 4, map[int]bool{1: true}) // ordinals 0, 2, 3, 4
	for _, tc := range []struct {
		name    string
		set     *appsv1beta1.StatefulSet
		ordinal int
		others  map[int]string
		want    bool
	}{
		{"ordered: rank below partition", rolling(2, false), 2, nil, true},
		{"ordered: rank at partition", rolling(2, false), 3, nil, false},
		{"ordered: no partition", rolling(0, false), 0, nil, false},
		{"unordered: enough old pods already", rolling(2, true), 4, map[int]string{0: "old", 2: "old", 3: "new"}, false},
		{"unordered: too few old pods", rolling(2, true), 4, map[int]string{0: "old", 2: "new", 3: "new"}, true},
		{"OnDelete: always the update revision", &appsv1beta1.StatefulSet{Spec: appsv1beta1.StatefulSetSpec{
			UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{Type: apps.OnDeleteStatefulSetStrategyType}}}, 0, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, newPodGetsCurrentRevision(tc.set, rng, tc.ordinal, podsAt(tc.others, nil), "new"))
		})
	}
}

func TestSlowStartStopsAfterTheFirstFailingBatch(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n, failAt int
		wantCalls int
	}{
		{"all succeed", 10, -1, 10},
		{"first fails", 10, 0, 1},
		{"failure in the batch of four", 10, 4, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			calls := 0
			err := slowStart(tc.n, func(i int) error {
				mu.Lock()
				defer mu.Unlock()
				calls++
				if i == tc.failAt {
					return errors.New("quota")
				}
				return nil
			})
			assert.Equal(t, tc.wantCalls, calls)
			assert.Equal(t, tc.failAt >= 0, err != nil)
		})
	}
}
