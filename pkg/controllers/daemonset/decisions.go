package daemonset

import (
	"sort"
	"strconv"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/intorpercent"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

// templateGenerationLabel is the apps/v1 pod label carrying the DaemonSet's template generation,
// written only when the DaemonSet has the deprecated generation annotation.
const (
	templateGenerationLabel      = "pod-template-generation"
	templateGenerationAnnotation = "deprecated.daemonset.template.generation"
)

// revisionOf tells whether a pod belongs to the update revision.
type revisionOf struct {
	hash       string
	generation *int64
}

func (r revisionOf) isUpdated(pod *v1.Pod) bool {
	if r.hash != "" && pod.Labels[apps.ControllerRevisionHashLabelKey] == r.hash {
		return true
	}
	return r.generation != nil && pod.Labels[templateGenerationLabel] == strconv.FormatInt(*r.generation, 10)
}

func templateGeneration(ds *v1beta1.DaemonSet) *int64 {
	raw, ok := ds.Annotations[templateGenerationAnnotation]
	if !ok {
		return nil
	}
	g, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return nil
	}
	return &g
}

// isDaemonPodAvailable is podstate.IsAvailable, also requiring a pod in an in-place update to have
// finished it (its Ready condition may not have caught up with InPlaceUpdateReady yet).
func isDaemonPodAvailable(pod *v1.Pod, minReadySeconds int32, now time.Time) bool {
	if !podstate.IsAvailable(pod, minReadySeconds, now) {
		return false
	}
	if inplace.HasReadinessGate(pod) {
		if c := podstate.Condition(pod, pub.InPlaceUpdateReady); c != nil && c.Status != v1.ConditionTrue {
			return false
		}
	}
	return true
}

func isPreDeleting(pod *v1.Pod) bool {
	return pod != nil && lifecycle.State(pod) == pub.LifecycleStatePreparingDelete
}

func isNilOrPreDeleting(pod *v1.Pod) bool { return pod == nil || isPreDeleting(pod) }

// oldestFirst orders the pods of one node: bound before unbound, then oldest first, then by name.
func oldestFirst(pods []*v1.Pod) {
	sort.SliceStable(pods, func(i, j int) bool {
		a, b := pods[i], pods[j]
		if (a.Spec.NodeName == "") != (b.Spec.NodeName == "") {
			return a.Spec.NodeName != ""
		}
		if a.CreationTimestamp.Equal(&b.CreationTimestamp) {
			return a.Name < b.Name
		}
		return a.CreationTimestamp.Before(&b.CreationTimestamp)
	})
}

// nodePlan is what the manage loop does on one node.
type nodePlan struct {
	Create bool
	Delete []*v1.Pod
	// Failed pods should be deleted, subject to the caller's back-off.
	Failed []*v1.Pod
	// RequeueAfter asks for another look when a surged pod becomes available.
	RequeueAfter time.Duration
}

// planNode decides, for one node, whether a daemon pod must be created and which must go: pods on a
// node that no longer wants them, failed pods, pods whose preDelete hook was started, and extra pods
// (with surge, an old and a new pod may share a node until the new one is available).
func planNode(elig eligibility, pods []*v1.Pod, rev revisionOf, surge bool, minReadySeconds int32, now time.Time) nodePlan {
	var plan nodePlan
	switch {
	case elig.ShouldRun && len(pods) == 0:
		plan.Create = true
	case elig.ShouldContinueRunning:
		var running []*v1.Pod
		for _, pod := range pods {
			switch {
			case podstate.IsTerminating(pod):
			case pod.Status.Phase == v1.PodFailed:
				plan.Failed = append(plan.Failed, pod)
			case isPreDeleting(pod):
				plan.Delete = append(plan.Delete, pod)
			default:
				running = append(running, pod)
			}
		}
		oldestFirst(running)
		if !surge {
			if len(running) > 1 {
				plan.Delete = append(plan.Delete, running[1:]...)
			}
			break
		}
		if len(running) == 0 {
			plan.Create = elig.ShouldRun
			break
		}
		// Keep at most the oldest new pod and the oldest old pod; the old one goes once the new one
		// is available, or at once when it is not ready itself.
		var oldestNew, oldestOld *v1.Pod
		for _, pod := range running {
			switch {
			case rev.isUpdated(pod) && oldestNew == nil:
				oldestNew = pod
			case !rev.isUpdated(pod) && oldestOld == nil:
				oldestOld = pod
			default:
				plan.Delete = append(plan.Delete, pod)
			}
		}
		if oldestNew != nil && oldestOld != nil {
			switch {
			case !podstate.IsReady(oldestOld):
				plan.Delete = append(plan.Delete, oldestOld)
			case isDaemonPodAvailable(oldestNew, minReadySeconds, now):
				plan.Delete = append(plan.Delete, oldestOld)
			case podstate.IsReady(oldestNew) && minReadySeconds > 0:
				plan.RequeueAfter = podstate.AvailableIn(oldestNew, minReadySeconds, now)
			}
		}
	default:
		for _, pod := range pods {
			if !podstate.IsTerminating(pod) {
				plan.Delete = append(plan.Delete, pod)
			}
		}
	}
	return plan
}

// limitCreations applies partitionedScaling: with it, pods for nodes without one are created only
// while fewer than desired-partition nodes run the update revision; without it, every node gets
// its pod. The chosen nodes are the first by name.
func limitCreations(nodes []string, updatedPods, desired, partition int, partitioned bool) []string {
	sort.Strings(nodes)
	if !partitioned {
		return nodes
	}
	partition = max(min(partition, desired), 0)
	n := min(max(desired-updatedPods-partition, 0), len(nodes))
	return nodes[:n]
}

