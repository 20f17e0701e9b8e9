package install_test

import (
	"testing"

	"k8s.io/apimachinery/pkg/api/apitesting/roundtrip"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy/fuzzer"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy/install"
)

// TestRoundTripTypes fills every internal kind randomly, converts it to each served version
// and back, and requires the result to be identical: no version loses data.
func TestRoundTripTypes(t *testing.T) {
	roundtrip.RoundTripTestForAPIGroup(t, install.Install, fuzzer.Funcs)
}
