package cloneset

import (
	"sort"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/intorpercent"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

// limits are a CloneSet's update and scale knobs resolved against its replicas.
type limits struct {
	replicas       int
	partition      int // pods kept at the current revision
	maxSurge       int
	maxUnavailable int
	// scaleMaxUnavailable caps not-ready pods while scaling up; -1 means no cap.
	scaleMaxUnavailable int
	// noUpdate: the rollout is paused or OnDelete, so no surge is spent on updating pods.
	noUpdate bool
}

func resolveLimits(cs *appsv1beta1.CloneSet) limits {
	l := limits{scaleMaxUnavailable: -1}
	if cs.Spec.Replicas != nil {
		l.replicas = int(*cs.Spec.Replicas)
	}
	if ru := cs.Spec.UpdateStrategy.RollingUpdate; ru != nil {
		l.partition = min(intorpercent.Resolve(ru.Partition, l.replicas, true), l.replicas)
		l.maxSurge = min(intorpercent.Resolve(ru.MaxSurge, l.replicas, true), l.replicas)
		maxUnavailable := ru.MaxUnavailable
		if maxUnavailable == nil {
			v := intstr.FromString(appsv1beta1.DefaultCloneSetMaxUnavailable)
			maxUnavailable = &v
		}
		l.maxUnavailable = min(intorpercent.Resolve(maxUnavailable, l.replicas, false), l.replicas)
	} else {
		v := intstr.FromString(appsv1beta1.DefaultCloneSetMaxUnavailable)
		l.maxUnavailable = min(intorpercent.Resolve(&v, l.replicas, false), l.replicas)
	}
	if l.maxUnavailable < 1 && l.maxSurge < 1 {
		// A rollout that may neither remove nor add a pod could never progress.
		l.maxUnavailable = 1
	}
	ru := cs.Spec.UpdateStrategy.RollingUpdate
	l.noUpdate = cs.Spec.UpdateStrategy.Type == appsv1beta1.OnDeleteCloneSetUpdateStrategyType || (ru != nil && ru.Paused)
	if s := cs.Spec.ScaleStrategy.MaxUnavailable; s != nil {
		l.scaleMaxUnavailable = intorpercent.Resolve(s, l.replicas, true)
	}
	return l
}

// podInfo is what the decisions need to know about one pod.
type podInfo struct {
	pod *v1.Pod
	// updated: the pod is at the update revision.
	updated bool
	// toDelete: the user or the update asked for the pod to go (podsToDelete, specified-delete label).
	toDelete bool
	// preparingDelete: the pod waits in PreparingDelete for its preDelete hook.
	preparingDelete bool
	// available: ready for minReadySeconds and not in (or about to start) an in-place update.
	available bool
	ready     bool
}

func classify(cs *appsv1beta1.CloneSet, pods []*v1.Pod, updateRevision string, now time.Time) []podInfo {
	named := map[string]bool{}
	for _, n := range cs.Spec.ScaleStrategy.PodsToDelete {
		named[n] = true
	}
	out := make([]podInfo, 0, len(pods))
	for _, p := range pods {
		_, specified := p.Labels[pub.SpecifiedDeleteKey]
		state := lifecycle.State(p)
		inUpdate := inplace.IsUpdating(p) || state == pub.LifecycleStatePreparingUpdate
		out = append(out, podInfo{
			pod:             p,
			updated:         p.Labels[revisionLabel] == updateRevision,
			toDelete:        specified || named[p.Name],
			preparingDelete: state == pub.LifecycleStatePreparingDelete,
			ready:           podstate.IsReady(p) && !inUpdate,
			available:       podstate.IsAvailable(p, cs.Spec.MinReadySeconds, now) && !inUpdate,
		})
	}
	return out
}

// scalePlan is what one sync does to the number of pods.
type scalePlan struct {
	// deletions lists pods to delete (or move to PreparingDelete), in order.
	deletions []*v1.Pod
	// createCurrent and createUpdate are how many pods to create at each revision.
	createCurrent, createUpdate int
	// surge is how many pods above replicas the CloneSet runs for this update.
	surge int
}

// planScale decides deletions and creations. Pods the user asked to delete are replaced, and while
// a rollout runs, maxSurge lets replacements start before the pods they replace go; ready pods are
// only deleted for replacement as far as maxUnavailable allows.
func planScale(l limits, infos []podInfo, excludePreparingDelete bool) scalePlan {
	var counted, toDelete []podInfo
	oldCount, oldAlive := 0, 0
	for _, in := range infos {
		if in.preparingDelete && excludePreparingDelete {
			continue
		}
		counted = append(counted, in)
		if in.toDelete || in.preparingDelete {
			toDelete = append(toDelete, in)
			continue
		}
		if !in.updated {
			oldCount++
			if in.available {
				oldAlive++
			}
		}
	}
	var plan scalePlan
	if l.maxSurge > 0 {
		updating := max(0, oldCount-l.partition)
		if l.noUpdate {
			updating = 0
		}
		plan.surge = min(l.maxSurge, updating+len(toDelete))
	}
	target := l.replicas + plan.surge

	// Deleting beyond the target is plain scale-down; deleting within it is a replacement, which
	// must leave at least replicas-maxUnavailable pods available.
	excess := max(0, len(counted)-target)
	available := 0
	for _, in := range counted {
		if in.available {
			available++
		}
	}
	readyBudget := max(0, available-(l.replicas-l.maxUnavailable))

	sort.SliceStable(toDelete, func(i, j int) bool { return podstate.DeleteFirst(toDelete[i].pod, toDelete[j].pod) })
	deleted := 0
	for _, in := range toDelete {
		switch {
		case excess > 0:
			excess--
		case !in.available:
		case readyBudget > 0:
			readyBudget--
		default:
			continue
		}
		plan.deletions = append(plan.deletions, in.pod)
		deleted++
	}

	remaining := len(counted) - deleted
	if excess > 0 {
		// Scale down: old-revision pods beyond the partition go first, then the rest in the
		// order a ReplicaSet would pick.
		var candidates []podInfo
		for _, in := range counted {
			if !in.toDelete && !in.preparingDelete {
				candidates = append(candidates, in)
			}
		}
		oldExcess := max(0, oldCount-l.partition)
		sort.SliceStable(candidates, func(i, j int) bool {
			a, b := candidates[i], candidates[j]
			if oldExcess > 0 && a.updated != b.updated {
				return !a.updated
			}
			return podstate.DeleteFirst(a.pod, b.pod)
		})
		for i := 0; i < excess && i < len(candidates); i++ {
			plan.deletions = append(plan.deletions, candidates[i].pod)
		}
		return plan
	}

	if missing := target - remaining; missing > 0 {
		if l.scaleMaxUnavailable >= 0 {
			notReady := 0
			for _, in := range infos {
				if !in.ready && !in.preparingDelete {
					notReady++
				}
			}
			missing = min(missing, max(0, l.scaleMaxUnavailable-notReady))
		}
		// Pods kept at the current revision by the partition are recreated there.
		currentKept := oldCount
		for _, p := range plan.deletions {
			for _, in := range infos {
				if in.pod == p && !in.updated && !in.toDelete && !in.preparingDelete {
					currentKept--
				}
			}
		}
		plan.createCurrent = min(missing, max(0, l.partition-currentKept))
		plan.createUpdate = missing - plan.createCurrent
	}
	return plan
}

// planUpdate picks, in update order, the old-revision pods to move to the update revision now.
// ordered must hold the candidates (counted pods not at the update revision and not leaving) in
// update order. Pods already unavailable are updated freely; each available one spends one unit of
// the maxUnavailable budget (widened by the surge pods running).
func planUpdate(l limits, infos []podInfo, ordered []*v1.Pod) []*v1.Pod {
	waiting := len(ordered) - l.partition
	if waiting <= 0 {
		return nil
	}
	unavailable, total := 0, 0
	availableByPod := map[*v1.Pod]bool{}
	for _, in := range infos {
		if in.preparingDelete {
			continue
		}
		total++
		availableByPod[in.pod] = in.available
		if !in.available {
			unavailable++
		}
	}
	budget := l.maxUnavailable + max(0, total-l.replicas) - unavailable
	var out []*v1.Pod
	for _, p := range ordered {
		if len(out) == waiting {
			break
		}
		if availableByPod[p] {
			if budget <= 0 {
				continue
			}
			budget--
		}
		out = append(out, p)
	}
	return out
}
