package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"k8s.io/apimachinery/pkg/api/meta"
	metatable "k8s.io/apimachinery/pkg/api/meta/table"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
)

// tableConvertor prints OpenKruise's printer columns for internal objects.
type tableConvertor[T Object] struct {
	def *Definition[T]
}

var nameColumn = metav1.TableColumnDefinition{
	Name: "Name", Type: "string", Format: "name",
	Description: metav1.ObjectMeta{}.SwaggerDoc()["name"],
}

func (c *tableConvertor[T]) ConvertToTable(ctx context.Context, obj runtime.Object, tableOptions runtime.Object) (*metav1.Table, error) {
	columns := c.columnsFor(ctx)
	table := &metav1.Table{}
	if opt, ok := tableOptions.(*metav1.TableOptions); !ok || opt == nil || !opt.NoHeaders {
		table.ColumnDefinitions = append(table.ColumnDefinitions, nameColumn)
		for _, col := range columns {
			table.ColumnDefinitions = append(table.ColumnDefinitions, col.Definition)
		}
	}
	if l, err := meta.ListAccessor(obj); err == nil {
		table.ResourceVersion = l.GetResourceVersion()
		table.Continue = l.GetContinue()
		table.RemainingItemCount = l.GetRemainingItemCount()
	} else if m, err := meta.CommonAccessor(obj); err == nil {
		table.ResourceVersion = m.GetResourceVersion()
	}
	var err error
	table.Rows, err = metatable.MetaToTableRow(obj, func(o runtime.Object, _ metav1.Object, name, _ string) ([]interface{}, error) {
		typed, ok := o.(T)
		if !ok {
			return nil, fmt.Errorf("unexpected object %T in %s table", o, c.def.Resource)
		}
		cells := make([]interface{}, 0, 1+len(columns))
		cells = append(cells, name)
		for _, col := range columns {
			cells = append(cells, col.Cell(typed))
		}
		return cells, nil
	})
	return table, err
}

// columnsFor returns the columns printed for the request's API version.
func (c *tableConvertor[T]) columnsFor(ctx context.Context) []Column[T] {
	info, ok := genericapirequest.RequestInfoFrom(ctx)
	columns := make([]Column[T], 0, len(c.def.Columns))
	for _, col := range c.def.Columns {
		if len(col.Versions) == 0 || (ok && slices.Contains(col.Versions, info.APIVersion)) {
			columns = append(columns, col)
		}
	}
	return columns
}

// Common column helpers, typed like a CRD's additionalPrinterColumns.

// IntColumn is an integer column.
func IntColumn[T Object](name, description string, priority int32, cell func(T) int64) Column[T] {
	return Column[T]{
		Definition: metav1.TableColumnDefinition{Name: name, Type: "integer", Description: description, Priority: priority},
		Cell:       func(o T) interface{} { return cell(o) },
	}
}

// OptionalIntColumn is an integer column whose value may be absent (printed as <none>).
func OptionalIntColumn[T Object](name, description string, priority int32, cell func(T) *int32) Column[T] {
	return Column[T]{
		Definition: metav1.TableColumnDefinition{Name: name, Type: "integer", Description: description, Priority: priority},
		Cell: func(o T) interface{} {
			if v := cell(o); v != nil {
				return int64(*v)
			}
			return nil
		},
	}
}

// StringColumn is a string column; an empty string prints as <none>, like an absent JSON field.
func StringColumn[T Object](name, description string, priority int32, cell func(T) string) Column[T] {
	return Column[T]{
		Definition: metav1.TableColumnDefinition{Name: name, Type: "string", Description: description, Priority: priority},
		Cell: func(o T) interface{} {
			if v := cell(o); v != "" {
				return v
			}
			return nil
		},
	}
}

// DateColumn prints a timestamp as an age, like a CRD column of type date.
func DateColumn[T Object](name string, cell func(T) *metav1.Time) Column[T] {
	return Column[T]{
		Definition: metav1.TableColumnDefinition{Name: name, Type: "date"},
		Cell: func(o T) interface{} {
			t := cell(o)
			if t == nil || t.IsZero() {
				return nil
			}
			return metatable.ConvertToHumanReadableDateType(*t)
		},
	}
}

// AgeColumn is the AGE column on metadata.creationTimestamp.
func AgeColumn[T Object](name string) Column[T] {
	return DateColumn(name, func(o T) *metav1.Time {
		t := o.GetCreationTimestamp()
		return &t
	})
}

// ContainerNames joins container names with commas, as kubectl's wide output of workloads does.
func ContainerNames(containers []corev1.Container) string {
	names := make([]string, len(containers))
	for i := range containers {
		names[i] = containers[i].Name
	}
	return strings.Join(names, ",")
}

// ContainerImages joins container images with commas.
func ContainerImages(containers []corev1.Container) string {
	images := make([]string, len(containers))
	for i := range containers {
		images[i] = containers[i].Image
	}
	return strings.Join(images, ",")
}

// BoolColumn is a boolean column.
func BoolColumn[T Object](name, description string, priority int32, cell func(T) bool) Column[T] {
	return Column[T]{
		Definition: metav1.TableColumnDefinition{Name: name, Type: "boolean", Description: description, Priority: priority},
		Cell:       func(o T) interface{} { return cell(o) },
	}
}

// OnlyInVersions limits a column to some served versions (OpenKruise's columns differ per version for a few kinds).
func OnlyInVersions[T Object](c Column[T], versions ...string) Column[T] {
	c.Versions = versions
	return c
}

// ReplicasOrOne dereferences spec.replicas, which defaulting sets to 1.
func ReplicasOrOne(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}
