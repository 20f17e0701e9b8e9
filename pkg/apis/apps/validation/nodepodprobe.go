package validation

import (
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// NodePodProbe is written only by the Kruise controllers and kruise-daemon, and OpenKruise never
// validated its content; only the metadata rules apply, so those writers keep working unchanged.

// ValidateNodePodProbe checks a NodePodProbe (cluster-scoped) on create.
func ValidateNodePodProbe(obj *apps.NodePodProbe) field.ErrorList {
	return ValidateObjectMeta(&obj.ObjectMeta, false)
}

// ValidateNodePodProbeUpdate checks a NodePodProbe on update.
func ValidateNodePodProbeUpdate(obj, old *apps.NodePodProbe) field.ErrorList {
	return ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
}

// ValidateNodePodProbeStatusUpdate checks a status write.
func ValidateNodePodProbeStatusUpdate(obj, old *apps.NodePodProbe) field.ErrorList {
	return ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
}
