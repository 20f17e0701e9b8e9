package pub

// Keys of the container launch priority feature.
const (
	ContainerLaunchPriorityEnvName      = "KRUISE_CONTAINER_PRIORITY"
	ContainerLaunchBarrierEnvName       = "KRUISE_CONTAINER_BARRIER"
	ContainerLaunchPriorityKey          = "apps.kruise.io/container-launch-priority"
	ContainerLaunchOrdered              = "Ordered"
	ContainerLaunchPriorityCompletedKey = "apps.kruise.io/container-launch-priority-completed"
)
