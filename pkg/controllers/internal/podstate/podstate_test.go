package podstate

import (
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func pod(name, node string, phase v1.PodPhase, ready bool, readySince time.Time) *v1.Pod {
	p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: map[string]string{}, Labels: map[string]string{}}}
	p.Spec.NodeName = node
	p.Status.Phase = phase
	status := v1.ConditionFalse
	if ready {
		status = v1.ConditionTrue
	}
	p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: status, LastTransitionTime: metav1.NewTime(readySince)}}
	return p
}

func TestAvailabilityNeedsMinReadySecondsAndNoUnavailableLabel(t *testing.T) {
	now := time.Unix(10000, 0)
	p := pod("a", "n", v1.PodRunning, true, now.Add(-5*time.Second))
	assert.True(t, IsAvailable(p, 0, now))
	assert.True(t, IsAvailable(p, 4, now))
	assert.False(t, IsAvailable(p, 10, now))
	assert.Equal(t, 6*time.Second, AvailableIn(p, 10, now))

	p.Labels["unavailable-pod.kruise.io/maintenance"] = "true"
	assert.False(t, IsAvailable(p, 0, now))

	terminating := pod("b", "n", v1.PodRunning, true, now.Add(-time.Hour))
	terminating.DeletionTimestamp = &metav1.Time{Time: now}
	assert.False(t, IsReady(terminating))
}

func TestDeleteFirstPrefersUnscheduledThenPendingThenNotReadyThenCheap(t *testing.T) {
	now := time.Unix(10000, 0)
	readyOld := pod("ready-old", "n", v1.PodRunning, true, now.Add(-time.Hour))
	readyNew := pod("ready-new", "n", v1.PodRunning, true, now.Add(-time.Minute))
	cheap := pod("cheap", "n", v1.PodRunning, true, now.Add(-time.Hour))
	cheap.Annotations["controller.kubernetes.io/pod-deletion-cost"] = "-10"
	notReady := pod("not-ready", "n", v1.PodRunning, false, now)
	pending := pod("pending", "n", v1.PodPending, false, now)
	unscheduled := pod("unscheduled", "", v1.PodPending, false, now)

	pods := []*v1.Pod{readyOld, readyNew, cheap, notReady, pending, unscheduled}
	sort.SliceStable(pods, func(i, j int) bool { return DeleteFirst(pods[i], pods[j]) })
	var names []string
	for _, p := range pods {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"unscheduled", "pending", "not-ready", "cheap", "ready-new", "ready-old"}, names)
}

func TestAddReadinessGateAddsOnce(t *testing.T) {
	spec := &v1.PodSpec{ReadinessGates: []v1.PodReadinessGate{{ConditionType: "other"}}}
	assert.False(t, HasReadinessGate(spec, "InPlaceUpdateReady"))
	AddReadinessGate(spec, "InPlaceUpdateReady")
	AddReadinessGate(spec, "InPlaceUpdateReady")
	assert.True(t, HasReadinessGate(spec, "InPlaceUpdateReady"))
	assert.Equal(t, []v1.PodReadinessGate{{ConditionType: "other"}, {ConditionType: "InPlaceUpdateReady"}}, spec.ReadinessGates)
}
