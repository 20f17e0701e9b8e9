package v1alpha1

// SetDefaults_ContainerProbeSpec applies the schema default of OpenKruise's CRDs: a gRPC probe
// without a service name gets an explicit empty one. PodProbeMarker and NodePodProbe share it.
func SetDefaults_ContainerProbeSpec(obj *ContainerProbeSpec) {
	if obj.GRPC != nil && obj.GRPC.Service == nil {
		service := ""
		obj.GRPC.Service = &service
	}
}
