package apps

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// ResourceDistributionSpec is the desired state of a ResourceDistribution.
type ResourceDistributionSpec struct {
	// Resource is the full manifest (a Secret or ConfigMap) to copy.
	Resource runtime.RawExtension
	// Targets picks the namespaces to copy it to.
	Targets ResourceDistributionTargets
}

// ResourceDistributionTargets picks namespaces: the union of the first three, minus ExcludedNamespaces.
type ResourceDistributionTargets struct {
	AllNamespaces      bool
	ExcludedNamespaces ResourceDistributionTargetNamespaces
	IncludedNamespaces ResourceDistributionTargetNamespaces
	NamespaceSelector  metav1.LabelSelector
}

// ResourceDistributionTargetNamespaces is a list of namespace names.
type ResourceDistributionTargetNamespaces struct {
	List []ResourceDistributionNamespace
}

// ResourceDistributionNamespace names a namespace.
type ResourceDistributionNamespace struct {
	Name string
}

// ResourceDistributionStatus is the observed state of a ResourceDistribution.
type ResourceDistributionStatus struct {
	Desired            int32
	Succeeded          int32
	Failed             int32
	ObservedGeneration int64
	Conditions         []ResourceDistributionCondition
}

// ResourceDistributionCondition reports one kind of failure and where it happened.
type ResourceDistributionCondition struct {
	Type               ResourceDistributionConditionType
	Status             ResourceDistributionConditionStatus
	LastTransitionTime metav1.Time
	Reason             string
	FailedNamespaces   []string
}

// ResourceDistributionConditionType is a kind of failure.
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
type ResourceDistributionConditionStatus string

// Condition statuses.
const (
	ResourceDistributionConditionTrue    ResourceDistributionConditionStatus = "True"
	ResourceDistributionConditionFalse   ResourceDistributionConditionStatus = "False"
	ResourceDistributionConditionUnknown ResourceDistributionConditionStatus = "Unknown"
)

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ResourceDistribution copies a Secret or ConfigMap into many namespaces (cluster-scoped).
type ResourceDistribution struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   ResourceDistributionSpec
	Status ResourceDistributionStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ResourceDistributionList is a list of ResourceDistributions.
type ResourceDistributionList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []ResourceDistribution
}

func init() {
	register(&ResourceDistribution{}, &ResourceDistributionList{})
}
