package apps

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PersistentPodStateSpec is the desired state of a PersistentPodState.
type PersistentPodStateSpec struct {
	// TargetReference is the workload (a StatefulSet) whose pods' state is kept.
	TargetReference TargetReference
	// PersistentPodAnnotations are pod annotations to keep across recreation.
	PersistentPodAnnotations []PersistentPodAnnotation
	// RequiredPersistentTopology are node labels a recreated pod must land on again.
	RequiredPersistentTopology *NodeTopologyTerm
	// PreferredPersistentTopology are weighted node labels a recreated pod prefers.
	PreferredPersistentTopology []PreferredTopologyTerm
	// PersistentPodStateRetentionPolicy says when recorded states are dropped.
	PersistentPodStateRetentionPolicy PersistentPodStateRetentionPolicyType
}

// PreferredTopologyTerm is a weighted NodeTopologyTerm.
type PreferredTopologyTerm struct {
	Weight     int32
	Preference NodeTopologyTerm
}

// NodeTopologyTerm lists node label keys.
type NodeTopologyTerm struct {
	Keys []string
}

// PersistentPodAnnotation names a pod annotation.
type PersistentPodAnnotation struct {
	Key string
}

// PersistentPodStateRetentionPolicyType says when recorded pod states are dropped.
type PersistentPodStateRetentionPolicyType string

// Retention policies.
const (
	PersistentPodStateRetentionPolicyWhenScaled  PersistentPodStateRetentionPolicyType = "WhenScaled"
	PersistentPodStateRetentionPolicyWhenDeleted PersistentPodStateRetentionPolicyType = "WhenDeleted"
)

// Annotations on a StatefulSet that make the controller generate its PersistentPodState.
const (
	AnnotationAutoGeneratePersistentPodState = "kruise.io/auto-generate-persistent-pod-state"
	AnnotationRequiredPersistentTopology     = "kruise.io/required-persistent-topology"
	AnnotationPreferredPersistentTopology    = "kruise.io/preferred-persistent-topology"
	AnnotationPersistentPodAnnotations       = "kruise.io/persistent-pod-annotations"
)

// PersistentPodStateStatus is the observed state of a PersistentPodState.
type PersistentPodStateStatus struct {
	ObservedGeneration int64
	// PodStates is keyed by pod name.
	PodStates map[string]PodState
}

// PodState is what was recorded about one pod.
type PodState struct {
	NodeName           string
	NodeTopologyLabels map[string]string
	Annotations        map[string]string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PersistentPodState keeps pods of a StatefulSet on the same topology (and with the same
// annotations) when they are recreated.
type PersistentPodState struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   PersistentPodStateSpec
	Status PersistentPodStateStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PersistentPodStateList is a list of PersistentPodStates.
type PersistentPodStateList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []PersistentPodState
}

func init() {
	register(&PersistentPodState{}, &PersistentPodStateList{})
}
