// Package daemonset is the Advanced DaemonSet controller: one pod per eligible node, placed through
// the scheduler like apps/v1 DaemonSet pods, with OpenKruise's rolling update additions (in-place
// update, partition, node selector, pause, surge), partitioned scaling and a preDelete hook.
package daemonset

import (
	"context"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/flowcontrol"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/expectations"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/keyqueue"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
	kruiseclient "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	kruiselisters "github.com/kruise-aggregated/kruise/pkg/generated/listers/apps/v1beta1"
)

// Name is the controller's name in kruise-controller.
const Name = "daemonset"

// controllerKind is what owner references of daemon pods and revisions name.
var controllerKind = v1beta1.SchemeGroupVersion.WithKind("DaemonSet")

// DaemonSetController syncs Advanced DaemonSets.
type DaemonSetController struct {
	kube     kubernetes.Interface
	kruise   kruiseclient.Interface
	recorder record.EventRecorder

	dsLister   kruiselisters.DaemonSetLister
	podLister  corelisters.PodLister
	nodeLister corelisters.NodeLister
	revLister  appslisters.ControllerRevisionLister
	synced     []cache.InformerSynced

	queue *keyqueue.Queue

	pods      podControl
	revisions revision.Client
	inplace   inplace.Updater
	lifecycle lifecycle.Client

	// scale guards creations and deletions, versions guards pods the controller patched.
	scale    *expectations.Scale
	versions *expectations.ResourceVersions
	// failedBackoff spaces out deleting failed pods on one node, which a kubelet rejecting the pod
	// would otherwise turn into a hot loop.
	failedBackoff *flowcontrol.Backoff
	now           func() time.Time
}

// New builds the controller from the process's shared informers and clients.
func New(c *controllercontext.Context) (controllercontext.Runner, error) {
	return newController(c.KubeClient, c.KruiseClient, c, c.Recorder(Name)), nil
}

func newController(kube kubernetes.Interface, kruise kruiseclient.Interface, c *controllercontext.Context, recorder record.EventRecorder) *DaemonSetController {
	dsInformer := c.KruiseInformers.Apps().V1beta1().DaemonSets()
	podInformer := c.KubeInformers.Core().V1().Pods()
	nodeInformer := c.KubeInformers.Core().V1().Nodes()
	revInformer := c.KubeInformers.Apps().V1().ControllerRevisions()
	dsc := &DaemonSetController{
		kube:       kube,
		kruise:     kruise,
		recorder:   recorder,
		dsLister:   dsInformer.Lister(),
		podLister:  podInformer.Lister(),
		nodeLister: nodeInformer.Lister(),
		revLister:  revInformer.Lister(),
		synced: []cache.InformerSynced{dsInformer.Informer().HasSynced, podInformer.Informer().HasSynced,
			nodeInformer.Informer().HasSynced, revInformer.Informer().HasSynced},
		queue:         keyqueue.New(Name),
		pods:          kubePodControl{kube: kube, recorder: recorder},
		revisions:     revision.Client{Kube: kube},
		inplace:       inplace.Updater{Kube: kube},
		lifecycle:     lifecycle.Client{Kube: kube},
		scale:         expectations.NewScale(),
		versions:      expectations.NewResourceVersions(),
		failedBackoff: flowcontrol.NewBackOff(time.Second, 15*time.Minute),
		now:           time.Now,
	}
	_, _ = dsInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    dsc.queue.Enqueue,
		UpdateFunc: func(_, cur any) { dsc.queue.Enqueue(cur) },
		DeleteFunc: dsc.deleteDaemonSet,
	})
	_, _ = podInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    dsc.addPod,
		UpdateFunc: dsc.updatePod,
		DeleteFunc: dsc.deletePod,
	})
	_, _ = nodeInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(any) { dsc.enqueueAll() },
		UpdateFunc: func(old, cur any) {
			if nodeChangeMatters(old.(*v1.Node), cur.(*v1.Node)) {
				dsc.enqueueAll()
			}
		},
		DeleteFunc: func(any) { dsc.enqueueAll() },
	})
	return dsc
}

// Run starts workers and blocks until ctx ends.
func (dsc *DaemonSetController) Run(ctx context.Context, workers int) {
	go wait.Until(dsc.failedBackoff.GC, time.Minute, ctx.Done())
	dsc.queue.Run(ctx, workers, dsc.sync, dsc.synced...)
}

func (dsc *DaemonSetController) enqueueAll() {
	all, err := dsc.dsLister.List(labels.Everything())
	if err != nil {
		return
	}
	for _, ds := range all {
		dsc.queue.Enqueue(ds)
	}
}

func (dsc *DaemonSetController) deleteDaemonSet(obj any) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	dsc.scale.Forget(key)
	dsc.queue.Add(key)
}

