// Package lifecycle moves pods through the lifecycle.apps.kruise.io/state states and evaluates the
// workload's lifecycle hooks (preNormal, inPlaceUpdate, preDelete) against a pod.
package lifecycle

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podpatch"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

// State returns the pod's lifecycle state ("" when it has none).
func State(pod *v1.Pod) pub.LifecycleStateType {
	return pub.LifecycleStateType(pod.Labels[pub.LifecycleStateKey])
}

// IsHooked reports whether the hook still holds the pod: it carries any of the hook's labels (with
// the given value) or any of its finalizers. A nil hook never holds.
func IsHooked(hook *pub.LifecycleHook, pod *v1.Pod) bool {
	if hook == nil {
		return false
	}
	for k, v := range hook.LabelsHandler {
		if got, ok := pod.Labels[k]; ok && got == v {
			return true
		}
	}
	for _, f := range hook.FinalizersHandler {
		if slices.Contains(pod.Finalizers, f) {
			return true
		}
	}
	return false
}

// IsAllHooked reports whether the pod carries every label and finalizer of the hook, i.e. the
// hook's owner has attached to the pod. A nil or empty hook is trivially attached.
func IsAllHooked(hook *pub.LifecycleHook, pod *v1.Pod) bool {
	if hook == nil {
		return true
	}
	for k, v := range hook.LabelsHandler {
		if got, ok := pod.Labels[k]; !ok || got != v {
			return false
		}
	}
	for _, f := range hook.FinalizersHandler {
		if !slices.Contains(pod.Finalizers, f) {
			return false
		}
	}
	return true
}

// InitialState is the state of a pod a workload creates: PreparingNormal while a preNormal hook
// is configured, Normal otherwise.
func InitialState(l *pub.Lifecycle) pub.LifecycleStateType {
	if l != nil && l.PreNormal != nil {
		return pub.LifecycleStatePreparingNormal
	}
	return pub.LifecycleStateNormal
}

// SetInitialState labels a pod about to be created with its initial state and timestamp.
func SetInitialState(pod *v1.Pod, l *pub.Lifecycle, now time.Time) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	if pod.Annotations == nil {
		pod.Annotations = map[string]string{}
	}
	pod.Labels[pub.LifecycleStateKey] = string(InitialState(l))
	pod.Annotations[pub.LifecycleTimestampKey] = now.UTC().Format(time.RFC3339)
}

// NeedsKruisePodReadyGate reports whether pods of a workload with these hooks must carry the
// KruisePodReady readiness gate, so markPodNotReady can take them out of service.
func NeedsKruisePodReadyGate(l *pub.Lifecycle) bool {
	return l != nil && ((l.PreDelete != nil && l.PreDelete.MarkPodNotReady) || (l.InPlaceUpdate != nil && l.InPlaceUpdate.MarkPodNotReady))
}

// Holder keys recorded in the KruisePodReady condition message.
const (
	PreDeleteHolder = "preDeleteHook"
	PreUpdateHolder = "preUpdateHook"
	userAgent       = "Lifecycle"
)

type holder struct {
	UserAgent string `json:"userAgent"`
	Key       string `json:"key"`
}

// Client writes lifecycle changes to pods.
type Client struct {
	Kube kubernetes.Interface
	Now  func() time.Time
}

func (c Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// SetState moves the pod to state in one pods/status write. When the pod has the KruisePodReady
// gate, notReadyHolder (if not empty) marks it not ready on behalf of that hook, and releaseHolder
// removes such a mark.
func (c Client) SetState(ctx context.Context, pod *v1.Pod, state pub.LifecycleStateType, notReadyHolder, releaseHolder string) (*v1.Pod, error) {
	var change podpatch.Change
	AddStateChange(&change, pod, state, c.now())
	if cond := ReadyCondition(pod, notReadyHolder, releaseHolder, c.now()); cond != nil {
		change.Conditions = append(change.Conditions, *cond)
	}
	return podpatch.Status(ctx, c.Kube, pod, change)
}

// AddStateChange records into change the label and timestamp moving the pod to state (nothing when
// it is already there).
func AddStateChange(change *podpatch.Change, pod *v1.Pod, state pub.LifecycleStateType, now time.Time) {
	if State(pod) == state {
		return
	}
	change.SetLabel(pub.LifecycleStateKey, string(state))
	change.SetAnnotation(pub.LifecycleTimestampKey, now.UTC().Format(time.RFC3339))
}

// EnsureKruisePodReady sets the KruisePodReady condition True on a pod that has the gate and no
// condition yet (a new pod nobody holds).
func (c Client) EnsureKruisePodReady(ctx context.Context, pod *v1.Pod) (*v1.Pod, error) {
	cond := ReadyCondition(pod, "", "", c.now())
	if cond == nil || podstate.Condition(pod, pub.KruisePodReadyConditionType) != nil {
		return pod, nil
	}
	return podpatch.Status(ctx, c.Kube, pod, podpatch.Change{Conditions: []v1.PodCondition{*cond}})
}

// ReadyCondition returns the KruisePodReady condition after adding and removing the lifecycle's
// holders, or nil when the pod has no such gate or the condition would not change. Holders are
// kept as a sorted JSON list in the message; the condition is True only when nobody holds it.
func ReadyCondition(pod *v1.Pod, add, remove string, now time.Time) *v1.PodCondition {
	if !podstate.HasReadinessGate(&pod.Spec, pub.KruisePodReadyConditionType) {
		return nil
	}
	var holders []holder
	cond := podstate.Condition(pod, pub.KruisePodReadyConditionType)
	if cond != nil && cond.Message != "" {
		_ = json.Unmarshal([]byte(cond.Message), &holders)
	}
	holders = slices.DeleteFunc(holders, func(h holder) bool { return h.UserAgent == userAgent && (h.Key == remove || h.Key == add) })
	if add != "" {
		holders = append(holders, holder{UserAgent: userAgent, Key: add})
	}
	sort.Slice(holders, func(i, j int) bool { return holders[i].UserAgent+holders[i].Key < holders[j].UserAgent+holders[j].Key })
	status, message := v1.ConditionTrue, ""
	if len(holders) > 0 {
		status = v1.ConditionFalse
		b, _ := json.Marshal(holders)
		message = string(b)
	}
	if cond != nil && cond.Status == status && cond.Message == message {
		return nil
	}
	transition := metav1.NewTime(now)
	if cond != nil && cond.Status == status {
		transition = cond.LastTransitionTime
	}
	return &v1.PodCondition{Type: pub.KruisePodReadyConditionType, Status: status, Message: message, LastTransitionTime: transition}
}

// AddKruisePodReadyGate adds the KruisePodReady readiness gate to a pod spec that lacks it (for
// workloads whose hooks mark pods not ready: see NeedsKruisePodReadyGate).
func AddKruisePodReadyGate(spec *v1.PodSpec) {
	podstate.AddReadinessGate(spec, pub.KruisePodReadyConditionType)
}
