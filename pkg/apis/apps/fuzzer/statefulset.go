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
			// Decoding applies the scheme defaults, so a round-tripped object only equals the
			// original if the original is already defaulted: default it the way v1beta1 does.
			func(s *apps.StatefulSet, c randfill.Continue) {
				c.FillNoCustom(s)
				var external v1beta1.StatefulSet
				if err := v1beta1.Convert_apps_StatefulSet_To_v1beta1_StatefulSet(s, &external, nil); err != nil {
					panic(err)
				}
				v1beta1.SetObjectDefaults_StatefulSet(&external)
				if err := v1beta1.Convert_v1beta1_StatefulSet_To_apps_StatefulSet(&external, s, nil); err != nil {
					panic(err)
				}
			},
		}
	})
}
