package v1alpha1

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// sidecarSetPreserved holds what a v1alpha1 SidecarSet cannot express: a custom-version label set
// directly on the object (v1alpha1 uses that label for spec.customVersion).
// +k8s:openapi-gen=false
type sidecarSetPreserved struct {
	CustomVersionLabel *string `json:"customVersionLabel,omitempty"`
	CustomVersion      *string `json:"customVersion,omitempty"`
}

// Convert_apps_SidecarSet_To_v1alpha1_SidecarSet converts down; spec.customVersion becomes the
// custom-version label.
func Convert_apps_SidecarSet_To_v1alpha1_SidecarSet(in *apps.SidecarSet, out *SidecarSet, s conversion.Scope) error {
	if err := autoConvert_apps_SidecarSet_To_v1alpha1_SidecarSet(in, out, s); err != nil {
		return err
	}
	var extra sidecarSetPreserved
	if label, ok := in.Labels[SidecarSetCustomVersionLabel]; ok {
		version := in.Spec.CustomVersion
		extra = sidecarSetPreserved{CustomVersionLabel: &label, CustomVersion: &version}
	}
	if in.Spec.CustomVersion != "" {
		preserve.SetLabel(&out.ObjectMeta, SidecarSetCustomVersionLabel, in.Spec.CustomVersion)
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_SidecarSet_To_apps_SidecarSet converts up; the custom-version label moves into
// spec.customVersion.
func Convert_v1alpha1_SidecarSet_To_apps_SidecarSet(in *SidecarSet, out *apps.SidecarSet, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_SidecarSet_To_apps_SidecarSet(in, out, s); err != nil {
		return err
	}
	var extra sidecarSetPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	label, hasLabel := in.Labels[SidecarSetCustomVersionLabel]
	if hasLabel {
		out.Spec.CustomVersion = label
		preserve.RemoveLabel(&out.ObjectMeta, SidecarSetCustomVersionLabel)
	}
	// The preserved label comes back only if the client left the v1alpha1 label as it was written.
	if extra.CustomVersionLabel != nil && extra.CustomVersion != nil {
		written := *extra.CustomVersion
		if written == "" {
			written = *extra.CustomVersionLabel
		}
		if hasLabel && label == written {
			out.Spec.CustomVersion = *extra.CustomVersion
			preserve.SetLabel(&out.ObjectMeta, SidecarSetCustomVersionLabel, *extra.CustomVersionLabel)
		}
	}
	return nil
}

// Convert_v1alpha1_SidecarSetSpec_To_apps_SidecarSetSpec turns the single v1alpha1 namespace into a
// namespace selector on kubernetes.io/metadata.name; it wins over namespaceSelector.
func Convert_v1alpha1_SidecarSetSpec_To_apps_SidecarSetSpec(in *SidecarSetSpec, out *apps.SidecarSetSpec, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_SidecarSetSpec_To_apps_SidecarSetSpec(in, out, s); err != nil {
		return err
	}
	if in.Namespace != "" {
		out.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{v1.LabelMetadataName: in.Namespace}}
	}
	return nil
}

// Convert_apps_SidecarSetSpec_To_v1alpha1_SidecarSetSpec leaves namespace empty (the selector carries
// it); customVersion is written as a label by the object conversion.
func Convert_apps_SidecarSetSpec_To_v1alpha1_SidecarSetSpec(in *apps.SidecarSetSpec, out *SidecarSetSpec, s conversion.Scope) error {
	return autoConvert_apps_SidecarSetSpec_To_v1alpha1_SidecarSetSpec(in, out, s)
}
