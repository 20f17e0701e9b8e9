package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// statefulSetPreserved holds the Advanced StatefulSet fields v1alpha1 has no place for, in their
// v1beta1 form. OpenKruise drops them on the way down; we carry them in the preserve annotation.
// +k8s:openapi-gen=false
type statefulSetPreserved struct {
	VolumeClaimUpdateStrategy            v1beta1.VolumeClaimUpdateStrategy                        `json:"volumeClaimUpdateStrategy,omitzero"`
	ReserveOrdinals                      []intstr.IntOrString                                     `json:"reserveOrdinals,omitzero"`
	Lifecycle                            *pub.Lifecycle                                           `json:"lifecycle,omitzero"`
	ScaleStrategy                        *v1beta1.StatefulSetScaleStrategy                        `json:"scaleStrategy,omitzero"`
	PersistentVolumeClaimRetentionPolicy *v1beta1.StatefulSetPersistentVolumeClaimRetentionPolicy `json:"persistentVolumeClaimRetentionPolicy,omitzero"`
	Ordinals                             *v1beta1.StatefulSetOrdinals                             `json:"ordinals,omitzero"`
	UpdatedReadyReplicas                 int32                                                    `json:"updatedReadyReplicas,omitzero"`
	UpdatedAvailableReplicas             int32                                                    `json:"updatedAvailableReplicas,omitzero"`
	VolumeClaims                         []v1beta1.VolumeClaimStatus                              `json:"volumeClaims,omitzero"`
}

// Convert_apps_StatefulSet_To_v1alpha1_StatefulSet converts down, carrying the v1beta1-only
// fields in the preserve annotation.
func Convert_apps_StatefulSet_To_v1alpha1_StatefulSet(in *apps.StatefulSet, out *StatefulSet, s conversion.Scope) error {
	if err := autoConvert_apps_StatefulSet_To_v1alpha1_StatefulSet(in, out, s); err != nil {
		return err
	}
	var beta v1beta1.StatefulSet
	if err := v1beta1.Convert_apps_StatefulSet_To_v1beta1_StatefulSet(in, &beta, s); err != nil {
		return err
	}
	return preserve.Save(&out.ObjectMeta, &statefulSetPreserved{
		VolumeClaimUpdateStrategy:            beta.Spec.VolumeClaimUpdateStrategy,
		ReserveOrdinals:                      beta.Spec.ReserveOrdinals,
		Lifecycle:                            beta.Spec.Lifecycle,
		ScaleStrategy:                        beta.Spec.ScaleStrategy,
		PersistentVolumeClaimRetentionPolicy: beta.Spec.PersistentVolumeClaimRetentionPolicy,
		Ordinals:                             beta.Spec.Ordinals,
		UpdatedReadyReplicas:                 beta.Status.UpdatedReadyReplicas,
		UpdatedAvailableReplicas:             beta.Status.UpdatedAvailableReplicas,
		VolumeClaims:                         beta.Status.VolumeClaims,
	})
}

// Convert_v1alpha1_StatefulSet_To_apps_StatefulSet converts up, restoring any preserved
// v1beta1-only fields.
func Convert_v1alpha1_StatefulSet_To_apps_StatefulSet(in *StatefulSet, out *apps.StatefulSet, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_StatefulSet_To_apps_StatefulSet(in, out, s); err != nil {
		return err
	}
	var extra statefulSetPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	beta := v1beta1.StatefulSet{
		Spec: v1beta1.StatefulSetSpec{
			VolumeClaimUpdateStrategy:            extra.VolumeClaimUpdateStrategy,
			ReserveOrdinals:                      extra.ReserveOrdinals,
			Lifecycle:                            extra.Lifecycle,
			ScaleStrategy:                        extra.ScaleStrategy,
			PersistentVolumeClaimRetentionPolicy: extra.PersistentVolumeClaimRetentionPolicy,
			Ordinals:                             extra.Ordinals,
		},
		Status: v1beta1.StatefulSetStatus{
			UpdatedReadyReplicas:     extra.UpdatedReadyReplicas,
			UpdatedAvailableReplicas: extra.UpdatedAvailableReplicas,
			VolumeClaims:             extra.VolumeClaims,
		},
	}
	var restored apps.StatefulSet
	if err := v1beta1.Convert_v1beta1_StatefulSet_To_apps_StatefulSet(&beta, &restored, s); err != nil {
		return err
	}
	out.Spec.VolumeClaimUpdateStrategy = restored.Spec.VolumeClaimUpdateStrategy
	out.Spec.ReserveOrdinals = restored.Spec.ReserveOrdinals
	out.Spec.Lifecycle = restored.Spec.Lifecycle
	out.Spec.ScaleStrategy = restored.Spec.ScaleStrategy
	out.Spec.PersistentVolumeClaimRetentionPolicy = restored.Spec.PersistentVolumeClaimRetentionPolicy
	out.Spec.Ordinals = restored.Spec.Ordinals
	out.Status.UpdatedReadyReplicas = restored.Status.UpdatedReadyReplicas
	out.Status.UpdatedAvailableReplicas = restored.Status.UpdatedAvailableReplicas
	out.Status.VolumeClaims = restored.Status.VolumeClaims
	return nil
}

// Convert_apps_StatefulSetSpec_To_v1alpha1_StatefulSetSpec drops the v1beta1-only spec fields;
// the object-level conversion preserves them.
func Convert_apps_StatefulSetSpec_To_v1alpha1_StatefulSetSpec(in *apps.StatefulSetSpec, out *StatefulSetSpec, s conversion.Scope) error {
	return autoConvert_apps_StatefulSetSpec_To_v1alpha1_StatefulSetSpec(in, out, s)
}

// Convert_apps_StatefulSetStatus_To_v1alpha1_StatefulSetStatus drops the v1beta1-only status
// fields; the object-level conversion preserves them.
func Convert_apps_StatefulSetStatus_To_v1alpha1_StatefulSetStatus(in *apps.StatefulSetStatus, out *StatefulSetStatus, s conversion.Scope) error {
	return autoConvert_apps_StatefulSetStatus_To_v1alpha1_StatefulSetStatus(in, out, s)
}
