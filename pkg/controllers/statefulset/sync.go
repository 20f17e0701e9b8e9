package statefulset

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/util/retry"
	"k8s.io/klog/v2"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
)

// sync reconciles one set: revisions first, then pods (scale, then update), then status. It
// returns how soon the set wants another look (0: only on events).
func (c *StatefulSetController) sync(ctx context.Context, key string) (time.Duration, error) {
	cached, err := c.setFor(key)
	if err != nil {
		return 0, err
	}
	if cached == nil {
		c.scaleExp.Forget(key)
		return 0, nil
	}
	set := cached.DeepCopy()
	sel, err := metav1.LabelSelectorAsSelector(set.Spec.Selector)
	if err != nil || sel.Empty() {
		// Validation rejects such sets; an empty selector would claim every pod of the namespace.
		return 0, nil
	}
	pods, err := c.ownedPods(ctx, set, sel)
	if err != nil {
		return 0, err
	}
	revs, err := c.ownedRevisions(set, sel)
	if err != nil {
		return 0, err
	}
	data, err := revision.TemplatePatch(&set.Spec.Template)
	if err != nil {
		return 0, err
	}
	res, err := c.revisions.Sync(ctx, revision.Owner{Object: set, Kind: controllerKind, Labels: set.Spec.Template.Labels},
		revs, data, set.Status.CollisionCount, set.Status.CurrentRevision)
	if err != nil {
		return 0, err
	}

	r := &round{c: c, set: set, key: key, now: c.now(), current: res.Current, update: res.Update, revs: res.Revisions}
	r.status = appsv1beta1.StatefulSetStatus{
		ObservedGeneration: set.Generation,
		CurrentRevision:    res.Current.Name,
		UpdateRevision:     res.Update.Name,
		CollisionCount:     &res.CollisionCount,
		LabelSelector:      sel.String(),
		Conditions:         append([]apps.StatefulSetCondition(nil), set.Status.Conditions...),
		VolumeClaims:       set.Status.VolumeClaims,
	}
	syncErr := r.reconcile(ctx, pods)

	countStatus(&r.status, pods, minReadySecondsOf(set), r.now)
	completeRollingUpdate(set, &r.status)
	statusErr := c.writeStatus(ctx, set, &r.status)

	inUse := map[string]bool{r.status.CurrentRevision: true, r.status.UpdateRevision: true}
	for _, p := range pods {
		inUse[revisionOf(p)] = true
	}
	limit := int32(10)
	if set.Spec.RevisionHistoryLimit != nil {
		limit = *set.Spec.RevisionHistoryLimit
	}
	truncErr := c.revisions.Truncate(ctx, res.Revisions, inUse, limit)
	return r.requeue, utilerrors.NewAggregate([]error{syncErr, statusErr, truncErr})
}

// ownedPods lists the set's pods, adopting orphans that match its selector and carry its name.
func (c *StatefulSetController) ownedPods(ctx context.Context, set *appsv1beta1.StatefulSet, sel labels.Selector) ([]*v1.Pod, error) {
	all, err := c.podLister.Pods(set.Namespace).List(sel)
	if err != nil {
		return nil, err
	}
	var out []*v1.Pod
	for _, p := range all {
		ref := metav1.GetControllerOf(p)
		switch {
		case ref != nil && ref.UID == set.UID:
			out = append(out, p)
		case ref == nil && set.DeletionTimestamp == nil && p.DeletionTimestamp == nil:
			if parent, _ := parentAndOrdinal(p.Name); parent != set.Name {
				continue
			}
			adopted, err := c.pods.AdoptPod(ctx, p, *metav1.NewControllerRef(set, controllerKind))
			if err != nil {
				if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
					continue
				}
				return nil, err
			}
			c.updateExp.Expect(adopted)
			out = append(out, adopted)
		}
	}
	return out, nil
}

func (c *StatefulSetController) ownedRevisions(set *appsv1beta1.StatefulSet, sel labels.Selector) ([]*apps.ControllerRevision, error) {
	all, err := c.revLister.ControllerRevisions(set.Namespace).List(sel)
	if err != nil {
		return nil, err
	}
	var out []*apps.ControllerRevision
	for _, rev := range all {
		if ref := metav1.GetControllerOf(rev); ref != nil && ref.UID == set.UID {
			out = append(out, rev)
		}
	}
	return out, nil
}

// writeStatus stores status when it differs from what the set shows, retrying on conflicts
// against the latest copy.
func (c *StatefulSetController) writeStatus(ctx context.Context, set *appsv1beta1.StatefulSet, status *appsv1beta1.StatefulSetStatus) error {
	if equality.Semantic.DeepEqual(&set.Status, status) {
		return nil
	}
	toWrite := set.DeepCopy()
	return retry.RetryOnConflict(retry.DefaultBackoff, func() error {
		toWrite.Status = *status
		_, err := c.kruise.AppsV1beta1().StatefulSets(toWrite.Namespace).UpdateStatus(ctx, toWrite, metav1.UpdateOptions{})
		if !apierrors.IsConflict(err) {
			return err
		}
		latest, getErr := c.kruise.AppsV1beta1().StatefulSets(toWrite.Namespace).Get(ctx, toWrite.Name, metav1.GetOptions{})
		if getErr != nil {
			return getErr
		}
		if latest.UID != set.UID {
			return nil
		}
		toWrite = latest
		return err
	})
}

