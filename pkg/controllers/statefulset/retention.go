package statefulset

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// The PVC retention policy is carried out by the garbage collector: the controller only keeps each
// claim's ownerReferences as apps/v1 does, a controller reference to
//   - nobody for Retain/Retain,
//   - the set for whenDeleted=Delete (while the pod is wanted, when whenScaled is Delete too),
//   - the pod once it is scaled away for whenScaled=Delete,
// and leaves alone claims already controlled by something else or by an older set/pod of the same
// name (the collector is about to remove those).

type retentionPolicy struct {
	deleteWhenDeleted, deleteWhenScaled bool
}

func retentionOf(set *appsv1beta1.StatefulSet) retentionPolicy {
	p := set.Spec.PersistentVolumeClaimRetentionPolicy
	if p == nil {
		return retentionPolicy{}
	}
	return retentionPolicy{
		deleteWhenDeleted: p.WhenDeleted == appsv1beta1.DeletePersistentVolumeClaimRetentionPolicyType,
		deleteWhenScaled:  p.WhenScaled == appsv1beta1.DeletePersistentVolumeClaimRetentionPolicyType,
	}
}

// wantedClaimOwners says which of set and pod should own a claim; scaledDown means the pod's
// ordinal is no longer wanted.
func (p retentionPolicy) wantedClaimOwners(scaledDown bool) (bySet, byPod bool) {
	switch {
	case p.deleteWhenScaled && scaledDown:
		return false, true
	case p.deleteWhenDeleted:
		return true, false
	}
	return false, false
}

func refMatches(ref *metav1.OwnerReference, obj metav1.Object, gvk schema.GroupVersionKind) bool {
	return ref.APIVersion == gvk.GroupVersion().String() && ref.Kind == gvk.Kind && ref.Name == obj.GetName()
}

// claimOwnersUpToDate reports whether the claim's ownerReferences already follow the policy.
func claimOwnersUpToDate(claim *v1.PersistentVolumeClaim, set *appsv1beta1.StatefulSet, pod *v1.Pod, scaledDown bool) bool {
	p := retentionOf(set)
	var setRef, podRef *metav1.OwnerReference
	otherController := false
	for i := range claim.OwnerReferences {
		ref := &claim.OwnerReferences[i]
		switch {
		case refMatches(ref, set, controllerKind):
			if ref.UID != set.UID {
				return true // left by a deleted set of the same name
			}
			setRef = ref
		case refMatches(ref, pod, podKind):
			if ref.UID != pod.UID {
				return true // left by an earlier pod of this ordinal
			}
			podRef = ref
		case ref.Controller != nil && *ref.Controller:
			otherController = true
		}
	}
	if otherController && (p.deleteWhenDeleted || p.deleteWhenScaled) {
		// Someone else controls the claim: ours must go, and we add none.
		return setRef == nil && podRef == nil
	}
	for _, ref := range []*metav1.OwnerReference{setRef, podRef} {
		if ref != nil && (ref.Controller == nil || !*ref.Controller) {
			return false
		}
	}
	bySet, byPod := p.wantedClaimOwners(scaledDown)
	return (setRef != nil) == bySet && (podRef != nil) == byPod
}

// setClaimOwners rewrites the claim's references to set and pod to follow the policy.
func setClaimOwners(claim *v1.PersistentVolumeClaim, set *appsv1beta1.StatefulSet, pod *v1.Pod, scaledDown bool) {
	p := retentionOf(set)
	var refs []metav1.OwnerReference
	otherController := false
	for _, ref := range claim.OwnerReferences {
		if refMatches(&ref, set, controllerKind) || refMatches(&ref, pod, podKind) {
			continue
		}
		if ref.Controller != nil && *ref.Controller {
			otherController = true
		}
		refs = append(refs, ref)
	}
	if !otherController || !(p.deleteWhenDeleted || p.deleteWhenScaled) {
		bySet, byPod := p.wantedClaimOwners(scaledDown)
		if bySet {
			refs = append(refs, *metav1.NewControllerRef(set, controllerKind))
		}
		if byPod {
			refs = append(refs, *metav1.NewControllerRef(pod, podKind))
		}
	}
	claim.OwnerReferences = refs
}

// claimIsStale reports whether an existing claim still belongs to an earlier pod of the same
// ordinal that was scaled away: with whenScaled=Delete the collector is about to delete it, and a
// new pod must not start on it.
func claimIsStale(claim *v1.PersistentVolumeClaim, set *appsv1beta1.StatefulSet, pod *v1.Pod) bool {
	if !retentionOf(set).deleteWhenScaled {
		return false
	}
	for i := range claim.OwnerReferences {
		ref := &claim.OwnerReferences[i]
		if refMatches(ref, pod, podKind) && ref.UID != pod.UID {
			return true
		}
	}
	return false
}
