package statefulset

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func podWith(name, rev string, phase v1.PodPhase, ready bool, readySince time.Time) *v1.Pod {
	p := named(name)
	p.Labels = map[string]string{apps.StatefulSetRevisionLabel: rev}
	p.Status.Phase = phase
	status := v1.ConditionFalse
	if ready {
		status = v1.ConditionTrue
	}
	p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: status, LastTransitionTime: metav1.NewTime(readySince)}}
	return p
}

func TestStatusCountsReadyAvailableAndRevisions(t *testing.T) {
	now := time.Unix(10000, 0)
	terminating := podWith("web-3", "new", v1.PodRunning, true, now.Add(-time.Hour))
	terminating.DeletionTimestamp = &metav1.Time{Time: now}
	preparing := podWith("web-4", "old", v1.PodRunning, true, now.Add(-time.Hour))
	preparing.Labels[pub.LifecycleStateKey] = string(pub.LifecycleStatePreparingDelete)
	pods := []*v1.Pod{
		podWith("web-0", "old", v1.PodRunning, true, now.Add(-time.Hour)),
		podWith("web-1", "new", v1.PodRunning, true, now.Add(-2*time.Second)), // ready, not yet available
		podWith("web-2", "new", v1.PodPending, false, now),
		terminating,
		preparing,
		named("web-5"), // not created yet: no phase
	}
	pods[5].Labels = map[string]string{apps.StatefulSetRevisionLabel: "new"}
	status := appsv1beta1.StatefulSetStatus{CurrentRevision: "old", UpdateRevision: "new"}
	countStatus(&status, pods, 10, now)
	assert.Equal(t, int32(5), status.Replicas)
	assert.Equal(t, int32(4), status.ReadyReplicas, "as in apps/v1, a terminating pod counts while it is ready")
	assert.Equal(t, int32(2), status.AvailableReplicas, "minReadySeconds and the lifecycle state both count")
	assert.Equal(t, int32(2), status.CurrentReplicas, "terminating pods count for neither revision")
	assert.Equal(t, int32(2), status.UpdatedReplicas)
	assert.Equal(t, int32(2), status.UpdatedReadyReplicas)
	assert.Equal(t, int32(1), status.UpdatedAvailableReplicas)
}

func TestRollingUpdateCompletesOnlyWhenAllPodsAreUpdatedAndReady(t *testing.T) {
	rolling := &appsv1beta1.StatefulSet{Spec: appsv1beta1.StatefulSetSpec{UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{Type: apps.RollingUpdateStatefulSetStrategyType}}}
	onDelete := &appsv1beta1.StatefulSet{Spec: appsv1beta1.StatefulSetSpec{UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{Type: apps.OnDeleteStatefulSetStrategyType}}}

	s := appsv1beta1.StatefulSetStatus{Replicas: 3, ReadyReplicas: 2, UpdatedReplicas: 3, CurrentReplicas: 0, CurrentRevision: "old", UpdateRevision: "new"}
	completeRollingUpdate(rolling, &s)
	assert.Equal(t, "old", s.CurrentRevision, "one pod is not ready")

	s.ReadyReplicas = 3
	completeRollingUpdate(rolling, &s)
	assert.Equal(t, "new", s.CurrentRevision)
	assert.Equal(t, int32(3), s.CurrentReplicas)

	s = appsv1beta1.StatefulSetStatus{Replicas: 3, ReadyReplicas: 3, UpdatedReplicas: 3, CurrentRevision: "old", UpdateRevision: "new"}
	completeRollingUpdate(onDelete, &s)
	assert.Equal(t, "old", s.CurrentRevision, "as apps/v1, OnDelete never completes a rollout")
}

func TestLifecycleStatesAdvanceWhenHooksAllow(t *testing.T) {
	hook := &pub.LifecycleHook{LabelsHandler: map[string]string{"hold": "true"}}
	withState := func(state pub.LifecycleStateType, rev string, labels map[string]string) *v1.Pod {
		p := named("web-0")
		p.Labels = map[string]string{pub.LifecycleStateKey: string(state), apps.StatefulSetRevisionLabel: rev}
		for k, v := range labels {
			p.Labels[k] = v
		}
		return p
	}
	held := map[string]string{"hold": "true"}
	for _, tc := range []struct {
		name string
		l    *pub.Lifecycle
		pod  *v1.Pod
		want pub.LifecycleStateType
	}{
		{"PreparingNormal without hook", nil, withState(pub.LifecycleStatePreparingNormal, "new", nil), pub.LifecycleStateNormal},
		{"PreparingNormal until the hook attaches", &pub.Lifecycle{PreNormal: hook}, withState(pub.LifecycleStatePreparingNormal, "new", nil), ""},
		{"PreparingNormal once attached", &pub.Lifecycle{PreNormal: hook}, withState(pub.LifecycleStatePreparingNormal, "new", held), pub.LifecycleStateNormal},
		{"PreparingUpdate rolled back", &pub.Lifecycle{InPlaceUpdate: hook}, withState(pub.LifecycleStatePreparingUpdate, "new", held), pub.LifecycleStateNormal},
		{"PreparingUpdate at an old revision waits", &pub.Lifecycle{InPlaceUpdate: hook}, withState(pub.LifecycleStatePreparingUpdate, "old", nil), ""},
		{"Updating without a state annotation is done", &pub.Lifecycle{InPlaceUpdate: hook}, withState(pub.LifecycleStateUpdating, "new", nil), pub.LifecycleStateUpdated},
		{"Updated until the hook re-attaches", &pub.Lifecycle{InPlaceUpdate: hook}, withState(pub.LifecycleStateUpdated, "new", nil), ""},
		{"Updated once re-attached", &pub.Lifecycle{InPlaceUpdate: hook}, withState(pub.LifecycleStateUpdated, "new", held), pub.LifecycleStateNormal},
		{"Normal stays", nil, withState(pub.LifecycleStateNormal, "old", nil), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, nextLifecycleState(tc.l, tc.pod, "new"))
		})
	}
}