// round is the state of one sync of one set.
type round struct {
	c               *StatefulSetController
	set             *appsv1beta1.StatefulSet
	key             string
	now             time.Time
	current, update *apps.ControllerRevision
	revs            []*apps.ControllerRevision

	mu      sync.Mutex
	status  appsv1beta1.StatefulSetStatus
	requeue time.Duration
}

// after asks for another sync within d.
func (r *round) after(d time.Duration) {
	if d <= 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.requeue == 0 || d < r.requeue {
		r.requeue = d
	}
}

func (r *round) fail(t apps.StatefulSetConditionType, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	setCondition(&r.status, t, "", err.Error(), r.now)
}

// reconcile creates, deletes and updates pods. In OrderedReady mode it takes at most one step per
// sync and only once every pod before it is available; in Parallel mode it does all it may.
func (r *round) reconcile(ctx context.Context, pods []*v1.Pod) error {
	set, c := r.set, r.c
	if set.DeletionTimestamp != nil {
		return nil
	}
	if ok, pending := c.scaleExp.Satisfied(r.key); !ok {
		klog.V(4).InfoS("Waiting for pod creates/deletes to show in the cache", "statefulSet", r.key, "pending", pending)
		return nil
	}
	for _, p := range pods {
		if !c.updateExp.Satisfied(p) {
			klog.V(4).InfoS("Waiting for a pod update to show in the cache", "statefulSet", r.key, "pod", p.Name)
			return nil
		}
	}

	rng := rangeOf(set)
	byOrdinal, condemned := rng.split(pods)
	var live []*v1.Pod
	for _, ord := range rng.ordinals() {
		if p := byOrdinal[ord]; p != nil {
			live = append(live, p)
		}
	}
	// Refreshing writes to many pods at once when a batch of in-place updates completes.
	err := parallel(len(live), func(i int) error {
		p := live[i]
		if !isCreated(p) || podstate.IsTerminating(p) {
			return nil
		}
		refreshed, err := r.refresh(ctx, p)
		if err == nil {
			live[i] = refreshed
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, p := range live {
		byOrdinal[ordinalOf(p)] = p
	}

	monotonic := set.Spec.PodManagementPolicy != apps.ParallelPodManagement
	stop, err := r.scale(ctx, rng, byOrdinal, live, monotonic)
	if err != nil || stop {
		return err
	}
	if stop, err := r.condemn(ctx, live, condemned, monotonic); err != nil || stop {
		return err
	}
	if set.Spec.UpdateStrategy.Type == apps.OnDeleteStatefulSetStrategyType {
		return nil
	}
	return r.rollingUpdate(ctx, rng, live)
}

// scale walks the wanted ordinals in order, creating missing pods and replacing failed ones.
// It returns stop=true when OrderedReady must wait before doing anything else.
func (r *round) scale(ctx context.Context, rng ordinalRange, byOrdinal map[int]*v1.Pod, live []*v1.Pod, monotonic bool) (bool, error) {
	set := r.set
	minReady := minReadySecondsOf(set)
	budget := scaleMaxUnavailableOf(set)
	// spend uses one unit of scaleStrategy.maxUnavailable and reports when it is exhausted.
	spend := func() bool {
		if budget < 0 {
			return false
		}
		budget--
		return budget <= 0
	}
	var creates []int
walk:
	for _, ord := range rng.ordinals() {
		p := byOrdinal[ord]
		switch {
		case p == nil:
			creates = append(creates, ord)
			if monotonic || spend() {
				break walk
			}
			continue
		case p.Status.Phase == v1.PodFailed || p.Status.Phase == v1.PodSucceeded:
			// A pod that ran to completion (evicted, node restarted) is replaced whatever its exit code.
			if spend() {
				break walk
			}
			if !podstate.IsTerminating(p) {
				if _, err := r.remove(ctx, p); err != nil {
					return true, err
				}
			}
			if monotonic {
				return true, nil
			}
			continue
		}
		if p.Status.Phase == v1.PodPending {
			// PVCs deleted behind the pod's back would keep it pending forever.
			if err := r.ensureClaims(ctx, p, ord); err != nil {
				return true, err
			}
		}
		if podstate.IsTerminating(p) {
			if monotonic {
				return true, nil
			}
			if spend() {
				break walk
			}
			continue
		}
		if !isAvailable(p, minReady, r.now) {
			r.after(availableIn(p, minReady, r.now))
			if monotonic {
				return true, nil
			}
			if spend() {
				break walk
			}
		}
		if err := r.keepIdentity(ctx, p, rng); err != nil {
			r.fail(appsv1beta1.FailedUpdatePod, err)
			return true, err
		}
	}
	if len(creates) == 0 {
		return false, nil
	}
	err := slowStart(len(creates), func(i int) error { return r.create(ctx, rng, creates[i], live) })
	if errors.Is(err, errNamespaceTerminating) {
		return true, nil
	}
	return monotonic || err != nil, err
}

// condemn deletes the pods outside the wanted ordinals, highest ordinal first. OrderedReady deletes
// one at a time, each only once the pods below it are running and ready.
func (r *round) condemn(ctx context.Context, live, condemned []*v1.Pod, monotonic bool) (bool, error) {
	for _, p := range condemned {
		if err := r.syncClaimOwners(ctx, p, true); err != nil {
			return true, err
		}
	}
	var firstUnhealthy *v1.Pod
	for _, p := range append(append([]*v1.Pod(nil), live...), condemned...) {
		if !isHealthy(p) && (firstUnhealthy == nil || ordinalOf(p) < ordinalOf(firstUnhealthy)) {
			firstUnhealthy = p
		}
	}
	minReady := minReadySecondsOf(r.set)
	for _, p := range condemned {
		if podstate.IsTerminating(p) {
			if monotonic {
				return true, nil
			}
			continue
		}
		if monotonic && p != firstUnhealthy {
			if !isHealthy(p) {
				return true, nil
			}
			if !isAvailable(p, minReady, r.now) {
				r.after(availableIn(p, minReady, r.now))
				return true, nil
			}
		}
		if _, err := r.remove(ctx, p); err != nil {
			return true, err
		}
		if monotonic {
			return true, nil
		}
	}
	return false, nil
}

// rollingUpdate deletes pods labelled for deletion and moves pods to the update revision, keeping
// at most maxUnavailable pods out of service.
func (r *round) rollingUpdate(ctx context.Context, rng ordinalRange, live []*v1.Pod) error {
	set := r.set
	if ru := set.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.Paused {
		return nil
	}
	minReady := minReadySecondsOf(set)
	maxUnavailable := maxUnavailableOf(set)
	unavailable := map[string]bool{}
	for _, p := range live {
		if !isHealthy(p) || inPlaceBusy(p) || !isAvailable(p, minReady, r.now) {
			unavailable[p.Name] = true
			r.after(availableIn(p, minReady, r.now))
		}
	}
	specified := map[string]bool{}
	for _, p := range specifiedDeleteNow(live, unavailable, maxUnavailable) {
		specified[p.Name] = true
		if podstate.IsTerminating(p) {
			continue
		}
		if _, err := r.remove(ctx, p); err != nil {
			return err
		}
	}
	var todo []*v1.Pod
	candidates := updateCandidates(live, rng, r.update.Name, partitionOf(set), unorderedOf(set))
	for _, p := range toUpdateNow(candidates, r.update.Name, unavailable, maxUnavailable) {
		if !specified[p.Name] && !podstate.IsTerminating(p) {
			todo = append(todo, p)
		}
	}
	return parallel(len(todo), func(i int) error { return r.updatePod(ctx, todo[i]) })
}

// slowStart runs fn for 0..n-1 in batches of 1, 2, 4, ... (each batch in parallel) and stops after
// the first batch with an error, so a create that fails for every pod (quota, admission) costs a
// few requests, not n.
func slowStart(n int, fn func(i int) error) error {
	for done, size := 0, 1; done < n; size *= 2 {
		batch := min(size, n-done)
		offset := done
		if err := parallel(batch, func(i int) error { return fn(offset + i) }); err != nil {
			for _, e := range flatten(err) {
				if errors.Is(e, errNamespaceTerminating) {
					return errNamespaceTerminating
				}
			}
			return err
		}
		done += batch
	}
	return nil
}

func flatten(err error) []error {
	if agg, ok := err.(utilerrors.Aggregate); ok {
		return agg.Errors()
	}
	return []error{err}
}

// parallel runs fn for 0..n-1 on up to 16 goroutines and returns their errors together.
func parallel(n int, fn func(i int) error) error {
	if n == 0 {
		return nil
	}
	if n == 1 {
		return fn(0)
	}
	errs := make([]error, n)
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = fn(i)
		}(i)
	}
	wg.Wait()
	return utilerrors.NewAggregate(errs)
}

func (r *round) event(pod *v1.Pod, verb string, err error) {
	if err == nil {
		r.c.recorder.Eventf(r.set, v1.EventTypeNormal, "Successful"+verb, "%s Pod %s in StatefulSet %s successful", lower(verb), pod.Name, r.set.Name)
		return
	}
	r.c.recorder.Eventf(r.set, v1.EventTypeWarning, "Failed"+verb, "%s Pod %s in StatefulSet %s failed error: %v", lower(verb), pod.Name, r.set.Name, err)
}

func lower(verb string) string {
	return fmt.Sprintf("%c%s", verb[0]+('a'-'A'), verb[1:])
}
