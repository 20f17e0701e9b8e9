package statefulset

import (
	"sort"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/updateorder"
)

func revisionOf(pod *v1.Pod) string { return pod.Labels[apps.StatefulSetRevisionLabel] }

func partitionOf(set *appsv1beta1.StatefulSet) int {
	ru := set.Spec.UpdateStrategy.RollingUpdate
	if ru == nil || ru.Partition == nil {
		return 0
	}
	return int(*ru.Partition)
}

func unorderedOf(set *appsv1beta1.StatefulSet) *appsv1beta1.UnorderedUpdateStrategy {
	if ru := set.Spec.UpdateStrategy.RollingUpdate; ru != nil {
		return ru.UnorderedUpdate
	}
	return nil
}

func minReadySecondsOf(set *appsv1beta1.StatefulSet) int32 {
	if ru := set.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.MinReadySeconds != nil {
		return *ru.MinReadySeconds
	}
	return 0
}

// scaledValue resolves an int-or-percent against replicas, rounding percentages down and never
// returning less than 1 (a limit of 0 would stall the set forever).
func scaledValue(v *intstr.IntOrString, replicas int32) int {
	if v == nil {
		return 1
	}
	n, err := intstr.GetScaledValueFromIntOrPercent(v, int(replicas), false)
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// maxUnavailableOf is how many pods a rolling update may have out of service at once.
func maxUnavailableOf(set *appsv1beta1.StatefulSet) int {
	var v *intstr.IntOrString
	if ru := set.Spec.UpdateStrategy.RollingUpdate; ru != nil {
		v = ru.MaxUnavailable
	}
	return scaledValue(v, replicasOf(set))
}

// scaleMaxUnavailableOf is the scaleStrategy.maxUnavailable budget, or -1 when unset.
func scaleMaxUnavailableOf(set *appsv1beta1.StatefulSet) int {
	if set.Spec.ScaleStrategy == nil || set.Spec.ScaleStrategy.MaxUnavailable == nil {
		return -1
	}
	return scaledValue(set.Spec.ScaleStrategy.MaxUnavailable, replicasOf(set))
}

// updateCandidates lists the pods a rolling update may move to updateRevision, in the order it
// moves them. The partition keeps `partition` pods at their revision: by default the pods ranked
// lowest among the wanted ordinals (as apps/v1 keeps ordinals below start+partition), taken from the
// highest ordinal down; with unorderedUpdate, pods already updated (or going away) count first and
// the rest follow the priority strategy. pods holds the set's wanted pods in ascending ordinal order.
func updateCandidates(pods []*v1.Pod, r ordinalRange, updateRevision string, partition int, unordered *appsv1beta1.UnorderedUpdateStrategy) []*v1.Pod {
	var desc []*v1.Pod
	for i := len(pods) - 1; i >= 0; i-- {
		if unordered != nil || r.rank(ordinalOf(pods[i])) >= partition {
			desc = append(desc, pods[i])
		}
	}
	if unordered == nil {
		return desc
	}
	budget := len(r.ordinals()) - partition
	if budget <= 0 {
		return nil
	}
	var done, waiting []*v1.Pod
	for _, p := range desc {
		if p.DeletionTimestamp != nil || revisionOf(p) == updateRevision {
			done = append(done, p)
		} else {
			waiting = append(waiting, p)
		}
	}
	if unordered.PriorityStrategy != nil {
		updateorder.Sort(waiting, unordered.PriorityStrategy, nil, func(*v1.Pod) bool { return true })
	}
	all := append(done, waiting...)
	return all[:min(budget, len(all))]
}

// toUpdateNow walks the candidates in order and returns those to update in this sync: every
// candidate not yet at updateRevision, as long as the pods out of service (unavailable, which the
// walk extends with each pod it picks) stay under maxUnavailable. A pod already out of service
// costs nothing and is always picked; the walk stops at the first available pod over budget, so the
// order is kept.
func toUpdateNow(candidates []*v1.Pod, updateRevision string, unavailable map[string]bool, maxUnavailable int) []*v1.Pod {
	var out []*v1.Pod
	for _, p := range candidates {
		if revisionOf(p) == updateRevision {
			continue
		}
		if len(unavailable) >= maxUnavailable && !unavailable[p.Name] {
			break
		}
		out = append(out, p)
		unavailable[p.Name] = true
	}
	return out
}

// specifiedDeleteNow returns the pods labelled apps.kruise.io/specified-delete that may be deleted
// now under maxUnavailable (the partition does not protect them), highest ordinal first, marking
// them unavailable. Unlike toUpdateNow it skips over blocked pods: each is an independent request.
func specifiedDeleteNow(pods []*v1.Pod, unavailable map[string]bool, maxUnavailable int) []*v1.Pod {
	var out []*v1.Pod
	for i := len(pods) - 1; i >= 0; i-- {
		p := pods[i]
		if _, ok := p.Labels[pub.SpecifiedDeleteKey]; !ok {
			continue
		}
		if len(unavailable) >= maxUnavailable && !unavailable[p.Name] {
			continue
		}
		out = append(out, p)
		unavailable[p.Name] = true
	}
	return out
}

// newPodGetsCurrentRevision decides which revision a pod created at ordinal gets, so that creating
// pods never goes around the partition: with ordered updates the pods ranked below the partition
// keep the current revision; with unordered updates a new pod keeps it while fewer than
// `partition` other pods are not updated. Pods of OnDelete sets always get the update revision.
func newPodGetsCurrentRevision(set *appsv1beta1.StatefulSet, r ordinalRange, ordinal int, others []*v1.Pod, updateRevision string) bool {
	if set.Spec.UpdateStrategy.Type == apps.OnDeleteStatefulSetStrategyType {
		return false
	}
	partition := partitionOf(set)
	if unorderedOf(set) == nil {
		return r.rank(ordinal) < partition
	}
	notUpdated := 0
	for _, p := range others {
		if ordinalOf(p) != ordinal && revisionOf(p) != updateRevision {
			notUpdated++
		}
	}
	return notUpdated < partition
}

// sortByOrdinal sorts pods in ascending ordinal order.
func sortByOrdinal(pods []*v1.Pod) {
	sort.Slice(pods, func(i, j int) bool { return ordinalOf(pods[i]) < ordinalOf(pods[j]) })
}
