package statefulset

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	kubeinformers "k8s.io/client-go/informers"
	kubefake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	kruisefake "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/fake"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

// fixture runs the controller against fake clientsets. Its informer caches are filled by hand
// from the fake API's objects (catchUp), so a test decides when the cache is stale.
type fixture struct {
	t       *testing.T
	kube    *kubefake.Clientset
	kruise  *kruisefake.Clientset
	kubeInf kubeinformers.SharedInformerFactory
	krInf   kruiseinformers.SharedInformerFactory
	ctrl    *StatefulSetController
}

func newFixture(t *testing.T, set *appsv1beta1.StatefulSet) *fixture {
	appsv1beta1.SetObjectDefaults_StatefulSet(set)
	f := &fixture{t: t, kube: kubefake.NewClientset(), kruise: kruisefake.NewClientset(set)}
	f.kubeInf = kubeinformers.NewSharedInformerFactory(f.kube, 0)
	f.krInf = kruiseinformers.NewSharedInformerFactory(f.kruise, 0)
	ctrl, err := newController(&controllercontext.Context{KubeClient: f.kube, KruiseClient: f.kruise, KubeInformers: f.kubeInf, KruiseInformers: f.krInf})
	require.NoError(t, err)
	f.ctrl = ctrl
	return f
}

// catchUp makes the caches show what the API has; new pods get the Pending phase the API server gives them.
func (f *fixture) catchUp() {
	ctx := context.Background()
	pods, err := f.kube.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
	require.NoError(f.t, err)
	var objs []any
	for i := range pods.Items {
		p := &pods.Items[i]
		if p.Status.Phase == "" {
			p.Status.Phase = v1.PodPending
			_, err := f.kube.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
			require.NoError(f.t, err)
		}
		objs = append(objs, p)
	}
	require.NoError(f.t, f.kubeInf.Core().V1().Pods().Informer().GetIndexer().Replace(objs, ""))
	claims, _ := f.kube.CoreV1().PersistentVolumeClaims("").List(ctx, metav1.ListOptions{})
	objs = nil
	for i := range claims.Items {
		objs = append(objs, &claims.Items[i])
	}
	require.NoError(f.t, f.kubeInf.Core().V1().PersistentVolumeClaims().Informer().GetIndexer().Replace(objs, ""))
	revs, _ := f.kube.AppsV1().ControllerRevisions("").List(ctx, metav1.ListOptions{})
	objs = nil
	for i := range revs.Items {
		objs = append(objs, &revs.Items[i])
	}
	require.NoError(f.t, f.kubeInf.Apps().V1().ControllerRevisions().Informer().GetIndexer().Replace(objs, ""))
	sets, _ := f.kruise.AppsV1beta1().StatefulSets("").List(ctx, metav1.ListOptions{})
	objs = nil
	for i := range sets.Items {
		objs = append(objs, &sets.Items[i])
	}
	require.NoError(f.t, f.krInf.Apps().V1beta1().StatefulSets().Informer().GetIndexer().Replace(objs, ""))
	// What the informer handlers would have observed.
	for _, o := range pods.Items {
		f.ctrl.scaleExp.Observe("ns/web", "create", o.Name)
	}
}

func (f *fixture) sync() {
	_, err := f.ctrl.sync(context.Background(), "ns/web")
	require.NoError(f.t, err)
}

func (f *fixture) pods() map[string]*v1.Pod {
	list, err := f.kube.CoreV1().Pods("ns").List(context.Background(), metav1.ListOptions{})
	require.NoError(f.t, err)
	out := map[string]*v1.Pod{}
	for i := range list.Items {
		out[list.Items[i].Name] = &list.Items[i]
	}
	return out
}

// ready marks every pod Running and Ready, as a kubelet would, with the InPlaceUpdateReady
// condition it needs and the running images.
func (f *fixture) ready() {
	for _, p := range f.pods() {
		p.Status.Phase = v1.PodRunning
		p.Status.Conditions = []v1.PodCondition{{Type: v1.PodReady, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(time.Now().Add(-time.Hour))}}
		if inplace.HasReadinessGate(p) {
			p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: pub.InPlaceUpdateReady, Status: v1.ConditionTrue})
		}
		p.Status.ContainerStatuses = nil
		for _, c := range p.Spec.Containers {
			p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, v1.ContainerStatus{Name: c.Name, Image: c.Image, ImageID: "id-" + c.Image, Ready: true})
		}
		_, err := f.kube.CoreV1().Pods("ns").UpdateStatus(context.Background(), p, metav1.UpdateOptions{})
		require.NoError(f.t, err)
	}
}

