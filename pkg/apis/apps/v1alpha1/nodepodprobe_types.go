package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NodePodProbeSpec lists the probes kruise-daemon runs for the pods of one node.
type NodePodProbeSpec struct {
	// PodProbes has one entry per pod.
	// +optional
	// +listType=atomic
	PodProbes []PodProbe `json:"podProbes,omitempty"`
}

// PodProbe is the set of probes of one pod.
type PodProbe struct {
	// Name of the pod.
	Name string `json:"name"`
	// Namespace of the pod.
	Namespace string `json:"namespace"`
	// UID of the pod.
	UID string `json:"uid"`
	// IP of the pod.
	IP string `json:"IP"`
	// Probes to run in the pod's containers.
	// +optional
	// +listType=atomic
	Probes []ContainerProbe `json:"probes,omitempty"`
}

// ContainerProbe is one probe to run in a container.
type ContainerProbe struct {
	// Name is "<PodProbeMarker name>#<probe name>".
	Name string `json:"name"`
	// ContainerName is the container the probe runs in.
	ContainerName string `json:"containerName"`
	// Probe is the probe itself.
	Probe ContainerProbeSpec `json:"probe"`
}

// NodePodProbeStatus holds the probe results of the node's pods.
type NodePodProbeStatus struct {
	// PodProbeStatuses has one entry per pod.
	// +optional
	// +listType=atomic
	PodProbeStatuses []PodProbeStatus `json:"podProbeStatuses,omitempty"`
}

// PodProbeStatus holds the probe results of one pod.
type PodProbeStatus struct {
	// Name of the pod.
	Name string `json:"name"`
	// Namespace of the pod.
	Namespace string `json:"namespace"`
	// UID of the pod.
	UID string `json:"uid"`
	// ProbeStates are the results, one per probe.
	// +optional
	// +listType=atomic
	ProbeStates []ContainerProbeState `json:"probeStates,omitempty"`
}

// ContainerProbeState is the latest result of one probe.
type ContainerProbeState struct {
	// Name is "<PodProbeMarker name>#<probe name>".
	Name string `json:"name"`
	// State is the probe result.
	State ProbeState `json:"state"`
	// LastProbeTime is when the probe last ran.
	// +optional
	LastProbeTime metav1.Time `json:"lastProbeTime,omitempty"`
	// LastTransitionTime is when State last changed.
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// Message is the probe's output or error.
	// +optional
	Message string `json:"message,omitempty"`
}

// ProbeState is the result of a probe.
type ProbeState string

// Probe results.
const (
	ProbeSucceeded ProbeState = "Succeeded"
	ProbeFailed    ProbeState = "Failed"
	ProbeUnknown   ProbeState = "Unknown"
)

// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodePodProbe is the per-node probe work list of kruise-daemon (named after the node), with results in status.
type NodePodProbe struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec NodePodProbeSpec `json:"spec,omitempty"`
	// +optional
	Status NodePodProbeStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodePodProbeList is a list of NodePodProbes.
type NodePodProbeList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []NodePodProbe `json:"items"`
}

func init() {
	register(&NodePodProbe{}, &NodePodProbeList{})
}
