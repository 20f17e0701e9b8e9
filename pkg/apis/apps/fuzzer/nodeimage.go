package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func init() {
	addFuncs(func(runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			// Decoding applies the scheme defaults, so start from a defaulted object. Pull secret
			// modes, which v1alpha1 carries in the preserve annotation, are left random (some empty).
			func(obj *apps.NodeImage, c randfill.Continue) {
				c.FillNoCustom(obj)
				for _, image := range obj.Spec.Images {
					for i := range image.PullSecrets {
						if c.Bool() {
							image.PullSecrets[i].Mode = ""
						}
					}
				}
				defaultInEveryVersion(obj)
			},
		}
	})
}