// ownerKey returns the key of the Advanced DaemonSet controlling pod, or "".
func ownerKey(pod *v1.Pod) string {
	ref := metav1.GetControllerOf(pod)
	if ref == nil || ref.Kind != controllerKind.Kind {
		return ""
	}
	if gv, err := schema.ParseGroupVersion(ref.APIVersion); err != nil || gv.Group != controllerKind.Group {
		return ""
	}
	return pod.Namespace + "/" + ref.Name
}

func (dsc *DaemonSetController) addPod(obj any) {
	pod := obj.(*v1.Pod)
	if key := ownerKey(pod); key != "" {
		dsc.scale.Observe(key, expectations.Create, pod.Name)
		if pod.DeletionTimestamp != nil {
			dsc.scale.Observe(key, expectations.Delete, pod.Name)
		}
		dsc.queue.Add(key)
		return
	}
	if metav1.GetControllerOf(pod) == nil {
		dsc.enqueueSelecting(pod)
	}
}

func (dsc *DaemonSetController) updatePod(old, cur any) {
	oldPod, curPod := old.(*v1.Pod), cur.(*v1.Pod)
	if oldPod.ResourceVersion == curPod.ResourceVersion {
		return
	}
	if oldKey, curKey := ownerKey(oldPod), ownerKey(curPod); oldKey != "" && oldKey != curKey {
		dsc.queue.Add(oldKey)
	}
	if key := ownerKey(curPod); key != "" {
		// A pod with a deletion timestamp is as good as gone for the expectations: apps/v1 counts it so.
		if curPod.DeletionTimestamp != nil {
			dsc.scale.Observe(key, expectations.Delete, curPod.Name)
		}
		dsc.queue.Add(key)
		return
	}
	if metav1.GetControllerOf(curPod) == nil {
		dsc.enqueueSelecting(curPod)
	}
}

func (dsc *DaemonSetController) deletePod(obj any) {
	pod, ok := obj.(*v1.Pod)
	if !ok {
		tomb, isTomb := obj.(cache.DeletedFinalStateUnknown)
		if !isTomb {
			return
		}
		if pod, ok = tomb.Obj.(*v1.Pod); !ok {
			return
		}
	}
	dsc.versions.Forget(pod.UID)
	if key := ownerKey(pod); key != "" {
		dsc.scale.Observe(key, expectations.Delete, pod.Name)
		dsc.queue.Add(key)
	}
}

// enqueueSelecting enqueues the DaemonSets whose selector matches an orphan pod, to adopt it.
func (dsc *DaemonSetController) enqueueSelecting(pod *v1.Pod) {
	if len(pod.Labels) == 0 {
		return
	}
	sets, err := dsc.dsLister.DaemonSets(pod.Namespace).List(labels.Everything())
	if err != nil {
		return
	}
	for _, ds := range sets {
		sel, err := metav1.LabelSelectorAsSelector(ds.Spec.Selector)
		if err != nil || sel.Empty() || !sel.Matches(labels.Set(pod.Labels)) {
			continue
		}
		dsc.queue.Enqueue(ds)
	}
}

// nodeChangeMatters ignores node heartbeats: only labels, taints, the spec or which conditions are
// True can change where daemon pods belong.
func nodeChangeMatters(old, cur *v1.Node) bool {
	if !apiequality.Semantic.DeepEqual(old.Labels, cur.Labels) || !apiequality.Semantic.DeepEqual(old.Spec, cur.Spec) {
		return true
	}
	trueConditions := func(n *v1.Node) map[v1.NodeConditionType]bool {
		m := map[v1.NodeConditionType]bool{}
		for _, c := range n.Status.Conditions {
			if c.Status == v1.ConditionTrue {
				m[c.Type] = true
			}
		}
		return m
	}
	return !apiequality.Semantic.DeepEqual(trueConditions(old), trueConditions(cur))
}

// revisionsOf returns the ControllerRevisions the DaemonSet controls.
func (dsc *DaemonSetController) revisionsOf(ds *v1beta1.DaemonSet) ([]*apps.ControllerRevision, error) {
	all, err := dsc.revLister.ControllerRevisions(ds.Namespace).List(labels.Everything())
	if err != nil {
		return nil, err
	}
	var out []*apps.ControllerRevision
	for _, r := range all {
		if metav1.IsControlledBy(r, ds) {
			out = append(out, r)
		}
	}
	return out, nil
}

// getDaemonSet reads the DaemonSet from the lister; nil when it is gone.
func (dsc *DaemonSetController) getDaemonSet(key string) (*v1beta1.DaemonSet, error) {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil, err
	}
	ds, err := dsc.dsLister.DaemonSets(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	return ds, err
}
