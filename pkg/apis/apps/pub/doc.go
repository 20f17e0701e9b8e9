// Package pub holds types shared by several apps.kruise.io kinds and versions
// (lifecycle hooks, in-place update state, update priorities). They are identical
// in every version, so the internal and external types use them directly.
//
// +k8s:openapi-gen=true
// +k8s:deepcopy-gen=package
// +k8s:openapi-model-package=io.kruise.apps.pub
package pub
