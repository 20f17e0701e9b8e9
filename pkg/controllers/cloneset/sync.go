package cloneset

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/expectations"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podpatch"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/updateorder"
)

// reconcile refreshes pods, then scales, then (when scaling had nothing to do) updates.
func (c *Controller) reconcile(ctx context.Context, s *syncState) (time.Duration, error) {
	requeue, err := c.refreshPods(ctx, s)
	if err != nil {
		return 0, err
	}
	active := activePods(s.pods)
	infos := classify(s.cs, active, s.revisions.Update.Name, s.now)
	l := resolveLimits(s.cs)

	changed, err := c.scale(ctx, s, l, infos)
	if err != nil {
		s.scaleErr = err
		return 0, err
	}
	if changed {
		return requeue, nil
	}
	if err := c.cleanPodsToDelete(ctx, s); err != nil {
		return 0, err
	}
	if err := c.update(ctx, s, l, infos); err != nil {
		s.updateErr = err
		return 0, err
	}
	return requeue, nil
}

func activePods(pods []*v1.Pod) []*v1.Pod {
	var out []*v1.Pod
	for _, p := range pods {
		if podstate.IsActive(p) {
			out = append(out, p)
		}
	}
	return out
}

// writeWorkers bounds the concurrent pod writes of one sync; the client's QPS limit still applies.
const writeWorkers = 16

