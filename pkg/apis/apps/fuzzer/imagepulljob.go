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
			// Decoding applies the scheme defaults, so start from a defaulted object.
			func(obj *apps.ImagePullJob, c randfill.Continue) {
				c.FillNoCustom(obj)
				var external v1beta1.ImagePullJob
				if err := v1beta1.Convert_apps_ImagePullJob_To_v1beta1_ImagePullJob(obj, &external, nil); err != nil {
					panic(err)
				}
				v1beta1.SetObjectDefaults_ImagePullJob(&external)
				if err := v1beta1.Convert_v1beta1_ImagePullJob_To_apps_ImagePullJob(&external, obj, nil); err != nil {
					panic(err)
				}
			},
		}
	})
}
