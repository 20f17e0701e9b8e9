package v1alpha1

// UpdateScatterStrategy spreads pods that match the same label pair across the update order.
// +listType=atomic
type UpdateScatterStrategy []UpdateScatterTerm

// UpdateScatterTerm is one label key and value to scatter.
type UpdateScatterTerm struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}
