package v1alpha1

// SetDefaults_ContainerRecreateRequest applies the request-only defaults of OpenKruise's webhook:
// an empty strategy with failurePolicy Fail. The defaults taken from the Pod (grace period,
// preStop, ports, status context, labels) are applied at admission, not here. Port protocols
// default to TCP through the +default marker of core/v1 ContainerPort.
func SetDefaults_ContainerRecreateRequest(obj *ContainerRecreateRequest) {
	if obj.Spec.Strategy == nil {
		obj.Spec.Strategy = &ContainerRecreateRequestStrategy{}
	}
	if obj.Spec.Strategy.FailurePolicy == "" {
		obj.Spec.Strategy.FailurePolicy = ContainerRecreateRequestFailurePolicyFail
	}
}
