package daemonset

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/apiserver/pkg/storage/names"
	"k8s.io/client-go/util/retry"
	"k8s.io/klog/v2"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/expectations"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/intorpercent"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
)

// slowStartInitialBatch is the first batch of pod creations; each successful batch doubles the next.
const slowStartInitialBatch = 1

// syncState is what one sync works from.
type syncState struct {
	key      string
	ds       *v1beta1.DaemonSet
	nodes    []*v1.Node
	elig     map[string]eligibility
	nodePods map[string][]*v1.Pod
	rev      revisionOf
	update   *apps.ControllerRevision
	revs     []*apps.ControllerRevision
	// template is the pod every creation starts from: the DaemonSet's template with the daemon
	// tolerations, revision labels and readiness gates.
	template *v1.PodTemplateSpec
	now      time.Time
	requeue  time.Duration
}

func (s *syncState) requeueWithin(d time.Duration) {
	if d > 0 && (s.requeue == 0 || d < s.requeue) {
		s.requeue = d
	}
}

// sync brings one DaemonSet's pods towards its spec and writes its status. The returned duration
// asks for another sync after it (waiting for minReadySeconds or an in-place grace period).
func (dsc *DaemonSetController) sync(ctx context.Context, key string) (time.Duration, error) {
	ds, err := dsc.getDaemonSet(key)
	if err != nil || ds == nil {
		if ds == nil && err == nil {
			dsc.scale.Forget(key)
		}
		return 0, err
	}
	if ds.DeletionTimestamp != nil {
		return 0, nil
	}
	selector, err := metav1.LabelSelectorAsSelector(ds.Spec.Selector)
	if err != nil || selector.Empty() {
		dsc.recorder.Eventf(ds, v1.EventTypeWarning, "SelectingAll", "This DaemonSet is selecting all pods. A non-empty selector is required.")
		return 0, nil
	}
	s := &syncState{key: key, ds: ds, now: dsc.now()}
	if s.nodes, err = dsc.nodeLister.List(labels.Everything()); err != nil {
		return 0, err
	}
	sort.Slice(s.nodes, func(i, j int) bool { return s.nodes[i].Name < s.nodes[j].Name })
	if err := dsc.syncRevisions(ctx, s); err != nil {
		return 0, fmt.Errorf("revisions: %w", err)
	}
	s.template = podTemplate(ds, s.rev)
	s.elig = make(map[string]eligibility, len(s.nodes))
	for _, n := range s.nodes {
		s.elig[n.Name] = nodeEligibility(&s.template.Spec, n)
	}
	pods, err := dsc.claimPods(ctx, ds, selector)
	if err != nil {
		return 0, err
	}
	// Decisions wait until the caches show every earlier write; moving in-place updates along does
	// not (each pod waits only for its own), so one slow pod does not hold back the others.
	satisfied := dsc.expectationsSatisfied(s, pods)
	if pods, err = dsc.refreshPods(ctx, s, pods); err != nil {
		return 0, err
	}
	s.nodePods = byNode(pods)
	if !satisfied {
		return s.requeue, dsc.writeStatus(ctx, s, false)
	}
	if err := dsc.manage(ctx, s); err != nil {
		return 0, err
	}
	if !dsc.expectationsSatisfied(s, pods) {
		return s.requeue, dsc.writeStatus(ctx, s, false)
	}
	ru := ds.Spec.UpdateStrategy.RollingUpdate
	paused := ru != nil && ru.Paused != nil && *ru.Paused
	if ds.Spec.UpdateStrategy.Type == v1beta1.RollingUpdateDaemonSetStrategyType && !paused {
		if err := dsc.rollingUpdate(ctx, s); err != nil {
			return 0, err
		}
	}
	if err := dsc.truncateHistory(ctx, s); err != nil {
		return 0, fmt.Errorf("revision history: %w", err)
	}
	return s.requeue, dsc.writeStatus(ctx, s, true)
}

func byNode(pods []*v1.Pod) map[string][]*v1.Pod {
	out := map[string][]*v1.Pod{}
	for _, pod := range pods {
		node := targetNode(pod)
		if node == "" {
			klog.InfoS("Daemon pod names no node", "pod", klog.KObj(pod))
			continue
		}
		out[node] = append(out[node], pod)
	}
	return out
}

