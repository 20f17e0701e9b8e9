package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// statefulSetPreserved holds the Advanced StatefulSet fields v1alpha1 has no place for.
// OpenKruise drops them on the way down; we carry them in the preserve annotation instead.
// +k8s:openapi-gen=false
type statefulSetPreserved struct {
	VolumeClaimUpdateStrategy            apps.VolumeClaimUpdateStrategy                        `json:"volumeClaimUpdateStrategy,omitzero"`
	ReserveOrdinals                      []intstr.IntOrString                                  `json:"reserveOrdinals,omitzero"`
	Lifecycle                            *pub.Lifecycle                                        `json:"lifecycle,omitzero"`
	ScaleStrategy                        *apps.StatefulSetScaleStrategy                        `json:"scaleStrategy,omitzero"`
	PersistentVolumeClaimRetentionPolicy *apps.StatefulSetPersistentVolumeClaimRetentionPolicy `json:"persistentVolumeClaimRetentionPolicy,omitzero"`
	Ordinals                             *apps.StatefulSetOrdinals                             `json:"ordinals,omitzero"`
	UpdatedReadyReplicas                 int32                                                 `json:"updatedReadyReplicas,omitzero"`
	UpdatedAvailableReplicas             int32                                                 `json:"updatedAvailableReplicas,omitzero"`
	VolumeClaims                         []apps.VolumeClaimStatus                              `json:"volumeClaims,omitzero"`
}

// Convert_apps_StatefulSet_To_v1alpha1_StatefulSet converts down, carrying the v1beta1-only
// fields in the preserve annotation.
func Convert_apps_StatefulSet_To_v1alpha1_StatefulSet(in *apps.StatefulSet, out *StatefulSet, s conversion.Scope) error {
	if err := autoConvert_apps_StatefulSet_To_v1alpha1_StatefulSet(in, out, s); err != nil {
		return err
	}
	return preserve.Save(&out.ObjectMeta, &statefulSetPreserved{
		VolumeClaimUpdateStrategy:            in.Spec.VolumeClaimUpdateStrategy,
		ReserveOrdinals:                      in.Spec.ReserveOrdinals,
		Lifecycle:                            in.Spec.Lifecycle,
		ScaleStrategy:                        in.Spec.ScaleStrategy,
		PersistentVolumeClaimRetentionPolicy: in.Spec.PersistentVolumeClaimRetentionPolicy,
		Ordinals:                             in.Spec.Ordinals,
		UpdatedReadyReplicas:                 in.Status.UpdatedReadyReplicas,
		UpdatedAvailableReplicas:             in.Status.UpdatedAvailableReplicas,
		VolumeClaims:                         in.Status.VolumeClaims,
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
	out.Spec.VolumeClaimUpdateStrategy = extra.VolumeClaimUpdateStrategy
	out.Spec.ReserveOrdinals = extra.ReserveOrdinals
	out.Spec.Lifecycle = extra.Lifecycle
	out.Spec.ScaleStrategy = extra.ScaleStrategy
	out.Spec.PersistentVolumeClaimRetentionPolicy = extra.PersistentVolumeClaimRetentionPolicy
	out.Spec.Ordinals = extra.Ordinals
	out.Status.UpdatedReadyReplicas = extra.UpdatedReadyReplicas
	out.Status.UpdatedAvailableReplicas = extra.UpdatedAvailableReplicas
	out.Status.VolumeClaims = extra.VolumeClaims
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