// forEachPod runs write for each pod concurrently and returns the first error.
func forEachPod(ctx context.Context, pods []*v1.Pod, write func(i int, pod *v1.Pod) error) error {
	var mu sync.Mutex
	var first error
	workqueue.ParallelizeUntil(ctx, writeWorkers, len(pods), func(i int) {
		if err := write(i, pods[i]); err != nil {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	})
	return first
}

// refreshPods moves in-place updates and lifecycle states along and returns how soon a pod needs
// another look (grace periods, minReadySeconds).
func (c *Controller) refreshPods(ctx context.Context, s *syncState) (time.Duration, error) {
	var mu sync.Mutex
	var requeue time.Duration
	soonest := func(d time.Duration) {
		if d > 0 && (requeue == 0 || d < requeue) {
			requeue = d
		}
	}
	err := forEachPod(ctx, s.pods, func(i int, pod *v1.Pod) error {
		if !podstate.IsActive(pod) {
			return nil
		}
		p, wait, err := c.refreshPod(ctx, s, pod)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		soonest(wait)
		soonest(podstate.AvailableIn(p, s.cs.Spec.MinReadySeconds, s.now))
		if p != pod {
			c.updateExp.Expect(p)
			s.pods[i] = p
		}
		return nil
	})
	return requeue, err
}

// refreshPod writes, in one pods/status call where it can, what the pod needs next: the end of an
// in-place update (InPlaceUpdateReady True), the lifecycle state that follows, the KruisePodReady
// condition of a new pod. Parked images whose grace period ended take a spec patch of their own.
func (c *Controller) refreshPod(ctx context.Context, s *syncState, pod *v1.Pod) (*v1.Pod, time.Duration, error) {
	plan := inplace.PlanRefresh(pod, s.now)
	if plan.Images != nil {
		p, err := c.inplace.ApplyImages(ctx, pod, plan.Images)
		return p, 0, err
	}
	hooks := s.cs.Spec.Lifecycle
	if hooks == nil {
		hooks = &pub.Lifecycle{}
	}
	var change podpatch.Change
	updating := inplace.IsUpdating(pod)
	if plan.Ready != nil {
		change.Conditions = append(change.Conditions, *plan.Ready)
		updating = false
	}
	release := ""
	switch lifecycle.State(pod) {
	case pub.LifecycleStatePreparingNormal:
		if lifecycle.IsAllHooked(hooks.PreNormal, pod) {
			lifecycle.AddStateChange(&change, pod, pub.LifecycleStateNormal, s.now)
		}
	case pub.LifecycleStateUpdating:
		if pod.Labels[revisionLabel] == s.revisions.Update.Name && !updating {
			next := pub.LifecycleStateNormal
			if hooks.InPlaceUpdate != nil {
				next = pub.LifecycleStateUpdated
			}
			lifecycle.AddStateChange(&change, pod, next, s.now)
			release = lifecycle.PreUpdateHolder
		}
	case pub.LifecycleStateUpdated:
		if lifecycle.IsAllHooked(hooks.InPlaceUpdate, pod) {
			lifecycle.AddStateChange(&change, pod, pub.LifecycleStateNormal, s.now)
		}
	case pub.LifecycleStatePreparingUpdate:
		if pod.Labels[revisionLabel] == s.revisions.Update.Name {
			// The template went back to this pod's revision while it waited: nothing to do.
			lifecycle.AddStateChange(&change, pod, pub.LifecycleStateNormal, s.now)
			release = lifecycle.PreUpdateHolder
		}
	}
	if cond := lifecycle.ReadyCondition(pod, "", release, s.now); cond != nil {
		change.Conditions = append(change.Conditions, *cond)
	}
	p, err := podpatch.Status(ctx, c.kube, pod, change)
	return p, plan.Wait, err
}

// scale deletes and creates pods (and PVCs) per planScale, and reports whether it wrote anything.
func (c *Controller) scale(ctx context.Context, s *syncState, l limits, infos []podInfo) (bool, error) {
	cs := s.cs
	key := cs.Namespace + "/" + cs.Name
	changed := false

	// PVCs of instances with no pod: reused by new pods when reuse is on, removed otherwise.
	pvcs, err := c.ownedPVCs(cs)
	if err != nil {
		return false, err
	}
	taken, terminating := map[string]bool{}, map[string]bool{}
	for _, p := range s.pods {
		id := p.Labels[appsv1beta1.CloneSetInstanceID]
		if podstate.IsActive(p) {
			taken[id] = true
		} else {
			terminating[id] = true
		}
	}
	var reusable []string
	for id, claims := range pvcs {
		if taken[id] {
			continue
		}
		if cs.Spec.ScaleStrategy.EnablePVCReuse {
			// The instance of a terminating pod comes back under the same name once it is gone.
			reusable = append(reusable, id)
			continue
		}
		if terminating[id] {
			continue
		}
		if err := c.deletePVCs(ctx, key, claims); err != nil {
			return false, err
		}
		changed = true
	}
	slices.Sort(reusable)

	plan := planScale(l, infos, cs.Spec.ScaleStrategy.ExcludePreparingDelete)
	var mu sync.Mutex
	err = forEachPod(ctx, plan.deletions, func(_ int, pod *v1.Pod) error {
		wrote, err := c.deleteOrPrepare(ctx, s, pod, pvcs[pod.Labels[appsv1beta1.CloneSetInstanceID]])
		mu.Lock()
		changed = changed || wrote
		mu.Unlock()
		return err
	})
	if err != nil {
		return false, err
	}

	n := plan.createCurrent + plan.createUpdate
	if n == 0 {
		return changed, nil
	}
	for id := range pvcs {
		taken[id] = true
	}
	for id := range terminating {
		if _, reused := pvcs[id]; !reused || !cs.Spec.ScaleStrategy.EnablePVCReuse {
			taken[id] = true
		}
	}
	ids := newInstanceIDs(n, reusable, taken)
	var pods []*v1.Pod
	var claims []*v1.PersistentVolumeClaim
	for i, id := range ids {
		if terminating[id] {
			changed = true // wait for the old pod of this instance to go; its deletion brings us back
			continue
		}
		rev := s.revisions.Update
		if i < plan.createCurrent {
			rev = s.revisions.Current
		}
		tmpl, err := revision.Template(rev)
		if err != nil {
			return false, err
		}
		pods = append(pods, newPod(cs, tmpl, rev.Name, revisionHash(cs, rev.Name), id, s.now))
		if _, reused := pvcs[id]; !reused {
			claims = append(claims, newPVCs(cs, id)...)
		}
	}
	if len(pods) == 0 {
		return changed, nil
	}
	if err := c.createAll(ctx, key, claims, pods); err != nil {
		c.recorder.Eventf(cs, v1.EventTypeWarning, "FailedCreate", "Failed to create pods: %v", err)
		return true, err
	}
	c.recorder.Eventf(cs, v1.EventTypeNormal, "SuccessfulCreate", "Created %d pod(s)", len(pods))
	return true, nil
}

// deleteOrPrepare deletes a pod and its PVCs, unless a preDelete hook still holds it: then the pod
// waits in PreparingDelete (marked not ready when the hook asks) until the hook lets go.
func (c *Controller) deleteOrPrepare(ctx context.Context, s *syncState, pod *v1.Pod, claims []*v1.PersistentVolumeClaim) (bool, error) {
	key := s.cs.Namespace + "/" + s.cs.Name
	if hook := lifecycleHook(s.cs, func(l *pub.Lifecycle) *pub.LifecycleHook { return l.PreDelete }); lifecycle.IsHooked(hook, pod) {
		if lifecycle.State(pod) == pub.LifecycleStatePreparingDelete {
			return false, nil
		}
		holder := ""
		if hook.MarkPodNotReady {
			holder = lifecycle.PreDeleteHolder
		}
		p, err := c.lifecycle.SetState(ctx, pod, pub.LifecycleStatePreparingDelete, holder, "")
		if err != nil {
			return false, err
		}
		c.updateExp.Expect(p)
		return true, nil
	}
	c.scaleExp.Expect(key, expectations.Delete, "pod/"+pod.Name)
	err := c.kube.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &pod.UID}})
	if err != nil {
		c.scaleExp.Observe(key, expectations.Delete, "pod/"+pod.Name)
		if !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
			return false, err
		}
	}
	c.recorder.Eventf(s.cs, v1.EventTypeNormal, "SuccessfulDelete", "Deleted pod %s", pod.Name)
	return true, c.deletePVCs(ctx, key, claims)
}

