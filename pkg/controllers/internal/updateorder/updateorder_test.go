package updateorder

import (
	"testing"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

func pods(labels ...map[string]string) []*v1.Pod {
	var out []*v1.Pod
	for i, l := range labels {
		out = append(out, &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: string(rune('a' + i)), Labels: l}})
	}
	return out
}

func names(ps []*v1.Pod) string {
	s := ""
	for _, p := range ps {
		s += p.Name
	}
	return s
}

func allReady(*v1.Pod) bool { return true }

func TestWeightPriorityUpdatesHeavierPodsFirst(t *testing.T) {
	ps := pods(map[string]string{"tier": "low"}, map[string]string{"tier": "high"}, map[string]string{}, map[string]string{"tier": "high", "canary": "y"})
	prio := &pub.UpdatePriorityStrategy{WeightPriority: []pub.UpdatePriorityWeightTerm{
		{Weight: 50, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"tier": "high"}}},
		{Weight: 10, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"canary": "y"}}},
		{Weight: 5, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"tier": "low"}}},
	}}
	Sort(ps, prio, nil, allReady)
	assert.Equal(t, "dbac", names(ps))
}

func TestOrderPriorityUsesTheLabelsNumberAndPutsUnlabelledLast(t *testing.T) {
	ps := pods(map[string]string{"prio": "v1"}, map[string]string{}, map[string]string{"prio": "v10"}, map[string]string{"prio": "3"})
	Sort(ps, &pub.UpdatePriorityStrategy{OrderPriority: []pub.UpdatePriorityOrderTerm{{OrderedKey: "prio"}}}, nil, allReady)
	assert.Equal(t, "cdab", names(ps))
}

func TestNotReadyPodsGoFirst(t *testing.T) {
	ps := pods(map[string]string{}, map[string]string{"down": "y"}, map[string]string{})
	Sort(ps, nil, nil, func(p *v1.Pod) bool { return p.Labels["down"] == "" })
	assert.Equal(t, "bac", names(ps))
}

func TestScatterSpreadsMatchingPodsOverTheOrder(t *testing.T) {
	z := map[string]string{"zone": "a"}
	o := map[string]string{"zone": "b"}
	ps := pods(z, z, o, o, o, o)
	Sort(ps, nil, []ScatterTerm{{Key: "zone", Value: "a"}}, allReady)
	assert.Equal(t, "cadebf", names(ps))
}
