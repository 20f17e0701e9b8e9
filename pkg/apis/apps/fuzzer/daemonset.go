package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
)

func init() {
	addFuncs(func(runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			// Decoding applies the scheme defaults, so a round-tripped object only equals the
			// original if the original is already defaulted: default it the way v1beta1 does.
			func(ds *apps.DaemonSet, c randfill.Continue) {
				c.FillNoCustom(ds)
				// v1alpha1 defaulting rewrites the deprecated Surging type, which v1beta1 rejects anyway.
				if ru := ds.Spec.UpdateStrategy.RollingUpdate; ru != nil && string(ru.Type) == string(v1alpha1.DeprecatedSurgingRollingUpdateType) {
					ru.Type = apps.StandardRollingUpdateType
				}
				defaultInEveryVersion(ds)
			},
		}
	})
}
