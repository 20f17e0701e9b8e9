package statefulset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func TestClaimOwnersFollowTheRetentionPolicy(t *testing.T) {
	const retain, del = appsv1beta1.RetainPersistentVolumeClaimRetentionPolicyType, appsv1beta1.DeletePersistentVolumeClaimRetentionPolicyType
	for _, tc := range []struct {
		name                string
		whenDeleted, scaled appsv1beta1.PersistentVolumeClaimRetentionPolicyType
		scaledDown          bool
		wantSet, wantPod    bool
	}{
		{"retain/retain", retain, retain, false, false, false},
		{"retain/retain scaled down", retain, retain, true, false, false},
		{"whenDeleted=Delete: owned by the set", del, retain, false, true, false},
		{"whenDeleted=Delete scaled down: still the set", del, retain, true, true, false},
		{"whenScaled=Delete: nobody while wanted", retain, del, false, false, false},
		{"whenScaled=Delete scaled down: the pod", retain, del, true, false, true},
		{"both Delete: the set while wanted", del, del, false, true, false},
		{"both Delete scaled down: the pod only", del, del, true, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := &appsv1beta1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "web", UID: "set-uid"}, Spec: appsv1beta1.StatefulSetSpec{
				PersistentVolumeClaimRetentionPolicy: &appsv1beta1.StatefulSetPersistentVolumeClaimRetentionPolicy{WhenDeleted: tc.whenDeleted, WhenScaled: tc.scaled}}}
			pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1", UID: "pod-uid"}}
			claim := &v1.PersistentVolumeClaim{ObjectMeta: metav1.ObjectMeta{Name: "data-web-1", OwnerReferences: []metav1.OwnerReference{
				{APIVersion: "v1", Kind: "ConfigMap", Name: "unrelated", UID: "cm"},
			}}}
			wantUntouched := !tc.wantSet && !tc.wantPod
			assert.Equal(t, wantUntouched, claimOwnersUpToDate(claim, set, pod, tc.scaledDown))

			setClaimOwners(claim, set, pod, tc.scaledDown)
			assert.True(t, claimOwnersUpToDate(claim, set, pod, tc.scaledDown))
			var gotSet, gotPod bool
			for _, ref := range claim.OwnerReferences {
				switch ref.UID {
				case "set-uid":
					gotSet = true
					assert.Equal(t, "apps.kruise.io/v1beta1", ref.APIVersion)
					assert.True(t, *ref.Controller, "apps/v1 makes the owner the claim's controller")
				case "pod-uid":
					gotPod = true
					assert.True(t, *ref.Controller)
				}
			}
			assert.Equal(t, tc.wantSet, gotSet)
			assert.Equal(t, tc.wantPod, gotPod)
			assert.Equal(t, "unrelated", claim.OwnerReferences[0].Name, "other owners are kept")
		})
	}
}

func TestClaimsOfAnEarlierPodAreStaleUnderWhenScaledDelete(t *testing.T) {
	set := &appsv1beta1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: appsv1beta1.StatefulSetSpec{
		PersistentVolumeClaimRetentionPolicy: &appsv1beta1.StatefulSetPersistentVolumeClaimRetentionPolicy{WhenScaled: appsv1beta1.DeletePersistentVolumeClaimRetentionPolicyType}}}
	newPodToBe := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1"}}
	claim := &v1.PersistentVolumeClaim{ObjectMeta: metav1.ObjectMeta{Name: "data-web-1", OwnerReferences: []metav1.OwnerReference{
		{APIVersion: "v1", Kind: "Pod", Name: "web-1", UID: "old-pod"},
	}}}
	assert.True(t, claimIsStale(claim, set, newPodToBe))
	set.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled = appsv1beta1.RetainPersistentVolumeClaimRetentionPolicyType
	assert.False(t, claimIsStale(claim, set, newPodToBe))
}