// updatedPods splits the live pods of a node into the one at the update revision and the one at an
// older revision; ok is false when there are several of either (the manage loop prunes them first).
func updatedPods(pods []*v1.Pod, rev revisionOf) (newPod, oldPod *v1.Pod, ok bool) {
	for _, pod := range pods {
		if podstate.IsTerminating(pod) {
			continue
		}
		if rev.isUpdated(pod) {
			if newPod != nil {
				return nil, nil, false
			}
			newPod = pod
		} else {
			if oldPod != nil {
				return nil, nil, false
			}
			oldPod = pod
		}
	}
	return newPod, oldPod, true
}

// nodesToUpdate picks the nodes the rolling update may touch, in order: nodes already at the update
// revision, nodes whose pod is being replaced, then nodes still at an old revision (only those the
// rollingUpdate.selector matches, when it is set), each group from the highest node name down. The
// list is cut so that partition nodes are left out.
func nodesToUpdate(nodePods map[string][]*v1.Pod, rev revisionOf, partition int, selected func(node string) bool) []string {
	names := make([]string, 0, len(nodePods))
	for name := range nodePods {
		names = append(names, name)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	var updated, updating, candidates []string
	for _, name := range names {
		newPod, oldPod, ok := updatedPods(nodePods[name], rev)
		switch {
		case !ok || newPod != nil:
			updated = append(updated, name)
		case isNilOrPreDeleting(oldPod):
			updating = append(updating, name)
		case selected == nil || selected(name):
			candidates = append(candidates, name)
		}
	}
	out := append(append(updated, updating...), candidates...)
	limit := len(names) - partition
	if limit <= 0 {
		return nil
	}
	if limit < len(out) {
		out = out[:limit]
	}
	return out
}

// updateLimits returns maxSurge and maxUnavailable as pod counts for desired nodes (percentages
// round up); a strategy allowing neither is read as maxUnavailable 1.
func updateLimits(ru *v1beta1.RollingUpdateDaemonSet, desired int) (maxSurge, maxUnavailable int) {
	if ru != nil {
		maxSurge = intorpercent.Resolve(ru.MaxSurge, desired, true)
		maxUnavailable = intorpercent.Resolve(ru.MaxUnavailable, desired, true)
	}
	if desired > 0 && maxSurge == 0 && maxUnavailable == 0 {
		maxUnavailable = 1
	}
	return maxSurge, maxUnavailable
}

// planUnavailableUpdate picks the old pods to replace without surge: every old pod that is not
// available, plus available old pods while fewer than maxUnavailable nodes are without an available
// pod. nodes are the candidates from nodesToUpdate, in order.
func planUnavailableUpdate(nodes []string, nodePods map[string][]*v1.Pod, rev revisionOf, maxUnavailable int, available func(*v1.Pod) bool) []*v1.Pod {
	unavailable := 0
	var replace, candidates []*v1.Pod
	for _, name := range nodes {
		newPod, oldPod, ok := updatedPods(nodePods[name], rev)
		if !ok {
			unavailable++
			continue
		}
		switch {
		case isNilOrPreDeleting(oldPod) == isNilOrPreDeleting(newPod):
			// Nothing or two pods to judge: the manage loop creates or prunes; count it as down.
			unavailable++
		case newPod != nil:
			if !available(newPod) {
				unavailable++
			}
			if isPreDeleting(newPod) {
				unavailable++
			}
		case !available(oldPod):
			replace = append(replace, oldPod)
		case unavailable < maxUnavailable:
			candidates = append(candidates, oldPod)
		}
	}
	room := min(max(maxUnavailable-unavailable, 0), len(candidates))
	return append(replace, candidates[:room]...)
}

// planSurgeUpdate picks, with surge, the nodes to start a new pod on (every node whose old pod is
// not available, plus up to maxSurge nodes in flight) and the old pods to delete (those whose new
// pod is available).
func planSurgeUpdate(nodes []string, nodePods map[string][]*v1.Pod, rev revisionOf, maxSurge int, available func(*v1.Pod) bool) (deleteOld []*v1.Pod, createOn []string) {
	inFlight := 0
	var allowed, candidates []string
	for _, name := range nodes {
		newPod, oldPod, ok := updatedPods(nodePods[name], rev)
		if !ok {
			inFlight++
			continue
		}
		switch {
		case isNilOrPreDeleting(oldPod):
		case newPod == nil:
			switch {
			case !available(oldPod):
				allowed = append(allowed, name)
			case inFlight < maxSurge:
				candidates = append(candidates, name)
			}
		case !available(newPod) || isPreDeleting(newPod):
			inFlight++
		default:
			deleteOld = append(deleteOld, oldPod)
		}
	}
	room := min(max(maxSurge-inFlight, 0), len(candidates))
	return deleteOld, append(allowed, candidates[:room]...)
}

// counts is the pod census written to status.
type counts struct {
	desired, current, misscheduled, ready, updated, available int32
}

// census counts, for each node, its oldest daemon pod the way apps/v1 DaemonSet status does.
func census(nodes []*v1.Node, elig map[string]eligibility, nodePods map[string][]*v1.Pod, rev revisionOf, minReadySeconds int32, now time.Time) counts {
	var c counts
	for _, node := range nodes {
		pods := nodePods[node.Name]
		if !elig[node.Name].ShouldRun {
			if len(pods) > 0 {
				c.misscheduled++
			}
			continue
		}
		c.desired++
		if len(pods) == 0 {
			continue
		}
		c.current++
		sorted := append([]*v1.Pod(nil), pods...)
		oldestFirst(sorted)
		pod := sorted[0]
		if podstate.IsReady(pod) {
			c.ready++
			if isDaemonPodAvailable(pod, minReadySeconds, now) {
				c.available++
			}
		}
		if rev.isUpdated(pod) {
			c.updated++
		}
	}
	return c
}
