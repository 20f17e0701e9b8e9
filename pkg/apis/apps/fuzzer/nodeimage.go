package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
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
				var external v1beta1.NodeImage
				if err := v1beta1.Convert_apps_NodeImage_To_v1beta1_NodeImage(obj, &external, nil); err != nil {
					panic(err)
				}
				v1beta1.SetObjectDefaults_NodeImage(&external)
				if err := v1beta1.Convert_v1beta1_NodeImage_To_apps_NodeImage(&external, obj, nil); err != nil {
					panic(err)
				}
			},
		}
	})
}
