// Package keyqueue is the work loop every workload controller here runs: a rate-limited queue of
// namespace/name keys and workers that sync one key at a time. A failed sync backs off; a sync may
// ask to look at its key again after a delay (a grace period, minReadySeconds, a deadline).
package keyqueue

import (
	"context"
	"time"

	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

// SyncFunc reconciles one key and returns how soon it wants to see the key again (0: only on the
// next event).
type SyncFunc func(ctx context.Context, key string) (time.Duration, error)

// Queue is a named rate-limited queue of object keys.
type Queue struct {
	workqueue.TypedRateLimitingInterface[string]
	name string
}

// New returns an empty queue; name labels its metrics and logs.
func New(name string) *Queue {
	return &Queue{
		TypedRateLimitingInterface: workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.DefaultTypedControllerRateLimiter[string](), workqueue.TypedRateLimitingQueueConfig[string]{Name: name}),
		name: name,
	}
}

// Enqueue adds the namespace/name key of obj, a deleted object's tombstone included.
func (q *Queue) Enqueue(obj any) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		utilruntime.HandleError(err)
		return
	}
	q.Add(key)
}

// Run waits for the informer caches, then runs workers calling sync until ctx ends, and shuts the
// queue down.
func (q *Queue) Run(ctx context.Context, workers int, sync SyncFunc, synced ...cache.InformerSynced) {
	defer utilruntime.HandleCrash()
	defer q.ShutDown()
	logger := klog.FromContext(ctx).WithValues("controller", q.name)
	if !cache.WaitForNamedCacheSync(q.name, ctx.Done(), synced...) {
		return
	}
	logger.Info("Starting controller", "workers", workers)
	for i := 0; i < workers; i++ {
		go wait.UntilWithContext(ctx, func(ctx context.Context) {
			for q.processNext(ctx, sync) {
			}
		}, time.Second)
	}
	<-ctx.Done()
	logger.Info("Stopping controller")
}

func (q *Queue) processNext(ctx context.Context, sync SyncFunc) bool {
	key, quit := q.Get()
	if quit {
		return false
	}
	defer q.Done(key)
	requeue, err := sync(ctx, key)
	if err != nil {
		utilruntime.HandleErrorWithContext(ctx, err, "Sync failed", "controller", q.name, "key", key)
		q.AddRateLimited(key)
		return true
	}
	q.Forget(key)
	if requeue > 0 {
		q.AddAfter(key, requeue)
	}
	return true
}
