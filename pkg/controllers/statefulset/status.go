package statefulset

import (
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

// inService reports whether a pod's lifecycle lets it serve: no state, or Normal. Pods being
// prepared for creation, update or deletion by hooks are out of service whatever their readiness.
func inService(pod *v1.Pod) bool {
	s := lifecycle.State(pod)
	return s == "" || s == pub.LifecycleStateNormal
}

// isCreated reports whether the API server has the pod (a pod built this sync has no phase).
func isCreated(pod *v1.Pod) bool { return pod.Status.Phase != "" }

// isRunningAndReady is apps/v1's readiness test: a terminating pod still counts while it is ready.
func isRunningAndReady(pod *v1.Pod) bool {
	if pod.Status.Phase != v1.PodRunning {
		return false
	}
	c := podstate.Condition(pod, v1.PodReady)
	return c != nil && c.Status == v1.ConditionTrue
}

// isHealthy is what OrderedReady waits for before touching the next ordinal.
func isHealthy(pod *v1.Pod) bool {
	return inService(pod) && isRunningAndReady(pod) && !podstate.IsTerminating(pod)
}

// isAvailable reports whether the pod is in service and has been ready for minReadySeconds.
func isAvailable(pod *v1.Pod, minReadySeconds int32, now time.Time) bool {
	if !inService(pod) || !isRunningAndReady(pod) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	c := podstate.Condition(pod, v1.PodReady)
	return !c.LastTransitionTime.IsZero() && !c.LastTransitionTime.Add(time.Duration(minReadySeconds)*time.Second).After(now)
}

// availableIn is how long until a ready pod becomes available (0 when it is or is not ready).
func availableIn(pod *v1.Pod, minReadySeconds int32, now time.Time) time.Duration {
	if minReadySeconds == 0 || !isRunningAndReady(pod) {
		return 0
	}
	c := podstate.Condition(pod, v1.PodReady)
	d := c.LastTransitionTime.Add(time.Duration(minReadySeconds) * time.Second).Sub(now)
	if d <= 0 {
		return 0
	}
	return d + 100*time.Millisecond
}

// countStatus fills the replica counters of status from the set's pods (wanted and condemned).
func countStatus(status *appsv1beta1.StatefulSetStatus, pods []*v1.Pod, minReadySeconds int32, now time.Time) {
	status.Replicas, status.ReadyReplicas, status.AvailableReplicas = 0, 0, 0
	status.CurrentReplicas, status.UpdatedReplicas = 0, 0
	status.UpdatedReadyReplicas, status.UpdatedAvailableReplicas = 0, 0
	for _, p := range pods {
		if !isCreated(p) {
			continue
		}
		status.Replicas++
		rev := revisionOf(p)
		if isRunningAndReady(p) {
			status.ReadyReplicas++
			avail := isAvailable(p, minReadySeconds, now)
			if avail {
				status.AvailableReplicas++
			}
			if rev == status.UpdateRevision {
				status.UpdatedReadyReplicas++
				if avail {
					status.UpdatedAvailableReplicas++
				}
			}
		}
		if podstate.IsTerminating(p) {
			continue
		}
		if rev == status.CurrentRevision {
			status.CurrentReplicas++
		}
		if rev == status.UpdateRevision {
			status.UpdatedReplicas++
		}
	}
}

// completeRollingUpdate makes the update revision current once every pod runs it and is ready,
// as apps/v1 does; OnDelete sets keep their current revision.
func completeRollingUpdate(set *appsv1beta1.StatefulSet, status *appsv1beta1.StatefulSetStatus) {
	if set.Spec.UpdateStrategy.Type != apps.OnDeleteStatefulSetStrategyType &&
		status.UpdatedReplicas == status.Replicas && status.ReadyReplicas == status.Replicas {
		status.CurrentReplicas = status.UpdatedReplicas
		status.CurrentRevision = status.UpdateRevision
	}
}

// setCondition records a failure condition, keeping the transition time when only the message changes.
func setCondition(status *appsv1beta1.StatefulSetStatus, t apps.StatefulSetConditionType, reason, message string, now time.Time) {
	c := apps.StatefulSetCondition{Type: t, Status: v1.ConditionTrue, Reason: reason, Message: message, LastTransitionTime: metav1.NewTime(now)}
	for i := range status.Conditions {
		if status.Conditions[i].Type == t {
			if status.Conditions[i].Status == c.Status {
				c.LastTransitionTime = status.Conditions[i].LastTransitionTime
			}
			status.Conditions[i] = c
			return
		}
	}
	status.Conditions = append(status.Conditions, c)
}
