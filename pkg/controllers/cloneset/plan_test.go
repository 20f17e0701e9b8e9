package cloneset

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// fleet builds pod infos from a compact description: one letter per pod, u/o = updated/old
// revision, upper case = available; a trailing "!" marks it for deletion.
func fleet(desc ...string) []podInfo {
	var out []podInfo
	for i, d := range desc {
		p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("p%d-%s", i, d)}}
		p.Spec.NodeName = "n"
		p.Status.Phase = v1.PodRunning
		in := podInfo{pod: p}
		switch d[0] {
		case 'U':
			in.updated, in.available, in.ready = true, true, true
		case 'u':
			in.updated = true
		case 'O':
			in.available, in.ready = true, true
		}
		in.toDelete = len(d) > 1 && d[1] == '!'
		status := v1.ConditionFalse
		if in.ready {
			status = v1.ConditionTrue
		}
		p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: status}}
		out = append(out, in)
	}
	return out
}

func names(pods []*v1.Pod) []string {
	var out []string
	for _, p := range pods {
		out = append(out, p.Name)
	}
	return out
}

func TestPlanScale(t *testing.T) {
	cases := []struct {
		name                 string
		limits               limits
		pods                 []podInfo
		deletions            []string
		createCurrent, creat int
	}{
		{"scale up from nothing", limits{replicas: 3, maxUnavailable: 1, scaleMaxUnavailable: -1}, nil, nil, 0, 3},
		{"stream scaling waits for not-ready pods", limits{replicas: 5, maxUnavailable: 1, scaleMaxUnavailable: 1}, fleet("U", "u"), nil, 0, 0},
		{"stream scaling creates as many as the budget allows", limits{replicas: 5, maxUnavailable: 1, scaleMaxUnavailable: 2}, fleet("U", "u"), nil, 0, 1},
		{"scale down removes a marked pod first, then not-ready ones", limits{replicas: 2, maxUnavailable: 1, scaleMaxUnavailable: -1},
			fleet("U", "U!", "u", "U"), []string{"p1-U!", "p2-u"}, 0, 0},
		{"replacing ready pods stays within maxUnavailable", limits{replicas: 3, maxUnavailable: 1, scaleMaxUnavailable: -1},
			fleet("U!", "U!", "U"), []string{"p0-U!"}, 0, 1},
		{"not-ready marked pods are replaced freely", limits{replicas: 3, maxUnavailable: 1, scaleMaxUnavailable: -1},
			fleet("u!", "u!", "U"), []string{"p0-u!", "p1-u!"}, 0, 2},
		{"surge adds an updated pod before any old one goes", limits{replicas: 3, maxSurge: 1, scaleMaxUnavailable: -1},
			fleet("O", "O", "O"), nil, 0, 1},
		{"a paused rollout spends no surge", limits{replicas: 3, maxSurge: 1, scaleMaxUnavailable: -1, noUpdate: true},
			fleet("O", "O", "O"), nil, 0, 0},
		{"surge pods go once the rollout is done", limits{replicas: 3, maxSurge: 1, scaleMaxUnavailable: -1},
			fleet("U", "U", "U", "U"), []string{"p0-U"}, 0, 0},
		{"partition pods are recreated at the current revision", limits{replicas: 4, partition: 2, maxUnavailable: 1, scaleMaxUnavailable: -1},
			fleet("U"), nil, 2, 1},
		{"scale down prefers old pods beyond the partition", limits{replicas: 2, partition: 0, maxUnavailable: 1, scaleMaxUnavailable: -1},
			fleet("U", "O", "U"), []string{"p1-O"}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := planScale(c.limits, c.pods, false)
			assert.Equal(t, c.deletions, names(plan.deletions))
			assert.Equal(t, c.createCurrent, plan.createCurrent, "createCurrent")
			assert.Equal(t, c.creat, plan.createUpdate, "createUpdate")
		})
	}
}

func TestPlanUpdate(t *testing.T) {
	cases := []struct {
		name   string
		limits limits
		pods   []podInfo
		want   int
	}{
		{"one at a time with maxUnavailable 1", limits{replicas: 5, maxUnavailable: 1}, fleet("O", "O", "O", "O", "O"), 1},
		{"an updating pod uses the budget", limits{replicas: 5, maxUnavailable: 1}, fleet("u", "O", "O", "O", "O"), 0},
		{"unavailable old pods are updated without budget", limits{replicas: 4, maxUnavailable: 1}, fleet("o", "o", "O", "O"), 2},
		{"partition keeps old pods", limits{replicas: 5, partition: 3, maxUnavailable: 5}, fleet("O", "O", "O", "O", "O"), 2},
		{"surge pods widen the budget", limits{replicas: 3, maxSurge: 1}, fleet("O", "O", "O", "U"), 1},
		{"nothing when the partition is reached", limits{replicas: 3, partition: 1, maxUnavailable: 3}, fleet("U", "U", "O"), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var old []*v1.Pod
			for _, in := range c.pods {
				if !in.updated {
					old = append(old, in.pod)
				}
			}
			assert.Len(t, planUpdate(c.limits, c.pods, old), c.want)
		})
	}
}

func TestResolveLimitsDefaultsAndRounding(t *testing.T) {
	five := int32(5)
	pct := func(s string) *intstr.IntOrString { v := intstr.FromString(s); return &v }
	cs := &appsv1beta1.CloneSet{Spec: appsv1beta1.CloneSetSpec{Replicas: &five}}
	assert.Equal(t, limits{replicas: 5, maxUnavailable: 1, scaleMaxUnavailable: -1}, resolveLimits(cs), "20% of 5 by default")

	cs.Spec.UpdateStrategy.RollingUpdate = &appsv1beta1.RollingUpdateCloneSetStrategy{Partition: pct("50%"), MaxSurge: pct("10%"), MaxUnavailable: pct("0%")}
	cs.Spec.ScaleStrategy.MaxUnavailable = pct("40%")
	assert.Equal(t, limits{replicas: 5, partition: 3, maxSurge: 1, maxUnavailable: 0, scaleMaxUnavailable: 2}, resolveLimits(cs),
		"partition and surge round up, maxUnavailable rounds down")

	three := int32(3)
	cs = &appsv1beta1.CloneSet{Spec: appsv1beta1.CloneSetSpec{Replicas: &three}}
	assert.Equal(t, 1, resolveLimits(cs).maxUnavailable, "a rollout can always move one pod")
}

func TestNewInstanceIDsReuseOrphanedInstancesFirst(t *testing.T) {
	taken := map[string]bool{"aaaaa": true, "bbbbb": true}
	ids := newInstanceIDs(3, []string{"bbbbb"}, taken)
	assert.Equal(t, "bbbbb", ids[0], "the instance whose PVCs outlived its pod comes back")
	assert.Len(t, ids, 3)
	assert.NotContains(t, ids[1:], "aaaaa")
	assert.NotEqual(t, ids[1], ids[2])
}