func (c *Controller) deletePVCs(ctx context.Context, key string, claims []*v1.PersistentVolumeClaim) error {
	for _, pvc := range claims {
		if pvc.DeletionTimestamp != nil {
			continue
		}
		c.scaleExp.Expect(key, expectations.Delete, "pvc/"+pvc.Name)
		err := c.kube.CoreV1().PersistentVolumeClaims(pvc.Namespace).Delete(ctx, pvc.Name, metav1.DeleteOptions{})
		if err != nil {
			c.scaleExp.Observe(key, expectations.Delete, "pvc/"+pvc.Name)
			if !apierrors.IsNotFound(err) {
				return err
			}
		}
	}
	return nil
}

// createAll creates the PVCs, then the pods, in batches that double while they succeed (1, 2, 4,
// ...), so a quota or admission failure costs one call rather than hundreds.
func (c *Controller) createAll(ctx context.Context, key string, claims []*v1.PersistentVolumeClaim, pods []*v1.Pod) error {
	for _, pvc := range claims {
		c.scaleExp.Expect(key, expectations.Create, "pvc/"+pvc.Name)
		if _, err := c.kube.CoreV1().PersistentVolumeClaims(pvc.Namespace).Create(ctx, pvc, metav1.CreateOptions{}); err != nil {
			c.scaleExp.Observe(key, expectations.Create, "pvc/"+pvc.Name)
			if !apierrors.IsAlreadyExists(err) {
				return err
			}
		}
	}
	// A batch waits for its creates only; the readiness-gate conditions of the pods created are
	// written alongside the next batches (and all before createAll returns).
	var conditions sync.WaitGroup
	defer conditions.Wait()
	for batch, done := 1, 0; done < len(pods); batch *= 2 {
		chunk := pods[done:min(done+batch, len(pods))]
		errs := make([]error, len(chunk))
		var creates sync.WaitGroup
		for i, pod := range chunk {
			c.scaleExp.Expect(key, expectations.Create, "pod/"+pod.Name)
			creates.Add(1)
			go func() {
				defer creates.Done()
				created, err := c.kube.CoreV1().Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{})
				if err != nil {
					c.scaleExp.Observe(key, expectations.Create, "pod/"+pod.Name)
					errs[i] = err
					return
				}
				// The conditions nobody holds yet, written at once rather than on the next sync,
				// so the pod is Ready as soon as its containers are.
				conditions.Go(func() {
					if ready, err := podpatch.Status(ctx, c.kube, created, podpatch.Change{Conditions: initialConditions(created, c.now())}); err == nil {
						c.updateExp.Expect(ready)
					}
				})
			}()
		}
		creates.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		done += len(chunk)
	}
	return nil
}

