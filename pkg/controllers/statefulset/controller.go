// Package statefulset is the Advanced StatefulSet controller: everything the apps/v1 StatefulSet
// controller does for pods with stable identities (ordered or parallel scaling, per-ordinal PVCs and
// their retention policy, partitioned rolling updates, revisions), plus OpenKruise's additions:
// ordinals.start with reserveOrdinals, maxUnavailable for scaling and updates, paused and unordered
// (priority) updates, in-place updates, lifecycle hooks and the specified-delete label.
package statefulset

import (
	"context"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
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
const Name = "statefulset"

// StatefulSetController reconciles Advanced StatefulSets with their pods, PVCs and revisions.
type StatefulSetController struct {
	kruise      kruiseclient.Interface
	setLister   kruiselisters.StatefulSetLister
	podLister   corelisters.PodLister
	claimLister corelisters.PersistentVolumeClaimLister
	revLister   appslisters.ControllerRevisionLister
	synced      []cache.InformerSynced

	queue    *keyqueue.Queue
	recorder record.EventRecorder

	pods      podControl
	revisions revision.Client
	inplace   inplace.Updater
	lifecycle lifecycle.Client

	// scaleExp guards pod creates and deletes, updateExp in-place updates and other pod writes,
	// against decisions taken from a cache that has not caught up with them.
	scaleExp  *expectations.Scale
	updateExp *expectations.ResourceVersions

	now func() time.Time
}

// New builds the controller from the shared informers of c.
func New(c *controllercontext.Context) (controllercontext.Runner, error) {
	return newController(c)
}

func newController(c *controllercontext.Context) (*StatefulSetController, error) {
	sets := c.KruiseInformers.Apps().V1beta1().StatefulSets()
	pods := c.KubeInformers.Core().V1().Pods()
	claims := c.KubeInformers.Core().V1().PersistentVolumeClaims()
	revs := c.KubeInformers.Apps().V1().ControllerRevisions()
	var recorder record.EventRecorder = &record.FakeRecorder{}
	if c.Recorder != nil {
		recorder = c.Recorder("statefulset-controller")
	}
	ctrl := &StatefulSetController{
		kruise:      c.KruiseClient,
		setLister:   sets.Lister(),
		podLister:   pods.Lister(),
		claimLister: claims.Lister(),
		revLister:   revs.Lister(),
		synced: []cache.InformerSynced{sets.Informer().HasSynced, pods.Informer().HasSynced,
			claims.Informer().HasSynced, revs.Informer().HasSynced},
		queue:     keyqueue.New(Name),
		recorder:  recorder,
		pods:      apiPodControl{kube: c.KubeClient},
		revisions: revision.Client{Kube: c.KubeClient},
		inplace:   inplace.Updater{Kube: c.KubeClient},
		lifecycle: lifecycle.Client{Kube: c.KubeClient},
		scaleExp:  expectations.NewScale(),
		updateExp: expectations.NewResourceVersions(),
		now:       time.Now,
	}
	if _, err := sets.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    ctrl.queue.Enqueue,
		UpdateFunc: func(_, obj any) { ctrl.queue.Enqueue(obj) },
		DeleteFunc: ctrl.queue.Enqueue,
	}); err != nil {
		return nil, err
	}
	if _, err := pods.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    ctrl.addPod,
		UpdateFunc: ctrl.updatePod,
		DeleteFunc: ctrl.deletePod,
	}); err != nil {
		return nil, err
	}
	return ctrl, nil
}

// Run starts workers and blocks until ctx ends.
func (c *StatefulSetController) Run(ctx context.Context, workers int) {
	c.queue.Run(ctx, workers, c.sync, c.synced...)
}

// ownerKey returns the key of the Advanced StatefulSet controlling the pod, or "".
func (c *StatefulSetController) ownerKey(pod *v1.Pod) string {
	ref := metav1.GetControllerOf(pod)
	if ref == nil || ref.Kind != controllerKind.Kind || !isKruiseAppsGroup(ref.APIVersion) {
		return ""
	}
	set, err := c.setLister.StatefulSets(pod.Namespace).Get(ref.Name)
	if err != nil || set.UID != ref.UID {
		return ""
	}
	return pod.Namespace + "/" + set.Name
}

func isKruiseAppsGroup(apiVersion string) bool {
	return apiVersion == "apps.kruise.io/v1beta1" || apiVersion == "apps.kruise.io/v1alpha1"
}

// enqueueMatching queues the sets whose selector matches an orphan pod, so they can adopt it.
func (c *StatefulSetController) enqueueMatching(pod *v1.Pod) {
	sets, err := c.setLister.StatefulSets(pod.Namespace).List(labels.Everything())
	if err != nil {
		return
	}
	for _, set := range sets {
		sel, err := metav1.LabelSelectorAsSelector(set.Spec.Selector)
		if err != nil || sel.Empty() || !sel.Matches(labels.Set(pod.Labels)) {
			continue
		}
		if parent, _ := parentAndOrdinal(pod.Name); parent == set.Name {
			c.queue.Add(pod.Namespace + "/" + set.Name)
		}
	}
}

func (c *StatefulSetController) addPod(obj any) {
	pod := obj.(*v1.Pod)
	key := c.ownerKey(pod)
	if key == "" {
		if metav1.GetControllerOf(pod) == nil {
			c.enqueueMatching(pod)
		}
		return
	}
	c.scaleExp.Observe(key, expectations.Create, pod.Name)
	if pod.DeletionTimestamp != nil {
		c.scaleExp.Observe(key, expectations.Delete, pod.Name)
	}
	c.queue.Add(key)
}

func (c *StatefulSetController) updatePod(oldObj, newObj any) {
	oldPod, pod := oldObj.(*v1.Pod), newObj.(*v1.Pod)
	if oldPod.ResourceVersion == pod.ResourceVersion {
		return
	}
	key := c.ownerKey(pod)
	if oldKey := c.ownerKey(oldPod); oldKey != "" && oldKey != key {
		c.queue.Add(oldKey)
	}
	if key == "" {
		if metav1.GetControllerOf(pod) == nil {
			c.enqueueMatching(pod)
		}
		return
	}
	// A delete counts as observed once the cache shows the pod terminating: finalizers may keep
	// it for long, and the ordinal is not recreated before it is gone anyway.
	if pod.DeletionTimestamp != nil {
		c.scaleExp.Observe(key, expectations.Delete, pod.Name)
	}
	c.queue.Add(key)
}

func (c *StatefulSetController) deletePod(obj any) {
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
	key := c.ownerKey(pod)
	if key == "" {
		return
	}
	c.scaleExp.Observe(key, expectations.Delete, pod.Name)
	c.updateExp.Forget(pod.UID)
	c.queue.Add(key)
}

// setFor reads the set of key, nil when it is gone.
func (c *StatefulSetController) setFor(key string) (*appsv1beta1.StatefulSet, error) {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil, err
	}
	set, err := c.setLister.StatefulSets(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	return set, err
}
