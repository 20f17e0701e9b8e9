// Package cloneset runs the CloneSet controller: it keeps spec.replicas pods named
// <cloneset>-<instance-id> (with their PVCs), rolls them to the newest template by recreating or
// in-place updating them under partition, maxUnavailable and maxSurge, honours lifecycle hooks and
// selective deletion, and reports status for kubectl, the HPA and rollout tooling.
package cloneset

import (
	"context"
	"fmt"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/kubernetes"
	appslisters "k8s.io/client-go/listers/apps/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/klog/v2"

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

// Name is the controller's name in --controllers and --cloneset-workers.
const Name = "cloneset"

var controllerKind = appsv1beta1.SchemeGroupVersion.WithKind("CloneSet")

// Controller reconciles CloneSets with their pods, PVCs and ControllerRevisions.
type Controller struct {
	kube     kubernetes.Interface
	kruise   kruiseclient.Interface
	recorder record.EventRecorder

	cloneSets kruiselisters.CloneSetLister
	pods      corelisters.PodLister
	pvcs      corelisters.PersistentVolumeClaimLister
	revisions appslisters.ControllerRevisionLister
	synced    []cache.InformerSynced

	queue *keyqueue.Queue

	scaleExp  *expectations.Scale
	updateExp *expectations.ResourceVersions

	inplace   inplace.Updater
	lifecycle lifecycle.Client
	revision  revision.Client
	now       func() time.Time
}

// New builds the controller on the shared informers of c.
func New(c *controllercontext.Context) (controllercontext.Runner, error) {
	csInformer := c.KruiseInformers.Apps().V1beta1().CloneSets()
	podInformer := c.KubeInformers.Core().V1().Pods()
	pvcInformer := c.KubeInformers.Core().V1().PersistentVolumeClaims()
	revInformer := c.KubeInformers.Apps().V1().ControllerRevisions()

	ctrl := &Controller{
		kube:      c.KubeClient,
		kruise:    c.KruiseClient,
		recorder:  c.Recorder("cloneset-controller"),
		cloneSets: csInformer.Lister(),
		pods:      podInformer.Lister(),
		pvcs:      pvcInformer.Lister(),
		revisions: revInformer.Lister(),
		synced: []cache.InformerSynced{csInformer.Informer().HasSynced, podInformer.Informer().HasSynced,
			pvcInformer.Informer().HasSynced, revInformer.Informer().HasSynced},
		queue:     keyqueue.New(Name),
		scaleExp:  expectations.NewScale(),
		updateExp: expectations.NewResourceVersions(),
		inplace:   inplace.Updater{Kube: c.KubeClient},
		lifecycle: lifecycle.Client{Kube: c.KubeClient},
		revision:  revision.Client{Kube: c.KubeClient},
		now:       time.Now,
	}

	if _, err := csInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    ctrl.queue.Enqueue,
		UpdateFunc: func(_, obj any) { ctrl.queue.Enqueue(obj) },
		DeleteFunc: ctrl.cloneSetDeleted,
	}); err != nil {
		return nil, err
	}
	if _, err := podInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { ctrl.ownedChanged(obj, expectations.Create) },
		UpdateFunc: func(_, obj any) { ctrl.ownedChanged(obj, "") },
		DeleteFunc: func(obj any) { ctrl.ownedChanged(obj, expectations.Delete) },
	}); err != nil {
		return nil, err
	}
	if _, err := pvcInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { ctrl.ownedChanged(obj, expectations.Create) },
		DeleteFunc: func(obj any) { ctrl.ownedChanged(obj, expectations.Delete) },
	}); err != nil {
		return nil, err
	}
	return ctrl, nil
}

func (c *Controller) cloneSetDeleted(obj any) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	c.scaleExp.Forget(key)
	c.queue.Add(key)
}

// ownedChanged maps a pod or PVC event to its CloneSet, recording the expected create or delete.
func (c *Controller) ownedChanged(obj any, action expectations.Action) {
	if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tomb.Obj
	}
	meta, err := metaOf(obj)
	if err != nil {
		return
	}
	ref := metav1.GetControllerOf(meta)
	if ref == nil || ref.Kind != controllerKind.Kind || ref.APIVersion == "" || !isKruiseApps(ref.APIVersion) {
		return
	}
	key := meta.GetNamespace() + "/" + ref.Name
	if action != "" {
		c.scaleExp.Observe(key, action, kindPrefix(obj)+meta.GetName())
	}
	if action == expectations.Delete {
		c.updateExp.Forget(meta.GetUID())
	}
	c.queue.Add(key)
}

