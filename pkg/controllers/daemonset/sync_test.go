package daemonset

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/informers"
	kubefake "k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/record"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/expectations"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
	kruisefake "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/fake"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

// fixture is a controller over fake clients whose informer caches the test fills by hand.
type fixture struct {
	dsc     *DaemonSetController
	kube    *kubefake.Clientset
	kruise  *kruisefake.Clientset
	kubeF   informers.SharedInformerFactory
	kruiseF kruiseinformers.SharedInformerFactory
}

func newFixture(t *testing.T, ds *v1beta1.DaemonSet, objs ...runtime.Object) *fixture {
	t.Helper()
	f := &fixture{kube: kubefake.NewClientset(objs...), kruise: kruisefake.NewClientset(ds)}
	f.kubeF = informers.NewSharedInformerFactory(f.kube, 0)
	f.kruiseF = kruiseinformers.NewSharedInformerFactory(f.kruise, 0)
	c := &controllercontext.Context{KubeClient: f.kube, KruiseClient: f.kruise, KubeInformers: f.kubeF, KruiseInformers: f.kruiseF}
	f.dsc = newController(f.kube, f.kruise, c, record.NewFakeRecorder(100))
	require.NoError(t, f.kruiseF.Apps().V1beta1().DaemonSets().Informer().GetIndexer().Add(ds))
	for _, o := range objs {
		var err error
		switch o := o.(type) {
		case *v1.Node:
			err = f.kubeF.Core().V1().Nodes().Informer().GetIndexer().Add(o)
		case *v1.Pod:
			err = f.kubeF.Core().V1().Pods().Informer().GetIndexer().Add(o)
		case *apps.ControllerRevision:
			err = f.kubeF.Apps().V1().ControllerRevisions().Informer().GetIndexer().Add(o)
		}
		require.NoError(t, err)
	}
	return f
}

func (f *fixture) pods(t *testing.T) []v1.Pod {
	list, err := f.kube.CoreV1().Pods("ns").List(context.Background(), metav1.ListOptions{})
	require.NoError(t, err)
	sort.Slice(list.Items, func(i, j int) bool { return targetNode(&list.Items[i]) < targetNode(&list.Items[j]) })
	return list.Items
}

func daemonSet(image string) *v1beta1.DaemonSet {
	ds := &v1beta1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "ds", Namespace: "ns", UID: "ds-uid", Generation: 1},
		Spec: v1beta1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "d"}},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "d"}},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "c", Image: image}}},
			},
		},
	}
	v1beta1.SetDefaults_DaemonSet(ds)
	return ds
}

func TestSyncCreatesOnePodPerEligibleNodeThroughTheScheduler(t *testing.T) {
	ds := daemonSet("img:1")
	ds.Spec.UpdateStrategy.RollingUpdate.Type = v1beta1.InplaceRollingUpdateType
	tainted := node("n2", nil, v1.Taint{Key: "dedicated", Effect: v1.TaintEffectNoSchedule})
	f := newFixture(t, ds, node("n0", nil), node("n1", nil), tainted)

	_, err := f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)

	pods := f.pods(t)
	require.Len(t, pods, 2, "the tainted node gets no pod")
	revs, err := f.kube.AppsV1().ControllerRevisions("ns").List(context.Background(), metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, revs.Items, 1)
	hash := revs.Items[0].Labels[apps.ControllerRevisionHashLabelKey]
	assert.Equal(t, "ds-"+hash, revs.Items[0].Name)
	for i, p := range pods {
		assert.Equal(t, fmt.Sprintf("n%d", i), targetNode(&p))
		assert.Empty(t, p.Spec.NodeName, "kube-scheduler binds the pod")
		assert.Equal(t, hash, p.Labels[apps.ControllerRevisionHashLabelKey])
		assert.NotContains(t, p.Labels, templateGenerationLabel)
		assert.Equal(t, "ds-", p.GenerateName)
		assert.Contains(t, p.Spec.ReadinessGates, v1.PodReadinessGate{ConditionType: pub.InPlaceUpdateReady})
		assert.Contains(t, p.Spec.Tolerations, v1.Toleration{Key: v1.TaintNodeUnreachable, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute})
		assert.True(t, metav1.IsControlledBy(&p, ds))
	}
	got, err := f.kruise.AppsV1beta1().DaemonSets("ns").Get(context.Background(), "ds", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(2), got.Status.DesiredNumberScheduled)
	assert.Equal(t, hash, got.Status.UpdateRevision)
	assert.Zero(t, got.Status.ObservedGeneration, "creations are still expected")

	_, err = f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)
	assert.Len(t, f.pods(t), 2, "a second sync before the informer shows the pods creates nothing")
}

func TestSyncCreatesAtMostBurstReplicas(t *testing.T) {
	ds := daemonSet("img:1")
	ds.Spec.BurstReplicas = ptr.To(intstr.FromInt32(3))
	var objs []runtime.Object
	for i := 0; i < 5; i++ {
		objs = append(objs, node(fmt.Sprintf("n%d", i), nil))
	}
	f := newFixture(t, ds, objs...)
	_, err := f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)
	assert.Len(t, f.pods(t), 3)
}

