package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// UnitedDeployment round-trips through v1alpha1 losslessly for any value. The filler applies the
// (idempotent) defaults, which decoding applies too. The v1alpha1 status repeats the subset replicas
// and partitions in maps keyed by subset name, so the filler often reuses or blanks subset names to
// cover statuses the maps cannot describe (they travel in the preserve annotation).
func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
			func(obj *apps.UnitedDeployment, c randfill.Continue) {
				c.FillNoCustom(obj)
				var external v1beta1.UnitedDeployment
				if err := v1beta1.Convert_apps_UnitedDeployment_To_v1beta1_UnitedDeployment(obj, &external, nil); err != nil {
					panic(err)
				}
				v1beta1.SetObjectDefaults_UnitedDeployment(&external)
				if err := v1beta1.Convert_v1beta1_UnitedDeployment_To_apps_UnitedDeployment(&external, obj, nil); err != nil {
					panic(err)
				}
			},
			func(st *apps.UnitedDeploymentStatus, c randfill.Continue) {
				c.FillNoCustom(st)
				if n := len(st.SubsetStatuses); n > 1 && c.Bool() {
					st.SubsetStatuses[n-1].Name = st.SubsetStatuses[0].Name
				}
				if len(st.SubsetStatuses) > 0 && c.Bool() {
					st.SubsetStatuses[0].Name = ""
				}
			},
		}
	})
}