// Run starts workers and blocks until ctx ends.
func (c *Controller) Run(ctx context.Context, workers int) {
	c.queue.Run(ctx, workers, c.sync, c.synced...)
}

// sync reconciles one CloneSet and returns how soon it wants to look again.
func (c *Controller) sync(ctx context.Context, key string) (time.Duration, error) {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return 0, nil
	}
	logger := klog.FromContext(ctx).WithValues("cloneset", key)
	ctx = klog.NewContext(ctx, logger)
	start := c.now()
	defer func() { logger.V(4).Info("Finished syncing", "duration", time.Since(start)) }()

	cached, err := c.cloneSets.CloneSets(ns).Get(name)
	if apierrors.IsNotFound(err) {
		c.scaleExp.Forget(key)
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	cs := cached.DeepCopy()
	selector, err := metav1.LabelSelectorAsSelector(cs.Spec.Selector)
	if err != nil {
		return 0, nil // validation prevents this; nothing can be done until the spec changes
	}
	pods, err := c.ownedPods(cs, selector)
	if err != nil {
		return 0, err
	}
	if cs.DeletionTimestamp != nil {
		return 0, nil
	}

	if ok, pending := c.scaleExp.Satisfied(key); !ok {
		logger.V(4).Info("Waiting for the cache to show earlier writes", "pending", pending)
		return expectations.DefaultTimeout, nil
	}
	for _, p := range pods {
		if !c.updateExp.Satisfied(p) {
			logger.V(4).Info("Waiting for the cache to show an updated pod", "pod", p.Name)
			return time.Second, nil
		}
	}

	revs, err := c.ownedRevisions(cs, selector)
	if err != nil {
		return 0, err
	}
	data, err := revision.TemplatePatch(&cs.Spec.Template)
	if err != nil {
		return 0, err
	}
	res, err := c.revision.Sync(ctx, revision.Owner{Object: cs, Kind: controllerKind, Labels: cs.Spec.Template.Labels},
		revs, data, cs.Status.CollisionCount, cs.Status.CurrentRevision)
	if err != nil {
		return 0, err
	}

	s := &syncState{cs: cs, pods: pods, revisions: res, now: c.now()}
	requeue, err := c.reconcile(ctx, s)
	if statusErr := c.updateStatus(ctx, s); statusErr != nil && err == nil {
		err = statusErr
	}
	if err == nil {
		err = c.truncateHistory(ctx, s)
	}
	if d := s.statusRequeue; d > 0 && (requeue == 0 || d < requeue) {
		requeue = d
	}
	return requeue, err
}

// syncState is one sync's view of a CloneSet.
type syncState struct {
	cs        *appsv1beta1.CloneSet
	pods      []*v1.Pod
	revisions *revision.Result
	now       time.Time
	// scaleErr and updateErr feed the FailedScale and FailedUpdate conditions.
	scaleErr, updateErr error
	statusRequeue       time.Duration
}

func (c *Controller) ownedPods(cs *appsv1beta1.CloneSet, selector labels.Selector) ([]*v1.Pod, error) {
	all, err := c.pods.Pods(cs.Namespace).List(selector)
	if err != nil {
		return nil, err
	}
	var out []*v1.Pod
	for _, p := range all {
		if metav1.IsControlledBy(p, cs) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (c *Controller) ownedRevisions(cs *appsv1beta1.CloneSet, selector labels.Selector) ([]*apps.ControllerRevision, error) {
	all, err := c.revisions.ControllerRevisions(cs.Namespace).List(selector)
	if err != nil {
		return nil, err
	}
	var out []*apps.ControllerRevision
	for _, r := range all {
		if metav1.IsControlledBy(r, cs) {
			out = append(out, r)
		}
	}
	return out, nil
}

func metaOf(obj any) (metav1.Object, error) {
	switch o := obj.(type) {
	case *v1.Pod:
		return o, nil
	case *v1.PersistentVolumeClaim:
		return o, nil
	}
	return nil, fmt.Errorf("unexpected object %T", obj)
}

// kindPrefix keeps pod and PVC names apart in one expectation set.
func kindPrefix(obj any) string {
	if _, ok := obj.(*v1.PersistentVolumeClaim); ok {
		return "pvc/"
	}
	return "pod/"
}

func isKruiseApps(apiVersion string) bool {
	return apiVersion == appsv1beta1.SchemeGroupVersion.String() || apiVersion == "apps.kruise.io/v1alpha1"
}