func (f *fixture) createCount() int {
	n := 0
	for _, a := range f.kube.Actions() {
		if a.GetVerb() == "create" && a.GetResource().Resource == "pods" {
			n++
		}
	}
	return n
}

func (f *fixture) set() *appsv1beta1.StatefulSet {
	set, err := f.kruise.AppsV1beta1().StatefulSets("ns").Get(context.Background(), "web", metav1.GetOptions{})
	require.NoError(f.t, err)
	return set
}

func webSet(replicas int32, policy apps.PodManagementPolicyType) *appsv1beta1.StatefulSet {
	return &appsv1beta1.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "ns", UID: "set-uid", Generation: 1},
		Spec: appsv1beta1.StatefulSetSpec{
			Replicas:            ptr.To(replicas),
			Selector:            &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			ServiceName:         "web-svc",
			PodManagementPolicy: policy,
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "main", Image: "img:1"}}},
			},
			VolumeClaimTemplates: []v1.PersistentVolumeClaim{{ObjectMeta: metav1.ObjectMeta{Name: "data"}}},
		},
	}
}

func TestOrderedReadyCreatesOnePodAtATimeWithItsIdentity(t *testing.T) {
	f := newFixture(t, webSet(3, apps.OrderedReadyPodManagement))
	f.catchUp()
	f.sync()
	pods := f.pods()
	require.Len(t, pods, 1)
	p := pods["web-0"]
	require.NotNil(t, p)
	assert.Equal(t, "web-0", p.Labels[apps.StatefulSetPodNameLabel])
	assert.Equal(t, "0", p.Labels[apps.PodIndexLabel])
	assert.Equal(t, "web-0", p.Spec.Hostname)
	assert.Equal(t, "web-svc", p.Spec.Subdomain)
	assert.Equal(t, "data-web-0", p.Spec.Volumes[0].PersistentVolumeClaim.ClaimName)
	rev := p.Labels[apps.StatefulSetRevisionLabel]
	_, err := f.kube.AppsV1().ControllerRevisions("ns").Get(context.Background(), rev, metav1.GetOptions{})
	assert.NoError(t, err, "the revision label names the ControllerRevision")
	_, err = f.kube.CoreV1().PersistentVolumeClaims("ns").Get(context.Background(), "data-web-0", metav1.GetOptions{})
	assert.NoError(t, err)

	f.catchUp()
	f.sync()
	assert.Len(t, f.pods(), 1, "web-1 waits for web-0 to be ready")

	f.ready()
	f.catchUp()
	f.sync()
	assert.Contains(t, f.pods(), "web-1")
	st := f.set().Status
	assert.Equal(t, int32(1), st.ReadyReplicas)
	assert.Equal(t, rev, st.UpdateRevision)
	assert.Equal(t, "app=web", st.LabelSelector)
}

func TestParallelCreatesAllPodsAndSkipsReservedOrdinals(t *testing.T) {
	set := webSet(3, apps.ParallelPodManagement)
	set.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromInt32(1), intstr.FromString("3-4")}
	f := newFixture(t, set)
	f.catchUp()
	f.sync()
	got := []string{}
	for name := range f.pods() {
		got = append(got, name)
	}
	assert.ElementsMatch(t, []string{"web-0", "web-2", "web-5"}, got)
}

func TestStaleCacheNeverCreatesAnOrdinalTwice(t *testing.T) {
	f := newFixture(t, webSet(2, apps.ParallelPodManagement))
	f.catchUp()
	f.sync()
	require.Equal(t, 2, f.createCount())
	// The cache has not seen the new pods yet: the expectations hold the next sync back.
	f.sync()
	assert.Equal(t, 2, f.createCount())
}

