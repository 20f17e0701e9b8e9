package cloneset

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	kubefake "k8s.io/client-go/kubernetes/fake"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

func TestRefreshMovesLifecycleStates(t *testing.T) {
	hook := &pub.LifecycleHook{LabelsHandler: map[string]string{"hook": "on"}}
	cases := []struct {
		name      string
		lifecycle *pub.Lifecycle
		state     pub.LifecycleStateType
		revision  string
		hooked    bool
		inUpdate  bool
		want      pub.LifecycleStateType
	}{
		{"preNormal holds until its labels are all there", &pub.Lifecycle{PreNormal: hook}, pub.LifecycleStatePreparingNormal, "new", false, false, pub.LifecycleStatePreparingNormal},
		{"preNormal satisfied", &pub.Lifecycle{PreNormal: hook}, pub.LifecycleStatePreparingNormal, "new", true, false, pub.LifecycleStateNormal},
		{"an in-place update in progress stays Updating", nil, pub.LifecycleStateUpdating, "new", false, true, pub.LifecycleStateUpdating},
		{"a finished update without hook is Normal", nil, pub.LifecycleStateUpdating, "new", false, false, pub.LifecycleStateNormal},
		{"a finished update with an inPlaceUpdate hook is Updated", &pub.Lifecycle{InPlaceUpdate: hook}, pub.LifecycleStateUpdating, "new", false, false, pub.LifecycleStateUpdated},
		{"Updated waits for the hook to attach again", &pub.Lifecycle{InPlaceUpdate: hook}, pub.LifecycleStateUpdated, "new", false, false, pub.LifecycleStateUpdated},
		{"Updated becomes Normal once hooked", &pub.Lifecycle{InPlaceUpdate: hook}, pub.LifecycleStateUpdated, "new", true, false, pub.LifecycleStateNormal},
		{"PreparingUpdate of a pod already at the update revision is Normal", &pub.Lifecycle{InPlaceUpdate: hook}, pub.LifecycleStatePreparingUpdate, "new", true, false, pub.LifecycleStateNormal},
		{"PreparingUpdate of an old pod waits", &pub.Lifecycle{InPlaceUpdate: hook}, pub.LifecycleStatePreparingUpdate, "old", true, false, pub.LifecycleStatePreparingUpdate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			now := time.Unix(1000, 0)
			pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", Annotations: map[string]string{},
				Labels: map[string]string{pub.LifecycleStateKey: string(c.state), revisionLabel: c.revision}}}
			pod.Status.Phase = v1.PodRunning
			if c.hooked {
				pod.Labels["hook"] = "on"
			}
			if c.inUpdate {
				pod.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
				pod.Status.Conditions = []v1.PodCondition{{Type: pub.InPlaceUpdateReady, Status: v1.ConditionFalse}}
				pod.Annotations[pub.InPlaceUpdateStateKey] = `{"revision":"new","updateTimestamp":null,"lastContainerStatuses":{"app":{"imageID":"old-id"}}}`
				pod.Status.ContainerStatuses = []v1.ContainerStatus{{Name: "app", ImageID: "old-id", Image: "app:1"}}
				pod.Spec.Containers = []v1.Container{{Name: "app", Image: "app:2"}}
			}
			cs := testCloneSet(1)
			cs.Spec.Lifecycle = c.lifecycle
			ctrl := &Controller{kube: kubefake.NewClientset(pod)}
			s := &syncState{cs: cs, now: now, revisions: revisionResult("old", "new")}
			got, _, err := ctrl.refreshPod(context.Background(), s, pod)
			require.NoError(t, err)
			assert.Equal(t, string(c.want), got.Labels[pub.LifecycleStateKey])
		})
	}
}
