package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// UnitedDeployment round-trips through v1alpha1 losslessly for any value. The v1alpha1 status repeats the subset replicas
// and partitions in maps keyed by subset name, so the filler often reuses or blanks subset names to
// cover statuses the maps cannot describe (they travel in the preserve annotation).
func init() {
	addFuncs(func(_ runtimeserializer.CodecFactory) []interface{} {
		return []interface{}{
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
