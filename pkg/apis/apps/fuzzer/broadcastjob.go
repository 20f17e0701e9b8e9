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
			func(obj *apps.BroadcastJob, c randfill.Continue) {
				c.FillNoCustom(obj)
				var external v1beta1.BroadcastJob
				if err := v1beta1.Convert_apps_BroadcastJob_To_v1beta1_BroadcastJob(obj, &external, nil); err != nil {
					panic(err)
				}
				v1beta1.SetObjectDefaults_BroadcastJob(&external)
				if err := v1beta1.Convert_v1beta1_BroadcastJob_To_apps_BroadcastJob(&external, obj, nil); err != nil {
					panic(err)
				}
			},
		}
	})
}
