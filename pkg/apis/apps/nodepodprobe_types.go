package apps

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NodePodProbeSpec lists the probes kruise-daemon runs for the pods of one node.
type NodePodProbeSpec struct {
	PodProbes []PodProbe
}

// PodProbe is the set of probes of one pod.
type PodProbe struct {
	// Name of the pod.
	Name string
	// Namespace of the pod.
	Namespace string
	// UID of the pod.
	UID string
	// IP of the pod.
	IP string
	// Probes to run in the pod's containers.
	Probes []ContainerProbe
}

// ContainerProbe is one probe to run in a container.
type ContainerProbe struct {
	// Name is "<PodProbeMarker name>#<probe name>".
	Name string
	// ContainerName is the container the probe runs in.
	ContainerName string
	// Probe is the probe itself.
	Probe ContainerProbeSpec
}

// NodePodProbeStatus holds the probe results of the node's pods.
type NodePodProbeStatus struct {
	PodProbeStatuses []PodProbeStatus
}

// PodProbeStatus holds the probe results of one pod.
type PodProbeStatus struct {
	// Name of the pod.
	Name string
	// Namespace of the pod.
	Namespace string
	// UID of the pod.
	UID string
	// ProbeStates are the results, one per probe.
	ProbeStates []ContainerProbeState
}

// ContainerProbeState is the latest result of one probe.
type ContainerProbeState struct {
	// Name is "<PodProbeMarker name>#<probe name>".
	Name string
	// State is the probe result.
	State ProbeState
	// LastProbeTime is when the probe last ran.
	LastProbeTime metav1.Time
	// LastTransitionTime is when State last changed.
	LastTransitionTime metav1.Time
	// Message is the probe's output or error.
	Message string
}

// ProbeState is the result of a probe.
type ProbeState string

// Probe results.
const (
	ProbeSucceeded ProbeState = "Succeeded"
	ProbeFailed    ProbeState = "Failed"
	ProbeUnknown   ProbeState = "Unknown"
)

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodePodProbe is the per-node probe work list of kruise-daemon (named after the node), with results in status.
type NodePodProbe struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   NodePodProbeSpec
	Status NodePodProbeStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodePodProbeList is a list of NodePodProbes.
type NodePodProbeList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []NodePodProbe
}

func init() {
	register(&NodePodProbe{}, &NodePodProbeList{})
}
