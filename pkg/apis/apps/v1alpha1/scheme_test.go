package v1alpha1_test

import (
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/install"
)

// newScheme knows the internal and both external versions of apps.kruise.io, with their
// conversions and defaults.
func newScheme() *runtime.Scheme {
	s := runtime.NewScheme()
	install.Install(s)
	return s
}
