package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// ResourceDistributionSpec is the desired state of a ResourceDistribution.
type ResourceDistributionSpec struct {
	// Resource is the full manifest of the Secret or ConfigMap to copy.
	Resource runtime.RawExtension `json:"resource"`
	// Targets picks the namespaces to copy it to.
	Targets ResourceDistributionTargets `json:"targets"`
}

// ResourceDistributionTargets picks namespaces: the union of allNamespaces, includedNamespaces and
// namespaceSelector, minus excludedNamespaces (kube-system and kube-public are always left out).
type ResourceDistributionTargets struct {
	// AllNamespaces selects every namespace.
	// +optional
	AllNamespaces bool `json:"allNamespaces,omitempty"`
	// ExcludedNamespaces are never targeted; they win over every other option.
	// +optional
	ExcludedNamespaces ResourceDistributionTargetNamespaces `json:"excludedNamespaces,omitempty"`
	// IncludedNamespaces are targeted by name.
	// +optional
	IncludedNamespaces ResourceDistributionTargetNamespaces `json:"includedNamespaces,omitempty"`
	// NamespaceSelector targets namespaces by label.
	// +optional
	NamespaceSelector metav1.LabelSelector `json:"namespaceSelector,omitempty"`
}

// ResourceDistributionTargetNamespaces is a list of namespace names.
type ResourceDistributionTargetNamespaces struct {
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	List []ResourceDistributionNamespace `json:"list,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
}

// ResourceDistributionNamespace names a namespace.
type ResourceDistributionNamespace struct {
	// Name of the namespace.
	Name string `json:"name,omitempty"`
}

// ResourceDistributionStatus is the observed state of a ResourceDistribution.
type ResourceDistributionStatus struct {
	// Desired is the number of target namespaces.
	// +optional
	Desired int32 `json:"desired,omitempty"`
	// Succeeded is the number of namespaces holding an up-to-date copy.
	// +optional
	Succeeded int32 `json:"succeeded,omitempty"`
	// Failed is the number of namespaces the copy failed in.
	// +optional
	Failed int32 `json:"failed,omitempty"`
	// ObservedGeneration is the generation the status was computed for.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// Conditions report failures by kind.
	// +optional
	// +listType=atomic
	Conditions []ResourceDistributionCondition `json:"conditions,omitempty"`
}

// ResourceDistributionCondition reports one kind of failure and where it happened.
type ResourceDistributionCondition struct {
	// Type of failure.
	Type ResourceDistributionConditionType `json:"type"`
	// Status is True, False or Unknown.
	Status ResourceDistributionConditionStatus `json:"status"`
	// LastTransitionTime is when the status last changed.
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// Reason explains the last transition.
	// +optional
	Reason string `json:"reason,omitempty"`
	// FailedNamespaces are the namespaces the failure happened in.
	// +optional
	// +listType=atomic
	FailedNamespaces []string `json:"failedNamespaces,omitempty"`
}

// ResourceDistributionConditionType is a kind of failure.
// +enum
type ResourceDistributionConditionType string

// Condition types.
const (
	ResourceDistributionConflictOccurred     ResourceDistributionConditionType = "ConflictOccurred"
	ResourceDistributionNamespaceNotExists   ResourceDistributionConditionType = "NamespaceNotExists"
	ResourceDistributionGetResourceFailed    ResourceDistributionConditionType = "GetResourceFailed"
	ResourceDistributionCreateResourceFailed ResourceDistributionConditionType = "CreateResourceFailed"
	ResourceDistributionUpdateResourceFailed ResourceDistributionConditionType = "UpdateResourceFailed"
	ResourceDistributionDeleteResourceFailed ResourceDistributionConditionType = "DeleteResourceFailed"
)

// ResourceDistributionConditionStatus is True, False or Unknown.
// +enum
type ResourceDistributionConditionStatus string

// Condition statuses.
const (
	ResourceDistributionConditionTrue    ResourceDistributionConditionStatus = "True"
	ResourceDistributionConditionFalse   ResourceDistributionConditionStatus = "False"
	ResourceDistributionConditionUnknown ResourceDistributionConditionStatus = "Unknown"
)

// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ResourceDistribution copies a Secret or ConfigMap into many namespaces (cluster-scoped).
type ResourceDistribution struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec ResourceDistributionSpec `json:"spec,omitempty"`
	// +optional
	Status ResourceDistributionStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ResourceDistributionList is a list of ResourceDistributions.
type ResourceDistributionList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ResourceDistribution `json:"items"`
}

func init() {
	register(&ResourceDistribution{}, &ResourceDistributionList{})
}
