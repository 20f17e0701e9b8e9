package v1alpha1

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
	Selector *metav1.LabelSelector `json:"selector"`
	// Probes to run in the matched pods.
	// +listType=map
	// +listMapKey=name
	// +patchStrategy=merge
	// +patchMergeKey=name
	Probes []PodContainerProbe `json:"probes" patchStrategy:"merge" patchMergeKey:"name"`
}

// PodContainerProbe is one custom probe of a container and what to do with its result.
type PodContainerProbe struct {
	// Name is unique across all containers of the pod.
	Name string `json:"name"`
	// ContainerName is the container the probe runs in.
	ContainerName string `json:"containerName"`
	// Probe is the probe itself.
	Probe ContainerProbeSpec `json:"probe"`
	// MarkerPolicy patches pod labels/annotations by probe result; required when podConditionType is empty.
	// +optional
	// +listType=map
	// +listMapKey=state
	// +patchStrategy=merge
	// +patchMergeKey=state
	MarkerPolicy []ProbeMarkerPolicy `json:"markerPolicy,omitempty" patchStrategy:"merge" patchMergeKey:"state"`
	// PodConditionType, when set, is the pod condition that records the probe result.
	// +optional
	PodConditionType string `json:"podConditionType,omitempty"`
}

// ContainerProbeSpec wraps a core probe.
type ContainerProbeSpec struct {
	v1.Probe `json:",inline"`
}

// ProbeMarkerPolicy is the metadata patched onto a pod when the probe is in State.
type ProbeMarkerPolicy struct {
	// State is Succeeded or Failed.
	State ProbeState `json:"state"`
	// Labels to set on the pod.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
	// Annotations to set on the pod.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
}

// PodProbeMarkerStatus is the observed state of a PodProbeMarker.
type PodProbeMarkerStatus struct {
	// ObservedGeneration is the generation the status describes.
	ObservedGeneration int64 `json:"observedGeneration"`
	// MatchedPods counts the pods the selector matched.
	// +optional
	MatchedPods int64 `json:"matchedPods,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodProbeMarker runs custom probes in selected pods and marks the pods with the results.
type PodProbeMarker struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec PodProbeMarkerSpec `json:"spec,omitempty"`
	// +optional
	Status PodProbeMarkerStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodProbeMarkerList is a list of PodProbeMarkers.
type PodProbeMarkerList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PodProbeMarker `json:"items"`
}

func init() {
	register(&PodProbeMarker{}, &PodProbeMarkerList{})
}
