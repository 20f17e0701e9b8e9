package inplace

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

// Updater writes in-place updates to pods.
type Updater struct {
	Kube kubernetes.Interface
	Now  func() time.Time
}

func (u Updater) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

// HasReadinessGate reports whether the pod carries the InPlaceUpdateReady readiness gate.
func HasReadinessGate(pod *v1.Pod) bool {
	for _, g := range pod.Spec.ReadinessGates {
		if g.ConditionType == pub.InPlaceUpdateReady {
			return true
		}
	}
	return false
}

// AddReadinessGate adds the InPlaceUpdateReady readiness gate to a pod spec that lacks it.
func AddReadinessGate(spec *v1.PodSpec) {
	for _, g := range spec.ReadinessGates {
		if g.ConditionType == pub.InPlaceUpdateReady {
			return
		}
	}
	spec.ReadinessGates = append(spec.ReadinessGates, v1.PodReadinessGate{ConditionType: pub.InPlaceUpdateReady})
}

// State returns the pod's in-place update state annotation (either spelling), or nil.
func State(pod *v1.Pod) *pub.InPlaceUpdateState {
	raw, ok := pod.Annotations[pub.InPlaceUpdateStateKey]
	if !ok {
		raw, ok = pod.Annotations[pub.InPlaceUpdateStateKeyOld]
	}
	if !ok {
		return nil
	}
	var s pub.InPlaceUpdateState
	if json.Unmarshal([]byte(raw), &s) != nil {
		return nil
	}
	return &s
}

func graceSpec(pod *v1.Pod) *Spec {
	raw, ok := pod.Annotations[pub.InPlaceUpdateGraceKey]
	if !ok {
		raw, ok = pod.Annotations[pub.InPlaceUpdateGraceKeyOld]
	}
	if !ok {
		return nil
	}
	var s Spec
	if json.Unmarshal([]byte(raw), &s) != nil {
		return nil
	}
	return &s
}

// IsUpdating reports whether the pod is in an in-place update that has not finished: its
// InPlaceUpdateReady condition is False, or it still waits for its grace period.
func IsUpdating(pod *v1.Pod) bool {
	if graceSpec(pod) != nil {
		return true
	}
	c := podstate.Condition(pod, pub.InPlaceUpdateReady)
	return c != nil && c.Status == v1.ConditionFalse && State(pod) != nil
}

// Start begins moving pod to spec: it marks the pod not ready through InPlaceUpdateReady, then in one
// patch sets the metadata (labels carrying the new revision included), records the update state and
// either changes the images now or, with a grace period, parks them in the grace annotation.
func (u Updater) Start(ctx context.Context, pod *v1.Pod, spec *Spec) (*v1.Pod, error) {
	now := u.now()
	if HasReadinessGate(pod) {
		var err error
		if pod, err = u.setCondition(ctx, pod, v1.ConditionFalse, "StartInPlaceUpdate", now); err != nil {
			return nil, err
		}
	}

	state := pub.InPlaceUpdateState{
		Revision:              spec.Revision,
		UpdateTimestamp:       metav1.NewTime(now),
		LastContainerStatuses: map[string]pub.InPlaceUpdateContainerStatus{},
		UpdateImages:          len(spec.ContainerImages) > 0,
	}
	for _, cs := range pod.Status.ContainerStatuses {
		if _, ok := spec.ContainerImages[cs.Name]; ok {
			state.LastContainerStatuses[cs.Name] = pub.InPlaceUpdateContainerStatus{ImageID: cs.ImageID}
		}
	}
	stateJSON, _ := json.Marshal(state)

	labels := map[string]any{}
	for k, v := range spec.Labels {
		labels[k] = v
	}
	for _, k := range spec.RemoveLabels {
		if _, set := spec.Labels[k]; !set {
			labels[k] = nil
		}
	}
	annotations := map[string]any{pub.InPlaceUpdateStateKey: string(stateJSON), pub.InPlaceUpdateStateKeyOld: nil}
	for k, v := range spec.Annotations {
		annotations[k] = v
	}
	for _, k := range spec.RemoveAnnotations {
		if _, set := spec.Annotations[k]; !set {
			annotations[k] = nil
		}
	}
	patch := map[string]any{"metadata": map[string]any{"labels": labels, "annotations": annotations}}
	if spec.GraceSeconds > 0 && len(spec.ContainerImages) > 0 {
		grace, _ := json.Marshal(Spec{Revision: spec.Revision, ContainerImages: spec.ContainerImages, GraceSeconds: spec.GraceSeconds})
		annotations[pub.InPlaceUpdateGraceKey] = string(grace)
	} else if len(spec.ContainerImages) > 0 {
		patch["spec"] = imagePatch(pod, spec.ContainerImages)
	}
	return u.patch(ctx, pod, patch)
}

