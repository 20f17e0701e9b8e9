package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Annotation keys of PodUnavailableBudget.
const (
	// PubProtectOperationAnnotation is deprecated: use spec.protectOperations.
	PubProtectOperationAnnotation = "kruise.io/pub-protect-operations"
	// PubProtectTotalReplicasAnnotation is deprecated: use spec.protectTotalReplicas.
	PubProtectTotalReplicasAnnotation = "pub.kruise.io/protect-total-replicas"
	// PodPubNoProtectionAnnotation set to "true" on a pod lets it bypass every budget.
	PodPubNoProtectionAnnotation = "pub.kruise.io/no-protect"
	// PodRelatedPubAnnotation on a pod names the budget that covers it.
	PodRelatedPubAnnotation = "pub.kruise.io/related-pub"
	// DeprecatedPodRelatedPubAnnotation is the older key, still written beside PodRelatedPubAnnotation.
	DeprecatedPodRelatedPubAnnotation = "kruise.io/related-pub"
)

// PubOperation is a pod operation a budget can guard.
// +enum
type PubOperation string

// Guarded operations.
const (
	PubUpdateOperation PubOperation = "UPDATE"
	PubDeleteOperation PubOperation = "DELETE"
	PubEvictOperation  PubOperation = "EVICT"
	PubResizeOperation PubOperation = "RESIZE"
)

// PodUnavailableBudgetSpec is the desired state of a PodUnavailableBudget.
type PodUnavailableBudgetSpec struct {
	// Selector picks the guarded pods; exclusive with targetRef.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// TargetReference names the workload whose pods are guarded.
	// +optional
	TargetReference *TargetReference `json:"targetRef,omitempty"`
	// MaxUnavailable is how many guarded pods may be unavailable; exclusive with minAvailable.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// MinAvailable is how many guarded pods must stay available.
	// +optional
	MinAvailable *intstr.IntOrString `json:"minAvailable,omitempty"`
	// ProtectOperations lists the guarded operations; empty means DELETE, UPDATE and EVICT.
	// +optional
	// +listType=atomic
	ProtectOperations []PubOperation `json:"protectOperations,omitempty"`
	// ProtectTotalReplicas (at least 1) replaces the workload's replica count as the expected total.
	// +optional
	ProtectTotalReplicas *int32 `json:"protectTotalReplicas,omitempty"`
	// IgnoredPodSelector picks pods that are never guarded.
	// +optional
	IgnoredPodSelector *metav1.LabelSelector `json:"ignoredPodSelector,omitempty"`
}

// TargetReference identifies a workload.
type TargetReference struct {
	// APIVersion of the workload.
	// +optional
	APIVersion string `json:"apiVersion,omitempty"`
	// Kind of the workload.
	// +optional
	Kind string `json:"kind,omitempty"`
	// Name of the workload.
	// +optional
	Name string `json:"name,omitempty"`
}

// PodUnavailableBudgetStatus is the observed state of a PodUnavailableBudget.
type PodUnavailableBudgetStatus struct {
	// ObservedGeneration is the generation the status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// DisruptedPods are pods whose deletion or eviction was admitted but not yet observed, with the admission time.
	// +optional
	DisruptedPods map[string]metav1.Time `json:"disruptedPods,omitempty"`
	// UnavailablePods are pods made unavailable by an admitted update, until they are ready again.
	// +optional
	UnavailablePods map[string]metav1.Time `json:"unavailablePods,omitempty"`
	// UnavailableAllowed is how many more pods may become unavailable now.
	UnavailableAllowed int32 `json:"unavailableAllowed"`
	// CurrentAvailable counts the available guarded pods.
	CurrentAvailable int32 `json:"currentAvailable"`
	// DesiredAvailable is the minimum number of available pods.
	DesiredAvailable int32 `json:"desiredAvailable"`
	// TotalReplicas is the expected number of guarded pods.
	TotalReplicas int32 `json:"totalReplicas"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodUnavailableBudget limits voluntary disruption (deletion, eviction, in-place update) of a set of pods.
type PodUnavailableBudget struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec PodUnavailableBudgetSpec `json:"spec,omitempty"`
	// +optional
	Status PodUnavailableBudgetStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodUnavailableBudgetList is a list of PodUnavailableBudgets.
type PodUnavailableBudgetList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PodUnavailableBudget `json:"items"`
}

func init() {
	register(&PodUnavailableBudget{}, &PodUnavailableBudgetList{})
}