// runningAt is a ready daemon pod of ds at the given revision hash, with the in-place gate.
func runningAt(ds *v1beta1.DaemonSet, nodeName, hash, image string) *v1.Pod {
	p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{
		Name: "ds-" + nodeName, Namespace: "ns", UID: types.UID("uid-" + nodeName),
		Labels:          map[string]string{"app": "d", apps.ControllerRevisionHashLabelKey: hash},
		OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(ds, controllerKind)},
	}}
	p.Spec.NodeName = nodeName
	p.Spec.Containers = []v1.Container{{Name: "c", Image: image}}
	p.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	p.Status.Phase = v1.PodRunning
	p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: v1.ConditionTrue}, {Type: pub.InPlaceUpdateReady, Status: v1.ConditionTrue}}
	p.Status.ContainerStatuses = []v1.ContainerStatus{{Name: "c", Image: image, ImageID: "id-" + image, Ready: true}}
	return p
}

func TestSyncUpdatesInPlaceDownToThePartition(t *testing.T) {
	old := daemonSet("img:1")
	data, err := revision.TemplatePatch(&old.Spec.Template)
	require.NoError(t, err)
	oldHash := revision.Hash(data, nil)
	oldRev := &apps.ControllerRevision{
		ObjectMeta: metav1.ObjectMeta{Name: "ds-" + oldHash, Namespace: "ns", Labels: map[string]string{"app": "d", apps.ControllerRevisionHashLabelKey: oldHash},
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(old, controllerKind)}},
		Data: runtime.RawExtension{Raw: data}, Revision: 1,
	}
	ds := daemonSet("img:2")
	ds.Generation = 2
	ds.Status.DesiredNumberScheduled = 3
	ru := ds.Spec.UpdateStrategy.RollingUpdate
	ru.Type = v1beta1.InplaceRollingUpdateType
	ru.MaxUnavailable = ptr.To(intstr.FromInt32(3))
	ru.Partition = ptr.To(intstr.FromInt32(1))
	objs := []runtime.Object{oldRev}
	for i := 0; i < 3; i++ {
		name := fmt.Sprintf("n%d", i)
		objs = append(objs, node(name, nil), runningAt(ds, name, oldHash, "img:1"))
	}
	f := newFixture(t, ds, objs...)

	_, err = f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)

	pods := f.pods(t)
	require.Len(t, pods, 3, "nothing is recreated")
	got, err := f.kruise.AppsV1beta1().DaemonSets("ns").Get(context.Background(), "ds", metav1.GetOptions{})
	require.NoError(t, err)
	newHash := got.Status.UpdateRevision
	assert.NotEqual(t, oldHash, newHash)
	assert.Equal(t, oldHash, pods[0].Labels[apps.ControllerRevisionHashLabelKey], "the partition keeps the lowest node")
	assert.Equal(t, "img:1", pods[0].Spec.Containers[0].Image)
	for _, p := range pods[1:] {
		assert.Equal(t, newHash, p.Labels[apps.ControllerRevisionHashLabelKey], p.Name)
		assert.Equal(t, "img:2", p.Spec.Containers[0].Image, p.Name)
		assert.Contains(t, p.Annotations, pub.InPlaceUpdateStateKey)
	}
}

func TestPreDeleteHookHoldsAPodUntilReleased(t *testing.T) {
	ds := daemonSet("img:1")
	ds.Spec.Template.Spec.NodeSelector = map[string]string{"daemon": "yes"}
	ds.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{LabelsHandler: map[string]string{"hold": "true"}}}
	data, err := revision.TemplatePatch(&ds.Spec.Template)
	require.NoError(t, err)
	hash := revision.Hash(data, nil)
	pod := runningAt(ds, "n0", hash, "img:1")
	pod.Labels["hold"] = "true"
	f := newFixture(t, ds, node("n0", nil), pod)

	_, err = f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)
	pods := f.pods(t)
	require.Len(t, pods, 1, "the hook keeps the pod of a node that no longer wants it")
	assert.Equal(t, string(pub.LifecycleStatePreparingDelete), pods[0].Labels[pub.LifecycleStateKey])

	released := pods[0].DeepCopy()
	delete(released.Labels, "hold")
	_, err = f.kube.CoreV1().Pods("ns").Update(context.Background(), released, metav1.UpdateOptions{})
	require.NoError(t, err)
	require.NoError(t, f.kubeF.Core().V1().Pods().Informer().GetIndexer().Update(released))
	f.dsc.versions.Forget(released.UID)
	_, err = f.dsc.sync(context.Background(), "ns/ds")
	require.NoError(t, err)
	assert.Empty(t, f.pods(t), "released, the pod goes")
}

func TestSlowStartStopsAtTheFirstBatchWithAFailure(t *testing.T) {
	ds := daemonSet("img:1")
	var objs []runtime.Object
	for i := 0; i < 8; i++ {
		objs = append(objs, node(fmt.Sprintf("n%d", i), nil))
	}
	f := newFixture(t, ds, objs...)
	attempts := 0
	var mu sync.Mutex
	f.kube.PrependReactor("create", "pods", func(k8stesting.Action) (bool, runtime.Object, error) {
		mu.Lock()
		defer mu.Unlock()
		attempts++
		if attempts == 3 {
			return true, nil, fmt.Errorf("quota exceeded")
		}
		return false, nil, nil
	})
	_, err := f.dsc.sync(context.Background(), "ns/ds")
	require.Error(t, err)
	assert.Equal(t, 3, attempts, "batches of 1 and 2; the failure in the second stops the third")
	assert.Len(t, f.pods(t), 2)
	ok, pending := f.dsc.scale.Satisfied("ns/ds")
	assert.False(t, ok)
	assert.Len(t, pending[expectations.Create], 2, "the failed creation is not waited for")
}