// expectationsSatisfied reports whether the caches show every create, delete and patch of earlier
// syncs; deciding before they do would create or update twice.
func (dsc *DaemonSetController) expectationsSatisfied(s *syncState, pods []*v1.Pod) bool {
	if ok, _ := dsc.scale.Satisfied(s.key); !ok {
		return false
	}
	for _, pod := range pods {
		if !dsc.versions.Satisfied(pod) {
			s.requeueWithin(time.Second)
			return false
		}
	}
	return true
}

// syncRevisions makes the current template the update revision and records its hash.
func (dsc *DaemonSetController) syncRevisions(ctx context.Context, s *syncState) error {
	existing, err := dsc.revisionsOf(s.ds)
	if err != nil {
		return err
	}
	data, err := revision.TemplatePatch(&s.ds.Spec.Template)
	if err != nil {
		return err
	}
	owner := revision.Owner{Object: s.ds, Kind: controllerKind, Labels: s.ds.Spec.Template.Labels}
	res, err := dsc.revisions.Sync(ctx, owner, existing, data, s.ds.Status.CollisionCount, "")
	if err != nil {
		return err
	}
	s.update, s.revs = res.Update, res.Revisions
	hash := res.Update.Labels[apps.ControllerRevisionHashLabelKey]
	if hash == "" {
		hash = res.Update.Name
	}
	s.rev = revisionOf{hash: hash, generation: templateGeneration(s.ds)}
	if cc := s.ds.Status.CollisionCount; res.CollisionCount != 0 && (cc == nil || *cc != res.CollisionCount) {
		ds := s.ds.DeepCopy()
		ds.Status.CollisionCount = &res.CollisionCount
		s.ds = ds
	}
	return nil
}

// podTemplate is the template of the pods this sync creates.
func podTemplate(ds *v1beta1.DaemonSet, rev revisionOf) *v1.PodTemplateSpec {
	t := ds.Spec.Template.DeepCopy()
	addDefaultTolerations(&t.Spec)
	if t.Labels == nil {
		t.Labels = map[string]string{}
	}
	t.Labels[apps.ControllerRevisionHashLabelKey] = rev.hash
	if rev.generation != nil {
		t.Labels[templateGenerationLabel] = strconv.FormatInt(*rev.generation, 10)
	}
	if ru := ds.Spec.UpdateStrategy.RollingUpdate; ds.Spec.UpdateStrategy.Type == v1beta1.RollingUpdateDaemonSetStrategyType &&
		ru != nil && ru.Type == v1beta1.InplaceRollingUpdateType {
		inplace.AddReadinessGate(&t.Spec)
	}
	if lifecycle.NeedsKruisePodReadyGate(ds.Spec.Lifecycle) {
		lifecycle.AddKruisePodReadyGate(&t.Spec)
	}
	return t
}

// claimPods returns the pods the DaemonSet controls, adopting orphans its selector matches and
// releasing pods that no longer match it.
func (dsc *DaemonSetController) claimPods(ctx context.Context, ds *v1beta1.DaemonSet, selector labels.Selector) ([]*v1.Pod, error) {
	all, err := dsc.podLister.Pods(ds.Namespace).List(labels.Everything())
	if err != nil {
		return nil, err
	}
	var claimed []*v1.Pod
	var errs []error
	for _, pod := range all {
		matches := selector.Matches(labels.Set(pod.Labels))
		ref := metav1.GetControllerOf(pod)
		switch {
		case ref != nil && ref.UID == ds.UID && matches:
			claimed = append(claimed, pod)
		case ref != nil && ref.UID == ds.UID:
			if pod.DeletionTimestamp == nil {
				if _, err := dsc.pods.SetOwner(ctx, pod, nil, ds.UID); err != nil && !apierrors.IsNotFound(err) {
					errs = append(errs, err)
				}
			}
		case ref == nil && matches && pod.DeletionTimestamp == nil:
			adopted, err := dsc.pods.SetOwner(ctx, pod, metav1.NewControllerRef(ds, controllerKind), "")
			if err != nil {
				if !apierrors.IsNotFound(err) {
					errs = append(errs, err)
				}
				continue
			}
			claimed = append(claimed, adopted)
		}
	}
	return claimed, utilerrors.NewAggregate(errs)
}