// ownedPVCs groups the CloneSet's PVCs by instance id.
func (c *Controller) ownedPVCs(cs *appsv1beta1.CloneSet) (map[string][]*v1.PersistentVolumeClaim, error) {
	out := map[string][]*v1.PersistentVolumeClaim{}
	if len(cs.Spec.VolumeClaimTemplates) == 0 {
		return out, nil
	}
	all, err := c.pvcs.PersistentVolumeClaims(cs.Namespace).List(labels.Everything())
	if err != nil {
		return nil, err
	}
	for _, pvc := range all {
		id, ok := pvc.Labels[appsv1beta1.CloneSetInstanceID]
		if ok && metav1.IsControlledBy(pvc, cs) {
			out[id] = append(out[id], pvc)
		}
	}
	return out, nil
}

// update moves old-revision pods to the update revision: in place when the policy and the
// template change allow it, otherwise by marking them for deletion so scale replaces them.
func (c *Controller) update(ctx context.Context, s *syncState, l limits, infos []podInfo) error {
	cs := s.cs
	ru := cs.Spec.UpdateStrategy.RollingUpdate
	if cs.Spec.UpdateStrategy.Type == appsv1beta1.OnDeleteCloneSetUpdateStrategyType || ru == nil || ru.Paused {
		return nil
	}
	var candidates []*v1.Pod
	for _, in := range infos {
		if !in.updated && !in.toDelete && !in.preparingDelete {
			candidates = append(candidates, in.pod)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	var scatter []updateorder.ScatterTerm
	for _, t := range ru.ScatterStrategy {
		scatter = append(scatter, updateorder.ScatterTerm{Key: t.Key, Value: t.Value})
	}
	readyByPod := map[*v1.Pod]bool{}
	for _, in := range infos {
		readyByPod[in.pod] = in.available
	}
	updateorder.Sort(candidates, ru.PriorityStrategy, scatter, func(p *v1.Pod) bool { return readyByPod[p] })

	target, err := revision.Template(s.revisions.Update)
	if err != nil {
		return err
	}
	return forEachPod(ctx, planUpdate(l, infos, candidates), func(_ int, pod *v1.Pod) error {
		return c.updatePod(ctx, s, pod, target)
	})
}

func (c *Controller) updatePod(ctx context.Context, s *syncState, pod *v1.Pod, target *v1.PodTemplateSpec) error {
	cs := s.cs
	ru := cs.Spec.UpdateStrategy.RollingUpdate
	policy := ru.PodUpdatePolicy
	if policy == "" {
		policy = appsv1beta1.RecreateCloneSetPodUpdateStrategyType
	}
	var spec *inplace.Spec
	if policy != appsv1beta1.RecreateCloneSetPodUpdateStrategyType {
		for _, r := range s.revisions.Revisions {
			if r.Name != pod.Labels[revisionLabel] {
				continue
			}
			if from, err := revision.Template(r); err == nil {
				if d, ok := inplace.Diff(from, target); ok {
					spec = d
				}
			}
		}
		if spec == nil && policy == appsv1beta1.InPlaceOnlyCloneSetPodUpdateStrategyType {
			c.recorder.Eventf(cs, v1.EventTypeWarning, "FailedUpdatePodInPlace",
				"Pod %s cannot be updated in place to revision %s and podUpdatePolicy is InPlaceOnly", pod.Name, s.revisions.Update.Name)
			return nil
		}
	}
	if spec == nil {
		return c.markForRecreate(ctx, cs, pod)
	}

	hook := lifecycleHook(cs, func(l *pub.Lifecycle) *pub.LifecycleHook { return l.InPlaceUpdate })
	if lifecycle.IsHooked(hook, pod) {
		if lifecycle.State(pod) != pub.LifecycleStatePreparingUpdate {
			holder := ""
			if hook.MarkPodNotReady {
				holder = lifecycle.PreUpdateHolder
			}
			p, err := c.lifecycle.SetState(ctx, pod, pub.LifecycleStatePreparingUpdate, holder, "")
			if err != nil {
				return err
			}
			c.updateExp.Expect(p)
		}
		return nil
	}

	spec.Revision = s.revisions.Update.Name
	if spec.Labels == nil {
		spec.Labels = map[string]string{}
	}
	spec.Labels[revisionLabel] = s.revisions.Update.Name
	spec.Labels[podTemplateHashLabel] = revisionHash(cs, s.revisions.Update.Name)
	spec.Labels[pub.LifecycleStateKey] = string(pub.LifecycleStateUpdating)
	if spec.Annotations == nil {
		spec.Annotations = map[string]string{}
	}
	spec.Annotations[pub.LifecycleTimestampKey] = s.now.UTC().Format(time.RFC3339)
	if ips := ru.InPlaceUpdateStrategy; ips != nil {
		spec.GraceSeconds = ips.GracePeriodSeconds
	}
	p, err := c.inplace.Start(ctx, pod, spec)
	if err != nil {
		c.recorder.Eventf(cs, v1.EventTypeWarning, "FailedUpdatePodInPlace", "Failed to update pod %s in place: %v", pod.Name, err)
		return err
	}
	c.updateExp.Expect(p)
	c.recorder.Eventf(cs, v1.EventTypeNormal, "SuccessfulUpdatePodInPlace", "Updated pod %s in place to revision %s", pod.Name, spec.Revision)
	return nil
}

// markForRecreate labels the pod apps.kruise.io/specified-delete, so scaling replaces it at the
// update revision within maxUnavailable and maxSurge.
func (c *Controller) markForRecreate(ctx context.Context, cs *appsv1beta1.CloneSet, pod *v1.Pod) error {
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"labels": map[string]string{pub.SpecifiedDeleteKey: "true"}}})
	p, err := c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
	if err != nil {
		return err
	}
	c.updateExp.Expect(p)
	klog.FromContext(ctx).V(2).Info("Marked pod for recreation", "pod", pod.Name)
	return nil
}

