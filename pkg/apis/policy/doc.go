// Package policy is the internal (hub) version of the policy.kruise.io API group: a superset of
// every served version that the server stores and validates, never sent on the wire.
//
// +k8s:deepcopy-gen=package
// +groupName=policy.kruise.io
package policy