// manage creates the missing daemon pods and deletes the ones that should not run.
func (dsc *DaemonSetController) manage(ctx context.Context, s *syncState) error {
	ds := s.ds
	surge := false
	var ru *v1beta1.RollingUpdateDaemonSet
	if ds.Spec.UpdateStrategy.Type == v1beta1.RollingUpdateDaemonSetStrategyType {
		ru = ds.Spec.UpdateStrategy.RollingUpdate
		surge = ru != nil && intorpercent.Resolve(ru.MaxSurge, 1, true) > 0
	}
	var create []string
	var remove []*v1.Pod
	desired, updated := 0, 0
	existing := map[string]bool{}
	for _, node := range s.nodes {
		existing[node.Name] = true
		elig, pods := s.elig[node.Name], s.nodePods[node.Name]
		if elig.ShouldRun {
			desired++
		}
		if newPod, _, ok := updatedPods(pods, s.rev); ok && newPod != nil {
			updated++
		}
		plan := planNode(elig, pods, s.rev, surge, ds.Spec.MinReadySeconds, s.now)
		if plan.Create {
			create = append(create, node.Name)
		}
		remove = append(remove, plan.Delete...)
		s.requeueWithin(plan.RequeueAfter)
		for _, pod := range plan.Failed {
			key := fmt.Sprintf("%s/%d/%s", ds.UID, ds.Status.ObservedGeneration, node.Name)
			if dsc.failedBackoff.IsInBackOffSinceUpdate(key, s.now) {
				s.requeueWithin(dsc.failedBackoff.Get(key))
				continue
			}
			dsc.failedBackoff.Next(key, s.now)
			dsc.recorder.Eventf(ds, v1.EventTypeWarning, "FailedDaemonPod", "Found failed daemon pod %s/%s on node %s, will try to kill it", pod.Namespace, pod.Name, node.Name)
			remove = append(remove, pod)
		}
	}
	// An unbound pod for a node that is gone would never be scheduled nor garbage collected.
	for node, pods := range s.nodePods {
		if existing[node] {
			continue
		}
		for _, pod := range pods {
			if pod.Spec.NodeName == "" && pod.DeletionTimestamp == nil {
				remove = append(remove, pod)
			}
		}
	}
	if ru != nil && ru.Partition != nil {
		if partition := intorpercent.Resolve(ru.Partition, int(ds.Status.DesiredNumberScheduled), false); partition != 0 {
			partitioned := ds.Spec.ScaleStrategy != nil && ds.Spec.ScaleStrategy.PartitionedScaling
			create = limitCreations(create, updated, desired, partition, partitioned)
		}
	}
	return dsc.syncNodes(ctx, s, remove, create)
}

// burstReplicas is how many pods one sync may create or delete.
func burstReplicas(ds *v1beta1.DaemonSet) int {
	if ds.Spec.BurstReplicas == nil {
		return 250
	}
	return intorpercent.Resolve(ds.Spec.BurstReplicas, int(ds.Status.DesiredNumberScheduled), false)
}

// syncNodes deletes pods (through the preDelete hook when there is one) and creates pods on nodes,
// at most burstReplicas of each, creating in slow-start batches of 1, 2, 4, ... that stop at the
// first batch with a failure.
func (dsc *DaemonSetController) syncNodes(ctx context.Context, s *syncState, remove []*v1.Pod, create []string) error {
	ds := s.ds
	if ds.Spec.Lifecycle != nil && ds.Spec.Lifecycle.PreDelete != nil {
		var err error
		if remove, err = dsc.holdForPreDelete(ctx, ds, remove); err != nil {
			return err
		}
	}
	burst := burstReplicas(ds)
	create = create[:min(len(create), burst)]
	remove = remove[:min(len(remove), burst)]

	var mu sync.Mutex
	var errs []error
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	for pos, batch := 0, min(len(create), slowStartInitialBatch); pos < len(create); pos, batch = pos+batch, min(2*batch, len(create)-pos-batch) {
		failedBefore := len(errs)
		var wg sync.WaitGroup
		for _, node := range create[pos : pos+batch] {
			pod := dsc.newPod(s, node)
			dsc.scale.Expect(s.key, expectations.Create, pod.Name)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := dsc.pods.Create(ctx, ds, pod); err != nil {
					dsc.scale.Observe(s.key, expectations.Create, pod.Name)
					if !apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause) {
						fail(err)
					}
				}
			}()
		}
		wg.Wait()
		if len(errs) > failedBefore {
			break
		}
	}

	var wg sync.WaitGroup
	for _, pod := range remove {
		dsc.scale.Expect(s.key, expectations.Delete, pod.Name)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := dsc.pods.Delete(ctx, ds, pod); err != nil {
				dsc.scale.Observe(s.key, expectations.Delete, pod.Name)
				if !apierrors.IsNotFound(err) {
					fail(err)
				}
			}
		}()
	}
	wg.Wait()
	return utilerrors.NewAggregate(errs)
}

