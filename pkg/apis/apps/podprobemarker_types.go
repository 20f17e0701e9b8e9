package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Pod annotations written for PodProbeMarker.
const (
	// PodProbeMarkerAnnotationKey carries the probes as JSON on a pod (serverless pods).
	PodProbeMarkerAnnotationKey = "kruise.io/podprobe"
	// PodProbeMarkerListAnnotationKey lists, comma separated, the PodProbeMarkers injected into a pod.
	PodProbeMarkerListAnnotationKey = "kruise.io/podprobemarker-list"
)

// PodProbeMarkerSpec is the desired state of a PodProbeMarker.
type PodProbeMarkerSpec struct {
	// Selector picks the pods to probe.
	Selector *metav1.LabelSelector
	// Probes to run in the matched pods.
	Probes []PodContainerProbe
}

// PodContainerProbe is one custom probe of a container and what to do with its result.
type PodContainerProbe struct {
	// Name is unique across all containers of the pod.
	Name string
	// ContainerName is the container the probe runs in.
	ContainerName string
	// Probe is the probe itself.
	Probe ContainerProbeSpec
	// MarkerPolicy patches pod labels/annotations by probe result; required when PodConditionType is empty.
	MarkerPolicy []ProbeMarkerPolicy
	// PodConditionType, when set, is the pod condition that records the probe result.
	PodConditionType string
}

// ContainerProbeSpec wraps a core probe.
type ContainerProbeSpec struct {
	v1.Probe
}

// ProbeMarkerPolicy is the metadata patched onto a pod when the probe is in State.
type ProbeMarkerPolicy struct {
	// State is Succeeded or Failed.
	State ProbeState
	// Labels to set on the pod.
	Labels map[string]string
	// Annotations to set on the pod.
	Annotations map[string]string
}

// PodProbeMarkerStatus is the observed state of a PodProbeMarker.
type PodProbeMarkerStatus struct {
	// ObservedGeneration is the generation the status describes.
	ObservedGeneration int64
	// MatchedPods counts the pods the selector matched.
	MatchedPods int64
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodProbeMarker runs custom probes in selected pods and marks the pods with the results.
type PodProbeMarker struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   PodProbeMarkerSpec
	Status PodProbeMarkerStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodProbeMarkerList is a list of PodProbeMarkers.
type PodProbeMarkerList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []PodProbeMarker
}

func init() {
	register(&PodProbeMarker{}, &PodProbeMarkerList{})
}
