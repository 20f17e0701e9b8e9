package v1alpha1

import (
	"math"

	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_BroadcastJob fills what OpenKruise's mutating webhook fills in a BroadcastJob:
// pod template defaults, completion policy Always, unlimited parallelism and failure policy FailFast.
func SetDefaults_BroadcastJob(obj *BroadcastJob) {
	spec := &obj.Spec
	podtemplate.SetDefaultsPodTemplate(&spec.Template)
	if spec.CompletionPolicy.Type == "" {
		spec.CompletionPolicy.Type = Always
	}
	if spec.Parallelism == nil {
		spec.Parallelism = ptr.To(intstr.FromInt32(math.MaxInt32))
	}
	if spec.FailurePolicy.Type == "" {
		spec.FailurePolicy.Type = FailurePolicyTypeFailFast
	}
}
