package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func init() {
	addFuncs(func(runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			// Decoding applies the scheme defaults, so start from an object defaulted as v1beta1
			// (which sets the concurrency policy, so the v1alpha1 defaults change nothing). An
			// ImageListPullJob template is kept often: v1alpha1 carries it in the preserve annotation.
			func(obj *apps.AdvancedCronJob, c randfill.Continue) {
				c.FillNoCustom(obj)
				if obj.Spec.Template.ImageListPullJobTemplate == nil && c.Bool() {
					obj.Spec.Template.ImageListPullJobTemplate = &apps.ImageListPullJobTemplateSpec{}
					c.Fill(obj.Spec.Template.ImageListPullJobTemplate)
				}
				defaultInEveryVersion(obj)
			},
		}
	})
}
