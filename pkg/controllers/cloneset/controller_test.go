package cloneset

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	kubefake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/record"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
	kruisefake "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/fake"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

func testCloneSet(replicas int32) *appsv1beta1.CloneSet {
	return &appsv1beta1.CloneSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "ns", UID: "cs-uid", Generation: 1},
		Spec: appsv1beta1.CloneSetSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "c", Image: "img:1"}}},
			},
			VolumeClaimTemplates: []v1.PersistentVolumeClaim{{ObjectMeta: metav1.ObjectMeta{Name: "data"}}},
			UpdateStrategy:       appsv1beta1.CloneSetUpdateStrategy{Type: "RollingUpdate", RollingUpdate: &appsv1beta1.RollingUpdateCloneSetStrategy{}},
		},
	}
}

// newTestController returns a controller whose informer caches never see its own writes, the
// stalest cache possible.
func newTestController(t *testing.T, cs *appsv1beta1.CloneSet) (*Controller, *kubefake.Clientset, *kruisefake.Clientset) {
	kube := kubefake.NewClientset()
	kruise := kruisefake.NewClientset(cs)
	c := &controllercontext.Context{
		KubeClient: kube, KruiseClient: kruise,
		KubeInformers:   informers.NewSharedInformerFactory(kubefake.NewClientset(), 0),
		KruiseInformers: kruiseinformers.NewSharedInformerFactory(kruise, 0),
		Recorder:        func(string) record.EventRecorder { return record.NewFakeRecorder(100) },
	}
	r, err := New(c)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c.KubeInformers.Start(ctx.Done())
	c.KruiseInformers.Start(ctx.Done())
	c.KubeInformers.WaitForCacheSync(ctx.Done())
	c.KruiseInformers.WaitForCacheSync(ctx.Done())
	return r.(*Controller), kube, kruise
}

func TestScaleUpCreatesLabelledPodsWithPVCsOnceDespiteAStaleCache(t *testing.T) {
	ctrl, kube, kruise := newTestController(t, testCloneSet(3))
	ctx := context.Background()

	_, err := ctrl.sync(ctx, "ns/web")
	require.NoError(t, err)
	pods, err := kube.CoreV1().Pods("ns").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, pods.Items, 3)
	revs, err := kube.AppsV1().ControllerRevisions("ns").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, revs.Items, 1)
	rev := revs.Items[0].Name
	for _, p := range pods.Items {
		id := p.Labels[appsv1beta1.CloneSetInstanceID]
		assert.Equal(t, "web-"+id, p.Name)
		assert.Equal(t, rev, p.Labels["controller-revision-hash"])
		assert.Equal(t, rev, "web-"+p.Labels["pod-template-hash"])
		assert.Equal(t, "Normal", p.Labels["lifecycle.apps.kruise.io/state"])
		assert.Equal(t, []v1.PodReadinessGate{{ConditionType: "InPlaceUpdateReady"}}, p.Spec.ReadinessGates)
		assert.True(t, metav1.IsControlledBy(&p, testCloneSet(3)))
		_, err := kube.CoreV1().PersistentVolumeClaims("ns").Get(ctx, "data-web-"+id, metav1.GetOptions{})
		assert.NoError(t, err, "PVC of instance %s", id)
	}

	// The informers never saw those pods: expectations must stop a second round of creates.
	_, err = ctrl.sync(ctx, "ns/web")
	require.NoError(t, err)
	pods, err = kube.CoreV1().Pods("ns").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, pods.Items, 3, "no pod is created twice")

	cs, err := kruise.AppsV1beta1().CloneSets("ns").Get(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, rev, cs.Status.UpdateRevision)
	assert.Equal(t, "app=web", cs.Status.LabelSelector)
	assert.Equal(t, int64(1), cs.Status.ObservedGeneration)
	assert.Equal(t, int32(3), cs.Status.ExpectedUpdatedReplicas)
}

func TestComputeStatusCountsReadyAvailableAndUpdatedPods(t *testing.T) {
	now := time.Unix(10000, 0)
	cs := testCloneSet(3)
	cs.Spec.MinReadySeconds = 10
	mk := func(name, rev string, readyFor time.Duration) *v1.Pod {
		p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{revisionLabel: rev}}}
		p.Status.Phase = v1.PodRunning
		if readyFor >= 0 {
			p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(now.Add(-readyFor))}}
		}
		return p
	}
	pods := []*v1.Pod{mk("a", "new", time.Minute), mk("b", "new", time.Second), mk("c", "old", time.Minute), mk("d", "old", -1)}
	revs := revisionResult("old", "new")
	st := computeStatus(cs, pods, revs, now)
	assert.Equal(t, int32(4), st.Replicas)
	assert.Equal(t, int32(3), st.ReadyReplicas)
	assert.Equal(t, int32(2), st.AvailableReplicas)
	assert.Equal(t, int32(2), st.UpdatedReplicas)
	assert.Equal(t, int32(2), st.UpdatedReadyReplicas)
	assert.Equal(t, int32(1), st.UpdatedAvailableReplicas)
	assert.Equal(t, "old", st.CurrentRevision, "the rollout is not complete")
}

func revisionResult(current, update string) *revision.Result {
	return &revision.Result{
		Current: &apps.ControllerRevision{ObjectMeta: metav1.ObjectMeta{Name: current}},
		Update:  &apps.ControllerRevision{ObjectMeta: metav1.ObjectMeta{Name: update}},
	}
}
