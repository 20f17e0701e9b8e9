package statefulset

import (
	"strconv"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// controllerKind is what pods, PVCs and revisions name as their owner.
var controllerKind = appsv1beta1.SchemeGroupVersion.WithKind("StatefulSet")

var podKind = schema.GroupVersionKind{Version: "v1", Kind: "Pod"}

// newPod builds the pod for ordinal from template (the template of the revision it gets), with the
// identity apps/v1 gives StatefulSet pods: stable name, hostname and subdomain, the pod-name and
// pod-index labels, the revision label, and one PVC volume per claim template.
func newPod(set *appsv1beta1.StatefulSet, template *v1.PodTemplateSpec, revisionName string, ordinal int) *v1.Pod {
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name:            podName(set.Name, ordinal),
			Namespace:       set.Namespace,
			Labels:          copyMap(template.Labels),
			Annotations:     copyMap(template.Annotations),
			Finalizers:      append([]string(nil), template.Finalizers...),
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(set, controllerKind)},
		},
	}
	template.Spec.DeepCopyInto(&pod.Spec)
	pod.Spec.Hostname = pod.Name
	pod.Spec.Subdomain = set.Spec.ServiceName
	setIdentityLabels(pod, ordinal)
	pod.Labels[apps.StatefulSetRevisionLabel] = revisionName
	setClaimVolumes(set, pod, ordinal)
	return pod
}

func setIdentityLabels(pod *v1.Pod, ordinal int) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels[apps.StatefulSetPodNameLabel] = pod.Name
	pod.Labels[apps.PodIndexLabel] = strconv.Itoa(ordinal)
}

// identityMatches reports whether an existing pod still carries its identity labels.
func identityMatches(set *appsv1beta1.StatefulSet, pod *v1.Pod) bool {
	parent, ord := parentAndOrdinal(pod.Name)
	return ord >= 0 && parent == set.Name && pod.Namespace == set.Namespace &&
		pod.Labels[apps.StatefulSetPodNameLabel] == pod.Name &&
		pod.Labels[apps.PodIndexLabel] == strconv.Itoa(ord)
}

// storageMatches reports whether the pod mounts the PVC of every claim template.
func storageMatches(set *appsv1beta1.StatefulSet, pod *v1.Pod) bool {
	ord := ordinalOf(pod)
	volumes := map[string]v1.Volume{}
	for _, vol := range pod.Spec.Volumes {
		volumes[vol.Name] = vol
	}
	for _, c := range set.Spec.VolumeClaimTemplates {
		vol, ok := volumes[c.Name]
		if !ok || vol.PersistentVolumeClaim == nil || vol.PersistentVolumeClaim.ClaimName != claimName(c.Name, set.Name, ord) {
			return false
		}
	}
	return true
}

// setClaimVolumes points the volume named after each claim template at the ordinal's PVC,
// replacing a template volume of the same name, and keeps the other volumes.
func setClaimVolumes(set *appsv1beta1.StatefulSet, pod *v1.Pod, ordinal int) {
	if len(set.Spec.VolumeClaimTemplates) == 0 {
		return
	}
	claimed := map[string]bool{}
	var volumes []v1.Volume
	for _, c := range set.Spec.VolumeClaimTemplates {
		claimed[c.Name] = true
		volumes = append(volumes, v1.Volume{Name: c.Name, VolumeSource: v1.VolumeSource{
			PersistentVolumeClaim: &v1.PersistentVolumeClaimVolumeSource{ClaimName: claimName(c.Name, set.Name, ordinal)},
		}})
	}
	for _, vol := range pod.Spec.Volumes {
		if !claimed[vol.Name] {
			volumes = append(volumes, vol)
		}
	}
	pod.Spec.Volumes = volumes
}

// claimsFor returns the PVCs the pod at ordinal needs, labelled with the set's selector labels.
func claimsFor(set *appsv1beta1.StatefulSet, ordinal int) []*v1.PersistentVolumeClaim {
	var out []*v1.PersistentVolumeClaim
	for i := range set.Spec.VolumeClaimTemplates {
		c := set.Spec.VolumeClaimTemplates[i].DeepCopy()
		c.Name = claimName(c.Name, set.Name, ordinal)
		c.Namespace = set.Namespace
		c.ResourceVersion, c.UID, c.CreationTimestamp = "", "", metav1.Time{}
		if c.Labels == nil {
			c.Labels = map[string]string{}
		}
		if set.Spec.Selector != nil {
			for k, v := range set.Spec.Selector.MatchLabels {
				c.Labels[k] = v
			}
		}
		out = append(out, c)
	}
	return out
}

func copyMap(in map[string]string) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}
