package v1alpha1

// Deletion protection: a label on Namespaces, CRDs, Services, Ingresses and workloads that blocks their deletion.
const (
	// DeletionProtectionKey is the label key; its value is one of the types below.
	DeletionProtectionKey = "policy.kruise.io/delete-protection"
	// DeletionProtectionTypeAlways blocks every deletion while the label is present.
	DeletionProtectionTypeAlways = "Always"
	// DeletionProtectionTypeCascading blocks deletion while the object still owns active resources.
	DeletionProtectionTypeCascading = "Cascading"
)
