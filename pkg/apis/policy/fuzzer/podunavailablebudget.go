package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
)

// Random annotation keys never hit the two deprecated PodUnavailableBudget annotations that v1alpha1
// uses for spec.protectOperations and spec.protectTotalReplicas, so set them now and then, to valid and
// invalid values, for the round trips to cover their conversion. Nothing needs normalising: every
// internal object converts to v1alpha1 and back unchanged.
func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			func(obj *policy.PodUnavailableBudget, c randfill.Continue) {
				c.FillNoCustom(obj)
				values := map[string][]string{
					policy.PubProtectOperationAnnotation:     {"DELETE", "EVICT, UPDATE", "RESIZE,NOPE", "", ","},
					policy.PubProtectTotalReplicasAnnotation: {"3", "-1", "05", "x", ""},
				}
				for _, key := range []string{policy.PubProtectOperationAnnotation, policy.PubProtectTotalReplicasAnnotation} {
					if c.Intn(3) != 0 {
						continue
					}
					if obj.Annotations == nil {
						obj.Annotations = map[string]string{}
					}
					obj.Annotations[key] = values[key][c.Intn(len(values[key]))]
				}
			},
		}
	})
}
