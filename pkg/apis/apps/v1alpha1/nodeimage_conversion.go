package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// nodeImagePreserved is what a v1alpha1 NodeImage carries in the preserve annotation: for each
// image with at least one pull secret mode, its whole pull secret list with the modes.
// OpenKruise drops the modes on the way down; keeping them makes the round trip lossless.
// +k8s:openapi-gen=false
type nodeImagePreserved struct {
	PullSecretModes map[string][]pullSecretMode `json:"pullSecretModes,omitempty"`
}

// +k8s:openapi-gen=false
type pullSecretMode struct {
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name,omitempty"`
	Mode      string `json:"mode,omitempty"`
}

// Convert_apps_ReferenceObject_To_v1alpha1_ReferenceObject drops the mode, which
// Convert_apps_NodeImage_To_v1alpha1_NodeImage keeps in the preserve annotation.
func Convert_apps_ReferenceObject_To_v1alpha1_ReferenceObject(in *apps.ReferenceObject, out *ReferenceObject, s conversion.Scope) error {
	return autoConvert_apps_ReferenceObject_To_v1alpha1_ReferenceObject(in, out, s)
}

// Convert_apps_NodeImage_To_v1alpha1_NodeImage converts down, saving pull secret modes in the
// preserve annotation.
func Convert_apps_NodeImage_To_v1alpha1_NodeImage(in *apps.NodeImage, out *NodeImage, s conversion.Scope) error {
	if err := autoConvert_apps_NodeImage_To_v1alpha1_NodeImage(in, out, s); err != nil {
		return err
	}
	var modes map[string][]pullSecretMode
	for name, image := range in.Spec.Images {
		if !anyPullSecretMode(image.PullSecrets) {
			continue
		}
		list := make([]pullSecretMode, len(image.PullSecrets))
		for i, ref := range image.PullSecrets {
			list[i] = pullSecretMode{Namespace: ref.Namespace, Name: ref.Name, Mode: ref.Mode}
		}
		if modes == nil {
			modes = map[string][]pullSecretMode{}
		}
		modes[name] = list
	}
	if modes == nil {
		return nil
	}
	return preserve.Save(&out.ObjectMeta, &nodeImagePreserved{PullSecretModes: modes})
}

// Convert_v1alpha1_NodeImage_To_apps_NodeImage converts up, restoring pull secret modes from the
// preserve annotation.
func Convert_v1alpha1_NodeImage_To_apps_NodeImage(in *NodeImage, out *apps.NodeImage, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_NodeImage_To_apps_NodeImage(in, out, s); err != nil {
		return err
	}
	var kept nodeImagePreserved
	found, err := preserve.Restore(&out.ObjectMeta, &kept)
	if err != nil || !found {
		return err
	}
	for name, modes := range kept.PullSecretModes {
		image, ok := out.Spec.Images[name]
		if !ok || len(image.PullSecrets) == 0 {
			continue
		}
		// Copy before writing: the slice must not be shared with the v1alpha1 object.
		secrets := make([]apps.ReferenceObject, len(image.PullSecrets))
		copy(secrets, image.PullSecrets)
		applyPullSecretModes(secrets, modes)
		image.PullSecrets = secrets
		out.Spec.Images[name] = image
	}
	return nil
}

func anyPullSecretMode(refs []apps.ReferenceObject) bool {
	for _, ref := range refs {
		if ref.Mode != "" {
			return true
		}
	}
	return false
}

// applyPullSecretModes copies modes by position when the list is unchanged, and otherwise gives
// each secret the mode saved for the first secret with the same namespace and name.
func applyPullSecretModes(secrets []apps.ReferenceObject, modes []pullSecretMode) {
	aligned := len(secrets) == len(modes)
	for i := 0; aligned && i < len(secrets); i++ {
		aligned = secrets[i].Namespace == modes[i].Namespace && secrets[i].Name == modes[i].Name
	}
	for i := range secrets {
		if aligned {
			secrets[i].Mode = modes[i].Mode
			continue
		}
		for _, m := range modes {
			if m.Namespace == secrets[i].Namespace && m.Name == secrets[i].Name {
				secrets[i].Mode = m.Mode
				break
			}
		}
	}
}