// newPod builds the daemon pod for node. The name is chosen here, in generateName's form, so the
// creation can be expected before the informer can possibly show it.
func (dsc *DaemonSetController) newPod(s *syncState, node string) *v1.Pod {
	t := s.template.DeepCopy()
	prefix := s.ds.Name + "-"
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name:            names.SimpleNameGenerator.GenerateName(prefix),
			GenerateName:    prefix,
			Namespace:       s.ds.Namespace,
			Labels:          t.Labels,
			Annotations:     t.Annotations,
			Finalizers:      t.Finalizers,
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(s.ds, controllerKind)},
		},
		Spec: t.Spec,
	}
	pod.Spec.Affinity = pinToNode(pod.Spec.Affinity, node)
	return pod
}

// holdForPreDelete moves pods a preDelete hook still holds to PreparingDelete instead of deleting
// them, and returns the pods that may go now.
func (dsc *DaemonSetController) holdForPreDelete(ctx context.Context, ds *v1beta1.DaemonSet, pods []*v1.Pod) ([]*v1.Pod, error) {
	hook := ds.Spec.Lifecycle.PreDelete
	var free []*v1.Pod
	for _, pod := range pods {
		if !lifecycle.IsHooked(hook, pod) {
			free = append(free, pod)
			continue
		}
		holder := ""
		if hook.MarkPodNotReady {
			holder = lifecycle.PreDeleteHolder
		}
		if lifecycle.State(pod) == pub.LifecycleStatePreparingDelete && holder == "" {
			continue
		}
		updated, err := dsc.lifecycle.SetState(ctx, pod, pub.LifecycleStatePreparingDelete, holder, "")
		if err != nil {
			return nil, err
		}
		if updated.ResourceVersion != pod.ResourceVersion {
			dsc.versions.Expect(updated)
		}
	}
	return free, nil
}

// refreshPods moves in-place updates along (images after the grace period, InPlaceUpdateReady back
// to True) and sets KruisePodReady on new pods that carry its gate, skipping pods whose last write
// the cache does not show yet.
func (dsc *DaemonSetController) refreshPods(ctx context.Context, s *syncState, pods []*v1.Pod) ([]*v1.Pod, error) {
	out := make([]*v1.Pod, len(pods))
	waits := make([]time.Duration, len(pods))
	errs := make([]error, len(pods))
	// Most pods need no write; the few that do (several in-place updates finishing together) should
	// not wait for each other.
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for i, pod := range pods {
		out[i] = pod
		if pod.DeletionTimestamp != nil || !dsc.versions.Satisfied(pod) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p, wait, err := dsc.inplace.Refresh(ctx, pod)
			if err == nil {
				waits[i] = wait
				p, err = dsc.lifecycle.EnsureKruisePodReady(ctx, p)
			}
			if err != nil {
				if !apierrors.IsNotFound(err) {
					errs[i] = err
				}
				return
			}
			if p.ResourceVersion != pod.ResourceVersion {
				dsc.versions.Expect(p)
			}
			out[i] = p
		}()
	}
	wg.Wait()
	for _, w := range waits {
		s.requeueWithin(w)
	}
	return out, utilerrors.NewAggregate(errs)
}

