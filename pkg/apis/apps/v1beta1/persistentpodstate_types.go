package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PersistentPodStateSpec is the desired state of a PersistentPodState.
type PersistentPodStateSpec struct {
	// TargetReference is the workload (a StatefulSet) whose pods' state is kept; immutable.
	TargetReference TargetReference `json:"targetRef"`
	// PersistentPodAnnotations are pod annotations to keep across recreation.
	// +optional
	// +listType=atomic
	PersistentPodAnnotations []PersistentPodAnnotation `json:"persistentPodAnnotations,omitempty"`
	// RequiredPersistentTopology are node labels a recreated pod must land on again.
	// +optional
	RequiredPersistentTopology *NodeTopologyTerm `json:"requiredPersistentTopology,omitempty"`
	// PreferredPersistentTopology are weighted node labels a recreated pod prefers.
	// +optional
	// +listType=atomic
	PreferredPersistentTopology []PreferredTopologyTerm `json:"preferredPersistentTopology,omitempty"`
	// PersistentPodStateRetentionPolicy is WhenScaled (the default behaviour: drop a pod's state when
	// the workload scales it away) or WhenDeleted (drop states only with the workload).
	// +optional
	PersistentPodStateRetentionPolicy PersistentPodStateRetentionPolicyType `json:"persistentPodStateRetentionPolicy,omitempty"`
}

// PreferredTopologyTerm is a weighted NodeTopologyTerm.
type PreferredTopologyTerm struct {
	// Weight of the term, at least 0.
	Weight int32 `json:"weight"`
	// Preference lists the node label keys.
	Preference NodeTopologyTerm `json:"preference"`
}

// NodeTopologyTerm lists node label keys.
type NodeTopologyTerm struct {
	// Keys are node label keys, such as topology.kubernetes.io/zone.
	// +listType=atomic
	Keys []string `json:"keys"`
}

// PersistentPodAnnotation names a pod annotation.
type PersistentPodAnnotation struct {
	// Key of the annotation.
	Key string `json:"key"`
}

// PersistentPodStateRetentionPolicyType says when recorded pod states are dropped.
// +enum
type PersistentPodStateRetentionPolicyType string

// Retention policies.
const (
	PersistentPodStateRetentionPolicyWhenScaled  PersistentPodStateRetentionPolicyType = "WhenScaled"
	PersistentPodStateRetentionPolicyWhenDeleted PersistentPodStateRetentionPolicyType = "WhenDeleted"
)

// PersistentPodStateStatus is the observed state of a PersistentPodState.
type PersistentPodStateStatus struct {
	// ObservedGeneration is the generation the status was computed for.
	ObservedGeneration int64 `json:"observedGeneration"`
	// PodStates is keyed by pod name.
	// +optional
	PodStates map[string]PodState `json:"podStates,omitempty"`
}

// PodState is what was recorded about one pod.
type PodState struct {
	// NodeName the pod ran on.
	// +optional
	NodeName string `json:"nodeName,omitempty"`
	// NodeTopologyLabels are the node's values of the topology keys.
	// +optional
	NodeTopologyLabels map[string]string `json:"nodeTopologyLabels,omitempty"`
	// Annotations are the pod's values of the persisted annotations.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PersistentPodState keeps the pods of a StatefulSet on the same topology (and with the same
// annotations) when they are recreated.
type PersistentPodState struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec PersistentPodStateSpec `json:"spec,omitempty"`
	// +optional
	Status PersistentPodStateStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PersistentPodStateList is a list of PersistentPodStates.
type PersistentPodStateList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PersistentPodState `json:"items"`
}

func init() {
	register(&PersistentPodState{}, &PersistentPodStateList{})
}
