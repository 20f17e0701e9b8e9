// Package podstate answers the questions every workload controller asks about a pod: is it
// terminating, ready, available, which of two pods should go first when scaling down, which
// readiness gates it carries (and adds a gate to a pod spec being built).
package podstate

import (
	"strconv"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// IsTerminating reports whether the pod is being deleted.
func IsTerminating(pod *v1.Pod) bool { return pod.DeletionTimestamp != nil }

// IsActive reports whether the pod counts towards a workload: not terminating and not finished.
func IsActive(pod *v1.Pod) bool {
	return !IsTerminating(pod) && pod.Status.Phase != v1.PodSucceeded && pod.Status.Phase != v1.PodFailed
}

// Condition returns the pod's condition of the given type, or nil.
func Condition(pod *v1.Pod, t v1.PodConditionType) *v1.PodCondition {
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == t {
			return &pod.Status.Conditions[i]
		}
	}
	return nil
}

// IsReady reports whether the pod is running, not terminating, and its Ready condition is True.
func IsReady(pod *v1.Pod) bool {
	if IsTerminating(pod) || pod.Status.Phase != v1.PodRunning {
		return false
	}
	c := Condition(pod, v1.PodReady)
	return c != nil && c.Status == v1.ConditionTrue
}

// IsAvailable reports whether the pod has been ready for minReadySeconds at now and carries no
// unavailable-pod.kruise.io/ label.
func IsAvailable(pod *v1.Pod, minReadySeconds int32, now time.Time) bool {
	if !IsReady(pod) || HasUnavailableLabel(pod) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	c := Condition(pod, v1.PodReady)
	return !c.LastTransitionTime.IsZero() && c.LastTransitionTime.Add(time.Duration(minReadySeconds)*time.Second).Before(now)
}

// AvailableIn returns how long until a ready pod becomes available (0 when it already is or
// never will be without another change).
func AvailableIn(pod *v1.Pod, minReadySeconds int32, now time.Time) time.Duration {
	if minReadySeconds == 0 || !IsReady(pod) {
		return 0
	}
	c := Condition(pod, v1.PodReady)
	d := c.LastTransitionTime.Add(time.Duration(minReadySeconds) * time.Second).Sub(now)
	if d < 0 {
		return 0
	}
	return d + time.Second
}

// HasUnavailableLabel reports whether a user marked the pod unavailable whatever its readiness.
func HasUnavailableLabel(pod *v1.Pod) bool {
	for k := range pod.Labels {
		if strings.HasPrefix(k, pub.PubUnavailablePodLabelPrefix) {
			return true
		}
	}
	return false
}

// DeletionCost is the controller.kubernetes.io/pod-deletion-cost annotation (0 when absent or bad).
func DeletionCost(pod *v1.Pod) int64 {
	v, err := strconv.ParseInt(pod.Annotations["controller.kubernetes.io/pod-deletion-cost"], 10, 32)
	if err != nil {
		return 0
	}
	return v
}

// DeleteFirst orders pods the way ReplicaSets pick victims: unscheduled before scheduled, pending
// before unknown before running, not ready before ready, lower deletion cost first, ready for a
// shorter time first, more container restarts first, newer first.
func DeleteFirst(a, b *v1.Pod) bool {
	if (a.Spec.NodeName == "") != (b.Spec.NodeName == "") {
		return a.Spec.NodeName == ""
	}
	phaseRank := map[v1.PodPhase]int{v1.PodPending: 0, v1.PodUnknown: 1, v1.PodRunning: 2}
	if pa, pb := phaseRank[a.Status.Phase], phaseRank[b.Status.Phase]; pa != pb {
		return pa < pb
	}
	if ra, rb := IsReady(a), IsReady(b); ra != rb {
		return !ra
	}
	if ca, cb := DeletionCost(a), DeletionCost(b); ca != cb {
		return ca < cb
	}
	if IsReady(a) && IsReady(b) {
		ta, tb := Condition(a, v1.PodReady).LastTransitionTime, Condition(b, v1.PodReady).LastTransitionTime
		if !ta.Equal(&tb) {
			return tb.Before(&ta)
		}
	}
	if ra, rb := restarts(a), restarts(b); ra != rb {
		return ra > rb
	}
	if !a.CreationTimestamp.Equal(&b.CreationTimestamp) {
		return b.CreationTimestamp.Before(&a.CreationTimestamp)
	}
	return a.Name < b.Name
}

func restarts(pod *v1.Pod) int32 {
	var n int32
	for _, c := range pod.Status.ContainerStatuses {
		n = max(n, c.RestartCount)
	}
	return n
}

// HasReadinessGate reports whether the pod spec carries the readiness gate t.
func HasReadinessGate(spec *v1.PodSpec, t v1.PodConditionType) bool {
	for _, g := range spec.ReadinessGates {
		if g.ConditionType == t {
			return true
		}
	}
	return false
}

// AddReadinessGate adds the readiness gate t to a pod spec that lacks it.
func AddReadinessGate(spec *v1.PodSpec, t v1.PodConditionType) {
	if !HasReadinessGate(spec, t) {
		spec.ReadinessGates = append(spec.ReadinessGates, v1.PodReadinessGate{ConditionType: t})
	}
}
