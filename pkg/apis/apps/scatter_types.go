package apps

// UpdateScatterStrategy spreads pods that match the same label pair across the update order.
type UpdateScatterStrategy []UpdateScatterTerm

// UpdateScatterTerm is one label key and value to scatter.
type UpdateScatterTerm struct {
	Key   string
	Value string
}
