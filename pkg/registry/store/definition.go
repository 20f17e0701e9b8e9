// Package store builds the REST storage of one Kruise resource (main, status and scale endpoints,
// strategies and table output) from a small per-resource Definition, so that every resource
// follows the same custom-resource-compatible semantics.
package store

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Object is an internal Kruise object: a runtime.Object with object metadata.
type Object interface {
	runtime.Object
	metav1.Object
}

// Definition describes one resource. T is its internal type.
type Definition[T Object] struct {
	// Resource is the group and plural name, e.g. apps.kruise.io/clonesets.
	Resource schema.GroupResource
	// Singular is the singular name, e.g. cloneset.
	Singular string
	// ShortNames are kubectl's short names, e.g. clone.
	ShortNames []string
	// Namespaced is false for cluster-scoped kinds.
	Namespaced bool
	// Versions are the served versions, for server-side apply's reset fields.
	Versions []string

	New     func() T
	NewList func() runtime.Object

	Validate             func(obj T) field.ErrorList
	ValidateUpdate       func(obj, old T) field.ErrorList
	ValidateStatusUpdate func(obj, old T) field.ErrorList
	// Warnings returns deprecation or other warnings for a create or update (optional).
	Warnings func(obj T) []string
	// PrepareForCreate and PrepareForUpdate add server-set values (hashes, timestamps) after
	// the generic resets; both optional.
	PrepareForCreate func(ctx context.Context, obj T)
	PrepareForUpdate func(ctx context.Context, obj, old T)

	// Columns are the printer columns after NAME; a nil Cell prints <none>.
	Columns []Column[T]
	// Scale, when set, serves the scale subresource.
	Scale *Scale[T]
}

// Column is one printer column.
type Column[T Object] struct {
	Definition metav1.TableColumnDefinition
	Cell       func(obj T) interface{}
	// Versions, when set, are the only versions that print this column.
	Versions []string
}

// Scale says where a resource keeps the values of its scale subresource.
type Scale[T Object] struct {
	SpecReplicas    func(obj T) int32
	SetSpecReplicas func(obj T, replicas int32)
	StatusReplicas  func(obj T) int32
	// LabelSelector is the selector in string form (status.labelSelector).
	LabelSelector func(obj T) string
}
