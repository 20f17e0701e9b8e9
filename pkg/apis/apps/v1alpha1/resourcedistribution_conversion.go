package v1alpha1

import (
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// Convert_apps_ResourceDistributionTargets_To_v1alpha1_ResourceDistributionTargets renames
// namespaceSelector to namespaceLabelSelector.
func Convert_apps_ResourceDistributionTargets_To_v1alpha1_ResourceDistributionTargets(in *apps.ResourceDistributionTargets, out *ResourceDistributionTargets, s conversion.Scope) error {
	if err := autoConvert_apps_ResourceDistributionTargets_To_v1alpha1_ResourceDistributionTargets(in, out, s); err != nil {
		return err
	}
	out.NamespaceLabelSelector = in.NamespaceSelector
	return nil
}

// Convert_v1alpha1_ResourceDistributionTargets_To_apps_ResourceDistributionTargets renames
// namespaceLabelSelector to namespaceSelector.
func Convert_v1alpha1_ResourceDistributionTargets_To_apps_ResourceDistributionTargets(in *ResourceDistributionTargets, out *apps.ResourceDistributionTargets, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_ResourceDistributionTargets_To_apps_ResourceDistributionTargets(in, out, s); err != nil {
		return err
	}
	out.NamespaceSelector = in.NamespaceLabelSelector
	return nil
}
