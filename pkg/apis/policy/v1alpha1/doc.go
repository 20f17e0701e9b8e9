// Package v1alpha1 holds the v1alpha1 types of the policy.kruise.io API group, JSON-identical to OpenKruise's.
//
// +k8s:openapi-gen=true
// +k8s:deepcopy-gen=package
// +k8s:conversion-gen=github.com/kruise-aggregated/kruise/pkg/apis/policy
// +k8s:defaulter-gen=TypeMeta
// +k8s:openapi-model-package=io.kruise.policy.v1alpha1
// +groupName=policy.kruise.io
package v1alpha1
