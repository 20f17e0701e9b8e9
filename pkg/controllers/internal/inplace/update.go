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
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podpatch"
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
	return podstate.HasReadinessGate(&pod.Spec, pub.InPlaceUpdateReady)
}

// AddReadinessGate adds the InPlaceUpdateReady readiness gate to a pod spec that lacks it.
func AddReadinessGate(spec *v1.PodSpec) {
	podstate.AddReadinessGate(spec, pub.InPlaceUpdateReady)
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

// Start begins moving pod to spec. The pod is marked not ready through InPlaceUpdateReady before any
// container changes. With a grace period, that mark, the new metadata (labels carrying the new
// revision included), the update state and the parked images go in one pods/status write; without
// one, the mark is written first and the metadata, state and images follow in one patch, so a pod
// never shows the new revision with the old images.
func (u Updater) Start(ctx context.Context, pod *v1.Pod, spec *Spec) (*v1.Pod, error) {
	now := u.now()
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

	var change podpatch.Change
	for k, v := range spec.Labels {
		change.SetLabel(k, v)
	}
	for _, k := range spec.RemoveLabels {
		if _, set := spec.Labels[k]; !set {
			if change.Labels == nil {
				change.Labels = map[string]*string{}
			}
			change.Labels[k] = nil
		}
	}
	for k, v := range spec.Annotations {
		change.SetAnnotation(k, v)
	}
	for _, k := range spec.RemoveAnnotations {
		if _, set := spec.Annotations[k]; !set {
			if change.Annotations == nil {
				change.Annotations = map[string]*string{}
			}
			change.Annotations[k] = nil
		}
	}
	change.SetAnnotation(pub.InPlaceUpdateStateKey, string(stateJSON))
	if _, old := pod.Annotations[pub.InPlaceUpdateStateKeyOld]; old {
		change.Annotations[pub.InPlaceUpdateStateKeyOld] = nil
	}
	notReady := []v1.PodCondition{}
	if c := podstate.Condition(pod, pub.InPlaceUpdateReady); HasReadinessGate(pod) && (c == nil || c.Status != v1.ConditionFalse) {
		notReady = append(notReady, v1.PodCondition{Type: pub.InPlaceUpdateReady, Status: v1.ConditionFalse, Reason: "StartInPlaceUpdate", LastTransitionTime: metav1.NewTime(now)})
	}

	if spec.GraceSeconds > 0 && len(spec.ContainerImages) > 0 {
		grace, _ := json.Marshal(Spec{Revision: spec.Revision, ContainerImages: spec.ContainerImages, GraceSeconds: spec.GraceSeconds})
		change.SetAnnotation(pub.InPlaceUpdateGraceKey, string(grace))
		change.Conditions = notReady
		return podpatch.Status(ctx, u.Kube, pod, change)
	}
	p, err := podpatch.Status(ctx, u.Kube, pod, podpatch.Change{Conditions: notReady})
	if err != nil {
		return nil, err
	}
	patch := map[string]any{"metadata": map[string]any{"labels": change.Labels, "annotations": change.Annotations}}
	if len(spec.ContainerImages) > 0 {
		patch["spec"] = imagePatch(p, spec.ContainerImages)
	}
	return u.patch(ctx, p, patch)
}

// RefreshPlan is what an in-place update needs next.
type RefreshPlan struct {
	// Images are parked images whose grace period ended: apply them now.
	Images map[string]string
	// Wait is how long until the grace period ends.
	Wait time.Duration
	// Ready is the InPlaceUpdateReady condition to write (nil: none).
	Ready *v1.PodCondition
}

// PlanRefresh decides how an in-place update moves along: apply parked images once the grace period
// ended, mark the pod ready again once every changed container runs its new image (or when the
// pod has the gate but no condition yet: a new pod, or an update interrupted before it started).
func PlanRefresh(pod *v1.Pod, now time.Time) RefreshPlan {
	if g := graceSpec(pod); g != nil {
		start := now
		if state := State(pod); state != nil {
			start = state.UpdateTimestamp.Time
		}
		if wait := start.Add(time.Duration(g.GraceSeconds) * time.Second).Sub(now); wait > 0 {
			return RefreshPlan{Wait: wait}
		}
		return RefreshPlan{Images: g.ContainerImages}
	}
	if !HasReadinessGate(pod) {
		return RefreshPlan{}
	}
	cond := podstate.Condition(pod, pub.InPlaceUpdateReady)
	if cond == nil || (cond.Status != v1.ConditionTrue && (State(pod) == nil || Completed(pod))) {
		return RefreshPlan{Ready: &v1.PodCondition{Type: pub.InPlaceUpdateReady, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(now)}}
	}
	return RefreshPlan{}
}

// ApplyImages changes the containers to the parked images and drops the grace annotation.
func (u Updater) ApplyImages(ctx context.Context, pod *v1.Pod, images map[string]string) (*v1.Pod, error) {
	return u.patch(ctx, pod, map[string]any{
		"metadata": map[string]any{"annotations": map[string]any{pub.InPlaceUpdateGraceKey: nil, pub.InPlaceUpdateGraceKeyOld: nil}},
		"spec":     imagePatch(pod, images),
	})
}

// Refresh carries out PlanRefresh and returns how soon to look again (0: no need).
func (u Updater) Refresh(ctx context.Context, pod *v1.Pod) (*v1.Pod, time.Duration, error) {
	plan := PlanRefresh(pod, u.now())
	switch {
	case plan.Images != nil:
		p, err := u.ApplyImages(ctx, pod, plan.Images)
		return p, 0, err
	case plan.Ready != nil:
		p, err := podpatch.Status(ctx, u.Kube, pod, podpatch.Change{Conditions: []v1.PodCondition{*plan.Ready}})
		return p, 0, err
	}
	return pod, plan.Wait, nil
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
