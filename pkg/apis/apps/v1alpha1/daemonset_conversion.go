package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// ProgressiveCreatePodAnnotation set to "true" is the v1alpha1 form of
// spec.scaleStrategy.partitionedScaling.
const ProgressiveCreatePodAnnotation = "daemonset.kruise.io/progressive-create-pod"

// daemonSetPreserved holds what the v1alpha1 view of an Advanced DaemonSet would otherwise change.
// +k8s:openapi-gen=false
type daemonSetPreserved struct {
	// ProgressiveCreatePod is the hub object's own progressive-create-pod annotation, when the
	// v1alpha1 view shows something else in its place.
	ProgressiveCreatePod *string `json:"progressiveCreatePod,omitempty"`
	// EmptyScaleStrategy records a scaleStrategy that is present but has partitionedScaling off.
	EmptyScaleStrategy bool `json:"emptyScaleStrategy,omitempty"`
	// Surging records that the hub object itself has rollingUpdateType Surging.
	Surging bool `json:"surging,omitempty"`
}

// Convert_apps_DaemonSet_To_v1alpha1_DaemonSet converts down: partitionedScaling becomes the
// progressive-create-pod annotation (written only when true).
func Convert_apps_DaemonSet_To_v1alpha1_DaemonSet(in *apps.DaemonSet, out *DaemonSet, s conversion.Scope) error {
	if err := autoConvert_apps_DaemonSet_To_v1alpha1_DaemonSet(in, out, s); err != nil {
		return err
	}
	var extra daemonSetPreserved
	own, hasOwn := in.Annotations[ProgressiveCreatePodAnnotation]
	partitioned := in.Spec.ScaleStrategy != nil && in.Spec.ScaleStrategy.PartitionedScaling
	switch {
	case partitioned:
		if hasOwn {
			extra.ProgressiveCreatePod = &own
		}
		preserve.SetAnnotation(&out.ObjectMeta, ProgressiveCreatePodAnnotation, "true")
	case own == "true":
		// v1alpha1 would read the annotation as partitionedScaling: hide it.
		extra.ProgressiveCreatePod = &own
		preserve.RemoveAnnotation(&out.ObjectMeta, ProgressiveCreatePodAnnotation)
	}
	extra.EmptyScaleStrategy = in.Spec.ScaleStrategy != nil && !partitioned
	if ru := in.Spec.UpdateStrategy.RollingUpdate; ru != nil && string(ru.Type) == string(DeprecatedSurgingRollingUpdateType) {
		extra.Surging = true
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_DaemonSet_To_apps_DaemonSet converts up: a progressive-create-pod annotation of
// "true" moves into scaleStrategy.partitionedScaling, and the deprecated Surging type becomes Standard.
func Convert_v1alpha1_DaemonSet_To_apps_DaemonSet(in *DaemonSet, out *apps.DaemonSet, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_DaemonSet_To_apps_DaemonSet(in, out, s); err != nil {
		return err
	}
	var extra daemonSetPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	if ru := out.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.Type == apps.RollingUpdateType(DeprecatedSurgingRollingUpdateType) && !extra.Surging {
		// The generated conversion may share the struct with in: change a copy.
		standard := *ru
		standard.Type = apps.StandardRollingUpdateType
		out.Spec.UpdateStrategy.RollingUpdate = &standard
	}
	switch {
	case out.Annotations[ProgressiveCreatePodAnnotation] == "true":
		out.Spec.ScaleStrategy = &apps.DaemonSetScaleStrategy{PartitionedScaling: true}
		preserve.RemoveAnnotation(&out.ObjectMeta, ProgressiveCreatePodAnnotation)
	case extra.EmptyScaleStrategy:
		out.Spec.ScaleStrategy = &apps.DaemonSetScaleStrategy{}
	}
	if extra.ProgressiveCreatePod != nil {
		preserve.SetAnnotation(&out.ObjectMeta, ProgressiveCreatePodAnnotation, *extra.ProgressiveCreatePod)
	}
	return nil
}

// Convert_apps_DaemonSetSpec_To_v1alpha1_DaemonSetSpec drops scaleStrategy; the object-level
// conversion expresses it as an annotation.
func Convert_apps_DaemonSetSpec_To_v1alpha1_DaemonSetSpec(in *apps.DaemonSetSpec, out *DaemonSetSpec, s conversion.Scope) error {
	return autoConvert_apps_DaemonSetSpec_To_v1alpha1_DaemonSetSpec(in, out, s)
}

// Convert_apps_DaemonSetStatus_To_v1alpha1_DaemonSetStatus renames updateRevision to daemonSetHash.
func Convert_apps_DaemonSetStatus_To_v1alpha1_DaemonSetStatus(in *apps.DaemonSetStatus, out *DaemonSetStatus, s conversion.Scope) error {
	if err := autoConvert_apps_DaemonSetStatus_To_v1alpha1_DaemonSetStatus(in, out, s); err != nil {
		return err
	}
	out.DaemonSetHash = in.UpdateRevision
	return nil
}

// Convert_v1alpha1_DaemonSetStatus_To_apps_DaemonSetStatus renames daemonSetHash to updateRevision.
func Convert_v1alpha1_DaemonSetStatus_To_apps_DaemonSetStatus(in *DaemonSetStatus, out *apps.DaemonSetStatus, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_DaemonSetStatus_To_apps_DaemonSetStatus(in, out, s); err != nil {
		return err
	}
	out.UpdateRevision = in.DaemonSetHash
	return nil
}
