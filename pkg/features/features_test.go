package features

import (
	"testing"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
)

func TestResourcesDeletionProtectionIsRegisteredOffBeta(t *testing.T) {
	all := utilfeature.DefaultMutableFeatureGate.GetAll()
	spec, ok := all[ResourcesDeletionProtection]
	if !ok {
		t.Fatalf("%s is not registered", ResourcesDeletionProtection)
	}
	if spec.Default || spec.PreRelease != featuregate.Beta {
		t.Errorf("got default=%v stage=%s, want default=false stage=BETA", spec.Default, spec.PreRelease)
	}
	if utilfeature.DefaultFeatureGate.Enabled(ResourcesDeletionProtection) {
		t.Errorf("%s is enabled by default", ResourcesDeletionProtection)
	}
}