// rollingUpdate replaces, updates in place, or surges over old pods within the strategy's limits.
func (dsc *DaemonSetController) rollingUpdate(ctx context.Context, s *syncState) error {
	ds := s.ds
	ru := ds.Spec.UpdateStrategy.RollingUpdate
	nodePods := map[string][]*v1.Pod{}
	desired := 0
	for _, node := range s.nodes {
		if pods, ok := s.nodePods[node.Name]; ok {
			nodePods[node.Name] = pods
		}
		if s.elig[node.Name].ShouldRun {
			desired++
			if _, ok := nodePods[node.Name]; !ok {
				nodePods[node.Name] = nil
			}
		}
	}
	maxSurge, maxUnavailable := updateLimits(ru, desired)
	partition := 0
	var selected func(string) bool
	if ru != nil {
		partition = intorpercent.Resolve(ru.Partition, int(ds.Status.DesiredNumberScheduled), false)
		if ru.Selector != nil {
			sel, err := metav1.LabelSelectorAsSelector(ru.Selector)
			if err != nil {
				return err
			}
			nodeLabels := map[string]labels.Set{}
			for _, n := range s.nodes {
				nodeLabels[n.Name] = n.Labels
			}
			selected = func(name string) bool { return sel.Matches(nodeLabels[name]) }
		}
	}
	nodes := nodesToUpdate(nodePods, s.rev, partition, selected)
	available := func(pod *v1.Pod) bool {
		ok := isDaemonPodAvailable(pod, ds.Spec.MinReadySeconds, s.now)
		if !ok {
			s.requeueWithin(podstate.AvailableIn(pod, ds.Spec.MinReadySeconds, s.now))
		}
		return ok
	}
	if maxSurge == 0 {
		replace := planUnavailableUpdate(nodes, nodePods, s.rev, maxUnavailable, available)
		if ru != nil && ru.Type == v1beta1.InplaceRollingUpdateType {
			var err error
			if replace, err = dsc.updateInPlace(ctx, s, replace); err != nil {
				return err
			}
		}
		return dsc.syncNodes(ctx, s, replace, nil)
	}
	deleteOld, createOn := planSurgeUpdate(nodes, nodePods, s.rev, maxSurge, available)
	return dsc.syncNodes(ctx, s, deleteOld, createOn)
}

// updateInPlace updates the pods that can take the update revision in place (they carry the
// InPlaceUpdateReady gate and their revision differs from it only in images and metadata), at most
// burstReplicas at a time, and returns the pods that must be recreated instead.
func (dsc *DaemonSetController) updateInPlace(ctx context.Context, s *syncState, pods []*v1.Pod) ([]*v1.Pod, error) {
	to, err := revision.Template(s.update)
	if err != nil {
		return pods, nil
	}
	byHash := map[string]*apps.ControllerRevision{}
	for _, r := range s.revs {
		h := r.Labels[apps.ControllerRevisionHashLabelKey]
		if h == "" {
			h = r.Name
		}
		byHash[h] = r
	}
	type start struct {
		pod  *v1.Pod
		spec *inplace.Spec
	}
	var recreate []*v1.Pod
	var starts []start
	for _, pod := range pods {
		spec := dsc.inPlaceSpec(pod, byHash, to, s.rev)
		if spec == nil {
			recreate = append(recreate, pod)
			continue
		}
		starts = append(starts, start{pod, spec})
	}
	starts = starts[:min(len(starts), burstReplicas(s.ds))]
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for _, st := range starts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			updated, err := dsc.inplace.Start(ctx, st.pod, st.spec)
			if err != nil {
				dsc.recorder.Eventf(s.ds, v1.EventTypeWarning, "FailedUpdatePodInPlace", "failed to update pod %s in-place(revision %v): %v", st.pod.Name, s.update.Name, err)
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			dsc.versions.Expect(updated)
			dsc.recorder.Eventf(s.ds, v1.EventTypeNormal, "SuccessfulUpdatePodInPlace", "successfully update pod %s in-place", st.pod.Name)
		}()
	}
	wg.Wait()
	return recreate, utilerrors.NewAggregate(errs)
}

func (dsc *DaemonSetController) inPlaceSpec(pod *v1.Pod, byHash map[string]*apps.ControllerRevision, to *v1.PodTemplateSpec, rev revisionOf) *inplace.Spec {
	if !inplace.HasReadinessGate(pod) {
		return nil
	}
	old := byHash[pod.Labels[apps.ControllerRevisionHashLabelKey]]
	if old == nil {
		return nil
	}
	from, err := revision.Template(old)
	if err != nil {
		return nil
	}
	spec, ok := inplace.Diff(from, to)
	if !ok {
		return nil
	}
	spec.Revision = rev.hash
	if spec.Labels == nil {
		spec.Labels = map[string]string{}
	}
	spec.Labels[apps.ControllerRevisionHashLabelKey] = rev.hash
	if rev.generation != nil {
		spec.Labels[templateGenerationLabel] = strconv.FormatInt(*rev.generation, 10)
	}
	return spec
}

