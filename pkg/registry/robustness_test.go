package registry_test

import (
	"context"
	"math/rand"
	"testing"

	"k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	metafuzzer "k8s.io/apimachinery/pkg/apis/meta/fuzzer"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apiserver"

	"github.com/kruise-aggregated/kruise/pkg/registry/apps/advancedcronjob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/broadcastjob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/cloneset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/containerrecreaterequest"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/daemonset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/ephemeraljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/imagelistpulljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/imagepulljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/nodeimage"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/nodepodprobe"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/persistentpodstate"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/podprobemarker"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/resourcedistribution"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/sidecarset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/statefulset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/uniteddeployment"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/workloadspread"
	"github.com/kruise-aggregated/kruise/pkg/registry/policy/podunavailablebudget"
	"github.com/kruise-aggregated/kruise/pkg/registry/store"
)

// survivesArbitraryObjects fills objects randomly (nil pointers, empty and odd values included)
// and runs everything the server runs on a request body: server-set fields, validation of create,
// update and status update, and every printer column. Bad input must give field errors, never a
// panic (which would be a 500).
func survivesArbitraryObjects[T store.Object](t *testing.T, def *store.Definition[T]) {
	t.Run(def.Resource.String(), func(t *testing.T) {
		filler := fuzzer.FuzzerFor(metafuzzer.Funcs, rand.NewSource(int64(len(def.Resource.Resource))), apiserver.Codecs).
			NilChance(0.3).NumElements(0, 3)
		rejected := 0
		for i := 0; i < 200; i++ {
			obj, old := def.New(), def.New()
			filler.Fill(obj)
			filler.Fill(old)
			var errs field.ErrorList
			requireNoPanic(t, obj, func() { errs = exercise(def, obj, old) })
			for _, err := range errs {
				if err.Field == "" {
					t.Fatalf("an error without a field path cannot become a 422 naming the field: %v", err)
				}
			}
			if len(errs) > 0 {
				rejected++
			}
		}
		if rejected == 0 {
			t.Errorf("none of 200 random objects was rejected: validation did not run")
		}
	})
}

// requireNoPanic fails the test with the offending object when f panics.
func requireNoPanic(t *testing.T, obj any, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic %v on %#v", r, obj)
		}
	}()
	f()
}

// exercise runs what the server runs on a request body and returns the validation errors.
func exercise[T store.Object](def *store.Definition[T], obj, old T) field.ErrorList {
	if def.PrepareForCreate != nil {
		def.PrepareForCreate(context.Background(), obj)
	}
	if def.PrepareForUpdate != nil {
		def.PrepareForUpdate(context.Background(), obj, old)
	}
	errs := def.Validate(obj)
	errs = append(errs, def.ValidateUpdate(obj, old)...)
	errs = append(errs, def.ValidateStatusUpdate(obj, old)...)
	if def.Warnings != nil {
		def.Warnings(obj)
	}
	for _, col := range def.Columns {
		col.Cell(obj)
	}
	if def.Scale != nil {
		def.Scale.SpecReplicas(obj)
		def.Scale.StatusReplicas(obj)
		def.Scale.LabelSelector(obj)
	}
	return errs
}

func TestEveryResourceSurvivesArbitraryObjects(t *testing.T) {
	survivesArbitraryObjects(t, cloneset.Definition)
	survivesArbitraryObjects(t, statefulset.Definition)
	survivesArbitraryObjects(t, daemonset.Definition)
	survivesArbitraryObjects(t, sidecarset.Definition)
	survivesArbitraryObjects(t, uniteddeployment.Definition)
	survivesArbitraryObjects(t, broadcastjob.Definition)
	survivesArbitraryObjects(t, advancedcronjob.Definition)
	survivesArbitraryObjects(t, containerrecreaterequest.Definition)
	survivesArbitraryObjects(t, imagepulljob.Definition)
	survivesArbitraryObjects(t, imagelistpulljob.Definition)
	survivesArbitraryObjects(t, nodeimage.Definition)
	survivesArbitraryObjects(t, workloadspread.Definition)
	survivesArbitraryObjects(t, resourcedistribution.Definition)
	survivesArbitraryObjects(t, persistentpodstate.Definition)
	survivesArbitraryObjects(t, ephemeraljob.Definition)
	survivesArbitraryObjects(t, podprobemarker.Definition)
	survivesArbitraryObjects(t, nodepodprobe.Definition)
	survivesArbitraryObjects(t, podunavailablebudget.Definition)
}
