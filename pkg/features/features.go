// Package features declares kruise-apiserver's own feature gates and registers them in
// k8s.io/apiserver's default feature gate, so that --feature-gates accepts them.
package features

import (
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
)

const (
	// ResourcesDeletionProtection honours the policy.kruise.io/delete-protection label when
	// CloneSets, Advanced StatefulSets and UnitedDeployments are deleted. Same name, stage and
	// default as OpenKruise's gate.
	ResourcesDeletionProtection featuregate.Feature = "ResourcesDeletionProtection"
)

var defaultFeatureGates = map[featuregate.Feature]featuregate.FeatureSpec{
	ResourcesDeletionProtection: {Default: false, PreRelease: featuregate.Beta},
}

func init() {
	utilruntime.Must(utilfeature.DefaultMutableFeatureGate.Add(defaultFeatureGates))
}
