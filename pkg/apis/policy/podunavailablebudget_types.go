package policy

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Annotation keys of PodUnavailableBudget.
const (
	// PubProtectOperationAnnotation is the v1alpha1 (deprecated) form of spec.protectOperations: a comma list.
	PubProtectOperationAnnotation = "kruise.io/pub-protect-operations"
	// PubProtectTotalReplicasAnnotation is the v1alpha1 (deprecated) form of spec.protectTotalReplicas.
	PubProtectTotalReplicasAnnotation = "pub.kruise.io/protect-total-replicas"
	// PodPubNoProtectionAnnotation set to "true" on a pod lets it bypass every budget.
	PodPubNoProtectionAnnotation = "pub.kruise.io/no-protect"
	// PodRelatedPubAnnotation on a pod names the budget that covers it.
	PodRelatedPubAnnotation = "pub.kruise.io/related-pub"
	// DeprecatedPodRelatedPubAnnotation is the older key, still written beside PodRelatedPubAnnotation.
	DeprecatedPodRelatedPubAnnotation = "kruise.io/related-pub"
)

// PubOperation is a pod operation a budget can guard.
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
	// Selector picks the guarded pods; exclusive with TargetReference.
	Selector *metav1.LabelSelector
	// TargetReference names the workload whose pods are guarded.
	TargetReference *TargetReference
	// MaxUnavailable is how many guarded pods may be unavailable; exclusive with MinAvailable.
	MaxUnavailable *intstr.IntOrString
	// MinAvailable is how many guarded pods must stay available.
	MinAvailable *intstr.IntOrString
	// ProtectOperations lists the guarded operations; empty means DELETE, UPDATE and EVICT.
	ProtectOperations []PubOperation
	// ProtectTotalReplicas replaces the workload's replica count as the expected total.
	ProtectTotalReplicas *int32
	// IgnoredPodSelector picks pods that are never guarded.
	IgnoredPodSelector *metav1.LabelSelector
}

// TargetReference identifies a workload.
type TargetReference struct {
	APIVersion string
	Kind       string
	Name       string
}

// PodUnavailableBudgetStatus is the observed state of a PodUnavailableBudget.
type PodUnavailableBudgetStatus struct {
	// ObservedGeneration is the generation the status describes.
	ObservedGeneration int64
	// DisruptedPods are pods whose deletion or eviction was admitted but not yet observed, with the admission time.
	DisruptedPods map[string]metav1.Time
	// UnavailablePods are pods made unavailable by an admitted update, until they are ready again.
	UnavailablePods map[string]metav1.Time
	// UnavailableAllowed is how many more pods may become unavailable now.
	UnavailableAllowed int32
	// CurrentAvailable counts the available guarded pods.
	CurrentAvailable int32
	// DesiredAvailable is the minimum number of available pods.
	DesiredAvailable int32
	// TotalReplicas is the expected number of guarded pods.
	TotalReplicas int32
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodUnavailableBudget limits voluntary disruption (deletion, eviction, in-place update) of a set of pods.
type PodUnavailableBudget struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   PodUnavailableBudgetSpec
	Status PodUnavailableBudgetStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// PodUnavailableBudgetList is a list of PodUnavailableBudgets.
type PodUnavailableBudgetList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []PodUnavailableBudget
}

func init() {
	register(&PodUnavailableBudget{}, &PodUnavailableBudgetList{})
}

// ParsePubOperations splits a PubProtectOperationAnnotation value, ignoring blanks around and between
// items. It reports false when an item is not a known operation.
func ParsePubOperations(value string) ([]PubOperation, bool) {
	var ops []PubOperation
	for _, item := range strings.Split(value, ",") {
		op := PubOperation(strings.TrimSpace(item))
		switch op {
		case "":
			continue
		case PubDeleteOperation, PubUpdateOperation, PubEvictOperation, PubResizeOperation:
			ops = append(ops, op)
		default:
			return nil, false
		}
	}
	return ops, true
}
