package lifecycle

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

func TestHookHoldsWhileAnyHandlerIsPresentAndAttachesWhenAllAre(t *testing.T) {
	hook := &pub.LifecycleHook{LabelsHandler: map[string]string{"a": "1", "b": "2"}, FinalizersHandler: []string{"f"}}
	cases := []struct {
		name        string
		labels      map[string]string
		finalizers  []string
		hooked, all bool
	}{
		{"nothing", nil, nil, false, false},
		{"one label", map[string]string{"a": "1"}, nil, true, false},
		{"label with another value", map[string]string{"a": "x"}, nil, false, false},
		{"finalizer only", nil, []string{"f"}, true, false},
		{"everything", map[string]string{"a": "1", "b": "2"}, []string{"f"}, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Labels: c.labels, Finalizers: c.finalizers}}
			assert.Equal(t, c.hooked, IsHooked(hook, p))
			assert.Equal(t, c.all, IsAllHooked(hook, p))
		})
	}
	assert.False(t, IsHooked(nil, &v1.Pod{}))
	assert.True(t, IsAllHooked(nil, &v1.Pod{}))
}

func TestInitialStateIsPreparingNormalOnlyWithAPreNormalHook(t *testing.T) {
	assert.Equal(t, pub.LifecycleStateNormal, InitialState(nil))
	assert.Equal(t, pub.LifecycleStateNormal, InitialState(&pub.Lifecycle{PreDelete: &pub.LifecycleHook{}}))
	assert.Equal(t, pub.LifecycleStatePreparingNormal, InitialState(&pub.Lifecycle{PreNormal: &pub.LifecycleHook{}}))
}

func TestSetStateLabelsThePodAndMarksItNotReadyForTheHook(t *testing.T) {
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", Labels: map[string]string{pub.LifecycleStateKey: "Normal"}}}
	pod.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.KruisePodReadyConditionType}}
	kube := fake.NewClientset(pod)
	c := Client{Kube: kube, Now: func() time.Time { return time.Unix(100, 0) }}
	ctx := context.Background()

	ready, err := c.EnsureKruisePodReady(ctx, pod)
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionTrue, podstate.Condition(ready, pub.KruisePodReadyConditionType).Status)

	held, err := c.SetState(ctx, ready, pub.LifecycleStatePreparingDelete, PreDeleteHolder, "")
	require.NoError(t, err)
	assert.Equal(t, pub.LifecycleStatePreparingDelete, State(held))
	assert.Equal(t, "1970-01-01T00:01:40Z", held.Annotations[pub.LifecycleTimestampKey])
	cond := podstate.Condition(held, pub.KruisePodReadyConditionType)
	assert.Equal(t, v1.ConditionFalse, cond.Status)
	assert.JSONEq(t, `[{"userAgent":"Lifecycle","key":"preDeleteHook"}]`, cond.Message)

	released, err := c.SetState(ctx, held, pub.LifecycleStateNormal, "", PreDeleteHolder)
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionTrue, podstate.Condition(released, pub.KruisePodReadyConditionType).Status)
	assert.Equal(t, pub.LifecycleStateNormal, State(released))
}
