package cloneset

import (
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/rand"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
)

// Pod labels CloneSet writes (apps/v1's spellings, as OpenKruise does).
const (
	revisionLabel        = "controller-revision-hash"
	podTemplateHashLabel = "pod-template-hash"
)

// newPod builds the pod of one instance at a revision.
func newPod(cs *appsv1beta1.CloneSet, template *v1.PodTemplateSpec, revisionName, revisionHash, instanceID string, now time.Time) *v1.Pod {
	t := template.DeepCopy()
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name:            cs.Name + "-" + instanceID,
			Namespace:       cs.Namespace,
			Labels:          t.Labels,
			Annotations:     t.Annotations,
			Finalizers:      t.Finalizers,
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(cs, controllerKind)},
		},
		Spec: t.Spec,
	}
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels[appsv1beta1.CloneSetInstanceID] = instanceID
	pod.Labels[revisionLabel] = revisionName
	pod.Labels[podTemplateHashLabel] = revisionHash
	lifecycle.SetInitialState(pod, cs.Spec.Lifecycle, now)
	inplace.AddReadinessGate(&pod.Spec)
	if lifecycle.NeedsKruisePodReadyGate(cs.Spec.Lifecycle) {
		lifecycle.AddKruisePodReadyGate(&pod.Spec)
	}
	for _, claim := range cs.Spec.VolumeClaimTemplates {
		vol := v1.Volume{Name: claim.Name, VolumeSource: v1.VolumeSource{PersistentVolumeClaim: &v1.PersistentVolumeClaimVolumeSource{
			ClaimName: pvcName(cs, claim.Name, instanceID),
		}}}
		replaced := false
		for i := range pod.Spec.Volumes {
			if pod.Spec.Volumes[i].Name == claim.Name {
				pod.Spec.Volumes[i] = vol
				replaced = true
			}
		}
		if !replaced {
			pod.Spec.Volumes = append(pod.Spec.Volumes, vol)
		}
	}
	return pod
}

// initialConditions are the readiness-gate conditions of a new pod: not in an in-place update, and
// not held by any lifecycle hook.
func initialConditions(pod *v1.Pod, now time.Time) []v1.PodCondition {
	var out []v1.PodCondition
	for _, g := range pod.Spec.ReadinessGates {
		if g.ConditionType == pub.InPlaceUpdateReady || g.ConditionType == pub.KruisePodReadyConditionType {
			out = append(out, v1.PodCondition{Type: g.ConditionType, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(now)})
		}
	}
	return out
}

// newPVCs builds the claims of one instance from the volumeClaimTemplates.
func newPVCs(cs *appsv1beta1.CloneSet, instanceID string) []*v1.PersistentVolumeClaim {
	var out []*v1.PersistentVolumeClaim
	for _, claim := range cs.Spec.VolumeClaimTemplates {
		pvc := claim.DeepCopy()
		pvc.Name = pvcName(cs, claim.Name, instanceID)
		pvc.Namespace = cs.Namespace
		pvc.ResourceVersion, pvc.UID = "", ""
		pvc.Status = v1.PersistentVolumeClaimStatus{}
		if pvc.Labels == nil {
			pvc.Labels = map[string]string{}
		}
		for k, v := range cs.Spec.Selector.MatchLabels {
			pvc.Labels[k] = v
		}
		pvc.Labels[appsv1beta1.CloneSetInstanceID] = instanceID
		pvc.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(cs, controllerKind)}
		out = append(out, pvc)
	}
	return out
}

func pvcName(cs *appsv1beta1.CloneSet, claim, instanceID string) string {
	return claim + "-" + cs.Name + "-" + instanceID
}

// newInstanceIDs returns n instance ids: first the reusable ones (instances whose PVCs outlived
// their pod), then fresh random ones not in taken.
func newInstanceIDs(n int, reusable []string, taken map[string]bool) []string {
	var out []string
	for _, id := range reusable {
		if len(out) == n {
			return out
		}
		out = append(out, id)
	}
	for len(out) < n {
		id := rand.String(5)
		if taken[id] {
			continue
		}
		taken[id] = true
		out = append(out, id)
	}
	return out
}

// revisionHash is the hash part of a revision name <cloneset>-<hash>.
func revisionHash(cs *appsv1beta1.CloneSet, revisionName string) string {
	return strings.TrimPrefix(revisionName, cs.Name+"-")
}
