package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// SidecarSet round-trips through v1alpha1 losslessly for any value, so nothing is narrowed. The
// filler applies the (idempotent) defaults, which decoding applies too, and makes the cases that
// need the preserve annotation frequent: the custom-version label set directly on the object,
// alone or beside spec.customVersion.
func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			func(obj *apps.SidecarSet, c randfill.Continue) {
				c.FillNoCustom(obj)
				switch c.Intn(4) {
				case 0:
					obj.Spec.CustomVersion = ""
				case 1:
					setSidecarSetLabel(obj, apps.SidecarSetCustomVersionLabel, c.String(0))
				case 2:
					setSidecarSetLabel(obj, apps.SidecarSetCustomVersionLabel, obj.Spec.CustomVersion)
					obj.Spec.CustomVersion = ""
				}
				defaultInEveryVersion(obj)
			},
		}
	})
}

func setSidecarSetLabel(obj *apps.SidecarSet, key, value string) {
	labels := make(map[string]string, len(obj.Labels)+1)
	for k, v := range obj.Labels {
		labels[k] = v
	}
	labels[key] = value
	obj.Labels = labels
}