// cleanPodsToDelete drops names from scaleStrategy.podsToDelete once no such pod exists.
func (c *Controller) cleanPodsToDelete(ctx context.Context, s *syncState) error {
	names := s.cs.Spec.ScaleStrategy.PodsToDelete
	if len(names) == 0 {
		return nil
	}
	exists := map[string]bool{}
	for _, p := range s.pods {
		exists[p.Name] = true
	}
	kept := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return !exists[n] })
	if len(kept) == len(names) {
		return nil
	}
	latest, err := c.kruise.AppsV1beta1().CloneSets(s.cs.Namespace).Get(ctx, s.cs.Name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	latest.Spec.ScaleStrategy.PodsToDelete = slices.DeleteFunc(latest.Spec.ScaleStrategy.PodsToDelete, func(n string) bool { return !exists[n] })
	_, err = c.kruise.AppsV1beta1().CloneSets(s.cs.Namespace).Update(ctx, latest, metav1.UpdateOptions{})
	if apierrors.IsConflict(err) {
		return nil // the CloneSet changed: the next sync sees the new version
	}
	return err
}

func lifecycleHook(cs *appsv1beta1.CloneSet, pick func(*pub.Lifecycle) *pub.LifecycleHook) *pub.LifecycleHook {
	if cs.Spec.Lifecycle == nil {
		return nil
	}
	return pick(cs.Spec.Lifecycle)
}