func TestImageChangeUpdatesPodsInPlaceWithinMaxUnavailable(t *testing.T) {
	set := webSet(4, apps.ParallelPodManagement)
	set.Spec.VolumeClaimTemplates = nil
	set.Spec.Template.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	set.Spec.UpdateStrategy.RollingUpdate = &appsv1beta1.RollingUpdateStatefulSetStrategy{
		PodUpdatePolicy: appsv1beta1.InPlaceIfPossiblePodUpdateStrategyType,
		MaxUnavailable:  ptr.To(intstr.FromString("50%")),
	}
	f := newFixture(t, set)
	f.catchUp()
	f.sync()
	f.ready()
	f.catchUp()
	f.sync()
	uids := map[string]string{}
	for n, p := range f.pods() {
		uids[n] = string(p.UID)
	}
	oldRev := f.set().Status.UpdateRevision

	changed := f.set()
	changed.Spec.Template.Spec.Containers[0].Image = "img:2"
	changed.Generation = 2
	_, err := f.kruise.AppsV1beta1().StatefulSets("ns").Update(context.Background(), changed, metav1.UpdateOptions{})
	require.NoError(t, err)
	f.catchUp()
	f.sync()

	pods := f.pods()
	newRev := f.set().Status.UpdateRevision
	require.NotEqual(t, oldRev, newRev)
	for _, n := range []string{"web-3", "web-2"} {
		assert.Equal(t, "img:2", pods[n].Spec.Containers[0].Image, n)
		assert.Equal(t, newRev, pods[n].Labels[apps.StatefulSetRevisionLabel], n)
		assert.Equal(t, uids[n], string(pods[n].UID), "updated in place, not recreated")
		assert.NotNil(t, inplace.State(pods[n]))
	}
	for _, n := range []string{"web-1", "web-0"} {
		assert.Equal(t, "img:1", pods[n].Spec.Containers[0].Image, "50%% of 4: two at a time")
		assert.Equal(t, oldRev, pods[n].Labels[apps.StatefulSetRevisionLabel])
	}
	assert.Equal(t, int64(2), f.set().Status.ObservedGeneration)
}

func TestRecreateUpdateDeletesTheHighestOrdinalFirst(t *testing.T) {
	f := newFixture(t, webSet(3, apps.ParallelPodManagement))
	f.catchUp()
	f.sync()
	f.ready()
	f.catchUp()
	f.sync()

	changed := f.set()
	changed.Spec.Template.Spec.Containers[0].Image = "img:2"
	_, err := f.kruise.AppsV1beta1().StatefulSets("ns").Update(context.Background(), changed, metav1.UpdateOptions{})
	require.NoError(t, err)
	f.catchUp()
	f.sync()
	var deleted []string
	for _, a := range f.kube.Actions() {
		if a.GetVerb() == "delete" && a.GetResource().Resource == "pods" {
			deleted = append(deleted, a.(interface{ GetName() string }).GetName())
		}
	}
	assert.Equal(t, []string{"web-2"}, deleted)
}

func TestANewControllerFinishesAnInPlaceUpdateItDidNotStart(t *testing.T) {
	set := webSet(2, apps.ParallelPodManagement)
	set.Spec.VolumeClaimTemplates = nil
	set.Spec.Template.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	set.Spec.UpdateStrategy.RollingUpdate = &appsv1beta1.RollingUpdateStatefulSetStrategy{PodUpdatePolicy: appsv1beta1.InPlaceIfPossiblePodUpdateStrategyType}
	f := newFixture(t, set)
	f.catchUp()
	f.sync()
	f.ready()
	f.catchUp()
	f.sync()
	changed := f.set()
	changed.Spec.Template.Spec.Containers[0].Image = "img:2"
	_, err := f.kruise.AppsV1beta1().StatefulSets("ns").Update(context.Background(), changed, metav1.UpdateOptions{})
	require.NoError(t, err)
	f.catchUp()
	f.sync()
	started := f.pods()["web-1"]
	require.True(t, inplace.IsUpdating(started), "web-1 is being updated in place")

	// The process dies; the kubelet restarts the container with the new image meanwhile.
	started.Status.ContainerStatuses[0].Image = "img:2"
	started.Status.ContainerStatuses[0].ImageID = "id-img:2"
	_, err = f.kube.CoreV1().Pods("ns").UpdateStatus(context.Background(), started, metav1.UpdateOptions{})
	require.NoError(t, err)
	// A new controller: empty expectations, the same caches.
	ctrl, err := newController(&controllercontext.Context{KubeClient: f.kube, KruiseClient: f.kruise, KubeInformers: f.kubeInf, KruiseInformers: f.krInf})
	require.NoError(t, err)
	f.ctrl = ctrl
	f.kube.ClearActions()
	f.catchUp()
	f.sync()

	pods := f.pods()
	assert.False(t, inplace.IsUpdating(pods["web-1"]), "the new process marks the finished update ready")
	assert.Equal(t, "img:2", pods["web-0"].Spec.Containers[0].Image, "and moves on to the next pod")
	assert.Equal(t, 0, f.createCount())
	for _, a := range f.kube.Actions() {
		assert.NotEqual(t, "delete", a.GetVerb(), "nothing is recreated")
	}
}