// truncateHistory deletes the oldest revisions no pod runs beyond revisionHistoryLimit.
func (dsc *DaemonSetController) truncateHistory(ctx context.Context, s *syncState) error {
	limit := int32(10)
	if s.ds.Spec.RevisionHistoryLimit != nil {
		limit = *s.ds.Spec.RevisionHistoryLimit
	}
	live := map[string]bool{}
	for _, pods := range s.nodePods {
		for _, pod := range pods {
			live[pod.Labels[apps.ControllerRevisionHashLabelKey]] = true
		}
	}
	inUse := map[string]bool{s.update.Name: true}
	for _, r := range s.revs {
		if h := r.Labels[apps.ControllerRevisionHashLabelKey]; live[h] || live[r.Name] {
			inUse[r.Name] = true
		}
	}
	return dsc.revisions.Truncate(ctx, s.revs, inUse, limit)
}

// writeStatus writes the pod census; observedGeneration only after a full sync.
func (dsc *DaemonSetController) writeStatus(ctx context.Context, s *syncState, observed bool) error {
	ds := s.ds
	c := census(s.nodes, s.elig, s.nodePods, s.rev, ds.Spec.MinReadySeconds, s.now)
	if c.ready != c.available && ds.Spec.MinReadySeconds > 0 {
		s.requeueWithin(time.Duration(ds.Spec.MinReadySeconds) * time.Second)
	}
	want := ds.Status.DeepCopy()
	want.DesiredNumberScheduled = c.desired
	want.CurrentNumberScheduled = c.current
	want.NumberMisscheduled = c.misscheduled
	want.NumberReady = c.ready
	want.UpdatedNumberScheduled = c.updated
	want.NumberAvailable = c.available
	want.NumberUnavailable = c.desired - c.available
	want.UpdateRevision = s.rev.hash
	if observed {
		want.ObservedGeneration = ds.Generation
	}
	return retry.RetryOnConflict(retry.DefaultBackoff, func() error {
		if statusEqual(&ds.Status, want) {
			return nil
		}
		toUpdate := ds.DeepCopy()
		toUpdate.Status = *want
		_, err := dsc.kruise.AppsV1beta1().DaemonSets(ds.Namespace).UpdateStatus(ctx, toUpdate, metav1.UpdateOptions{})
		if apierrors.IsConflict(err) {
			fresh, getErr := dsc.kruise.AppsV1beta1().DaemonSets(ds.Namespace).Get(ctx, ds.Name, metav1.GetOptions{})
			if getErr != nil {
				return getErr
			}
			if fresh.UID != ds.UID {
				return nil
			}
			ds = fresh
			// Keep collisionCount from this sync when it went up.
			if s.ds.Status.CollisionCount != nil && (fresh.Status.CollisionCount == nil || *fresh.Status.CollisionCount < *s.ds.Status.CollisionCount) {
				want.CollisionCount = s.ds.Status.CollisionCount
			} else {
				want.CollisionCount = fresh.Status.CollisionCount
			}
			want.Conditions = fresh.Status.Conditions
		}
		return err
	})
}

func statusEqual(a, b *v1beta1.DaemonSetStatus) bool {
	return a.DesiredNumberScheduled == b.DesiredNumberScheduled && a.CurrentNumberScheduled == b.CurrentNumberScheduled &&
		a.NumberMisscheduled == b.NumberMisscheduled && a.NumberReady == b.NumberReady &&
		a.UpdatedNumberScheduled == b.UpdatedNumberScheduled && a.NumberAvailable == b.NumberAvailable &&
		a.NumberUnavailable == b.NumberUnavailable && a.ObservedGeneration == b.ObservedGeneration &&
		a.UpdateRevision == b.UpdateRevision && ptrEqual(a.CollisionCount, b.CollisionCount)
}

func ptrEqual(a, b *int32) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
