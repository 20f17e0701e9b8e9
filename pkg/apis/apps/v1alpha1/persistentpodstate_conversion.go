package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// Convert_apps_NodeTopologyTerm_To_v1alpha1_NodeTopologyTerm renames keys to nodeTopologyKeys
// (in requiredPersistentTopology and in each preferred term).
func Convert_apps_NodeTopologyTerm_To_v1alpha1_NodeTopologyTerm(in *apps.NodeTopologyTerm, out *NodeTopologyTerm, s conversion.Scope) error {
	if err := autoConvert_apps_NodeTopologyTerm_To_v1alpha1_NodeTopologyTerm(in, out, s); err != nil {
		return err
	}
	out.NodeTopologyKeys = in.Keys
	return nil
}

// Convert_v1alpha1_NodeTopologyTerm_To_apps_NodeTopologyTerm renames nodeTopologyKeys to keys.
func Convert_v1alpha1_NodeTopologyTerm_To_apps_NodeTopologyTerm(in *NodeTopologyTerm, out *apps.NodeTopologyTerm, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_NodeTopologyTerm_To_apps_NodeTopologyTerm(in, out, s); err != nil {
		return err
	}
	out.Keys = in.NodeTopologyKeys
	return nil
}
