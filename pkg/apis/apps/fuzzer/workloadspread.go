package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			// metav1.Condition requires a reason; v1alpha1 turns an empty one into "Unknown".
			func(s *apps.WorkloadSpreadSubsetStatus, c randfill.Continue) {
				c.FillNoCustom(s)
				for i := range s.Conditions {
					if s.Conditions[i].Reason == "" {
						s.Conditions[i].Reason = "Unknown"
					}
				}
			},
		}
	})
}
