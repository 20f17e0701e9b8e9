package fuzzer

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// The annotation keys v1alpha1 uses for status fields; a v1beta1 object may carry them too.
var crrAlphaAnnotationKeys = []string{"crr.apps.kruise.io/sync-container-statuses", "crr.apps.kruise.io/unready-acquired"}

func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			// Sometimes carry the v1alpha1 annotation keys, which the down conversion must not lose.
			func(obj *apps.ContainerRecreateRequest, c randfill.Continue) {
				c.FillNoCustom(obj)
				for _, key := range crrAlphaAnnotationKeys {
					if c.Bool() {
						if obj.Annotations == nil {
							obj.Annotations = map[string]string{}
						}
						obj.Annotations[key] = c.String(0)
					}
				}
			},
			// Leave only defaulted specs: decoding applies the defaults.
			func(s *apps.ContainerRecreateRequestSpec, c randfill.Continue) {
				c.FillNoCustom(s)
				if s.Strategy == nil {
					s.Strategy = &apps.ContainerRecreateRequestStrategy{}
				}
				if s.Strategy.FailurePolicy == "" {
					s.Strategy.FailurePolicy = apps.ContainerRecreateRequestFailurePolicyFail
				}
				for i := range s.Containers {
					for j := range s.Containers[i].Ports {
						if s.Containers[i].Ports[j].Protocol == "" {
							s.Containers[i].Ports[j].Protocol = corev1.ProtocolTCP
						}
					}
				}
			},
			// Often include a PreRecreateGrace condition, the one v1alpha1 keeps in an annotation.
			func(s *apps.ContainerRecreateRequestStatus, c randfill.Continue) {
				c.FillNoCustom(s)
				if len(s.Conditions) > 0 && c.Bool() {
					s.Conditions[0].Type = apps.ContainerRecreateRequestPreRecreateGraceType
					if c.Bool() {
						s.Conditions[0].Status = metav1.ConditionTrue
					}
				}
			},
		}
	})
}