// Refresh moves an in-place update along and returns how soon to look again (0: no need): it applies
// images whose grace period ended, marks the pod ready again once every changed container runs its
// new image, and sets InPlaceUpdateReady True on pods that have the gate but no condition yet.
func (u Updater) Refresh(ctx context.Context, pod *v1.Pod) (*v1.Pod, time.Duration, error) {
	if !HasReadinessGate(pod) && graceSpec(pod) == nil {
		return pod, 0, nil
	}
	now := u.now()
	if g := graceSpec(pod); g != nil {
		state := State(pod)
		start := now
		if state != nil {
			start = state.UpdateTimestamp.Time
		}
		due := start.Add(time.Duration(g.GraceSeconds) * time.Second)
		if wait := due.Sub(now); wait > 0 {
			return pod, wait, nil
		}
		p, err := u.patch(ctx, pod, map[string]any{
			"metadata": map[string]any{"annotations": map[string]any{pub.InPlaceUpdateGraceKey: nil, pub.InPlaceUpdateGraceKeyOld: nil}},
			"spec":     imagePatch(pod, g.ContainerImages),
		})
		return p, 0, err
	}
	cond := podstate.Condition(pod, pub.InPlaceUpdateReady)
	switch {
	case cond == nil:
		p, err := u.setCondition(ctx, pod, v1.ConditionTrue, "", now)
		return p, 0, err
	case cond.Status != v1.ConditionTrue && Completed(pod):
		p, err := u.setCondition(ctx, pod, v1.ConditionTrue, "", now)
		return p, 0, err
	}
	return pod, 0, nil
}

// Completed reports whether every container whose image changed now runs the new image: its image
// ID differs from the one recorded at the start, or the runtime reports the new image by name (the
// new tag points at the same digest).
func Completed(pod *v1.Pod) bool {
	state := State(pod)
	if state == nil || graceSpec(pod) != nil {
		return false
	}
	images := map[string]string{}
	for _, c := range pod.Spec.Containers {
		images[c.Name] = c.Image
	}
	statuses := map[string]v1.ContainerStatus{}
	for _, cs := range pod.Status.ContainerStatuses {
		statuses[cs.Name] = cs
	}
	for name, last := range state.LastContainerStatuses {
		cs, ok := statuses[name]
		if !ok || (cs.ImageID == last.ImageID && !sameImage(cs.Image, images[name])) {
			return false
		}
	}
	return true
}

// sameImage compares image references the way runtimes report them: an untagged name means
// :latest, and a name without a registry lives on docker.io (under library/ when it has no path).
func sameImage(a, b string) bool {
	return normalizeImage(a) == normalizeImage(b)
}

func normalizeImage(ref string) string {
	if ref == "" {
		return ""
	}
	name := ref
	if last := name[strings.LastIndex(name, "/")+1:]; !strings.Contains(last, ":") && !strings.Contains(name, "@") {
		name += ":latest"
	}
	parts := strings.SplitN(name, "/", 2)
	switch {
	case len(parts) == 1:
		return "docker.io/library/" + name
	case !strings.ContainsAny(parts[0], ".:") && parts[0] != "localhost":
		return "docker.io/" + name
	}
	return name
}

func imagePatch(pod *v1.Pod, images map[string]string) map[string]any {
	var containers []map[string]any
	for _, c := range pod.Spec.Containers {
		if img, ok := images[c.Name]; ok && img != c.Image {
			containers = append(containers, map[string]any{"name": c.Name, "image": img})
		}
	}
	return map[string]any{"containers": containers}
}

func (u Updater) patch(ctx context.Context, pod *v1.Pod, patch map[string]any) (*v1.Pod, error) {
	raw, err := json.Marshal(patch)
	if err != nil {
		return nil, err
	}
	return u.Kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, raw, metav1.PatchOptions{})
}

func (u Updater) setCondition(ctx context.Context, pod *v1.Pod, status v1.ConditionStatus, reason string, now time.Time) (*v1.Pod, error) {
	if c := podstate.Condition(pod, pub.InPlaceUpdateReady); c != nil && c.Status == status {
		return pod, nil
	}
	raw, _ := json.Marshal(map[string]any{"status": map[string]any{"conditions": []map[string]any{{
		"type": pub.InPlaceUpdateReady, "status": status, "reason": reason, "lastTransitionTime": metav1.NewTime(now),
	}}}})
	return u.Kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, raw, metav1.PatchOptions{}, "status")
}
