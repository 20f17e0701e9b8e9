package store

import (
	"context"
	"fmt"
	"reflect"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/storage/names"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"

	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// strategy gives every resource the semantics of a custom resource with a status subresource:
// status is reset on create and ignored on update, generation counts spec changes, updates must
// carry a resourceVersion.
type strategy[T Object] struct {
	runtime.ObjectTyper
	names.NameGenerator
	def *Definition[T]
}

func newStrategy[T Object](typer runtime.ObjectTyper, def *Definition[T]) *strategy[T] {
	return &strategy[T]{ObjectTyper: typer, NameGenerator: names.SimpleNameGenerator, def: def}
}

func (s *strategy[T]) NamespaceScoped() bool { return s.def.Namespaced }

func (s *strategy[T]) resetFields(paths ...string) map[fieldpath.APIVersion]*fieldpath.Set {
	set := fieldpath.NewSet()
	for _, p := range paths {
		set.Insert(fieldpath.MakePathOrDie(p))
	}
	out := make(map[fieldpath.APIVersion]*fieldpath.Set, len(s.def.Versions))
	for _, v := range s.def.Versions {
		out[fieldpath.APIVersion(s.def.Resource.Group+"/"+v)] = set
	}
	return out
}

// GetResetFields lists status: writes through the main endpoint never own it.
func (s *strategy[T]) GetResetFields() map[fieldpath.APIVersion]*fieldpath.Set {
	return s.resetFields("status")
}

func (s *strategy[T]) PrepareForCreate(ctx context.Context, obj runtime.Object) {
	o := obj.(T)
	setField(o, "Status", nil)
	o.SetGeneration(1)
	// The conversion annotation belongs only to a v1alpha1 view of an object: never store one.
	preserve.RemoveAnnotation(o, preserve.AnnotationKey)
	if s.def.PrepareForCreate != nil {
		s.def.PrepareForCreate(ctx, o)
	}
}

func (s *strategy[T]) PrepareForUpdate(ctx context.Context, obj, old runtime.Object) {
	o, p := obj.(T), old.(T)
	setField(o, "Status", fieldOf(p, "Status"))
	preserve.RemoveAnnotation(o, preserve.AnnotationKey)
	if !apiequality.Semantic.DeepEqual(fieldOf(o, "Spec"), fieldOf(p, "Spec")) {
		o.SetGeneration(p.GetGeneration() + 1)
	}
	if s.def.PrepareForUpdate != nil {
		s.def.PrepareForUpdate(ctx, o, p)
	}
}

func (s *strategy[T]) Validate(_ context.Context, obj runtime.Object) field.ErrorList {
	return s.def.Validate(obj.(T))
}

func (s *strategy[T]) ValidateUpdate(_ context.Context, obj, old runtime.Object) field.ErrorList {
	return s.def.ValidateUpdate(obj.(T), old.(T))
}

func (s *strategy[T]) WarningsOnCreate(_ context.Context, obj runtime.Object) []string {
	if s.def.Warnings == nil {
		return nil
	}
	return s.def.Warnings(obj.(T))
}

func (s *strategy[T]) WarningsOnUpdate(_ context.Context, obj, _ runtime.Object) []string {
	return s.WarningsOnCreate(context.Background(), obj)
}

func (s *strategy[T]) Canonicalize(runtime.Object)                   {}
func (s *strategy[T]) AllowCreateOnUpdate(context.Context) bool      { return false }
func (s *strategy[T]) AllowUnconditionalUpdate(context.Context) bool { return false }

// statusStrategy applies a status write: only status (and managedFields) change.
type statusStrategy[T Object] struct {
	*strategy[T]
}

func (s statusStrategy[T]) GetResetFields() map[fieldpath.APIVersion]*fieldpath.Set {
	return s.resetFields("spec", "metadata")
}

func (s statusStrategy[T]) PrepareForUpdate(_ context.Context, obj, old runtime.Object) {
	o, p := obj.(T), old.(T)
	status, managed := fieldOf(o, "Status"), o.GetManagedFields()
	reflect.ValueOf(o).Elem().Set(reflect.ValueOf(p.DeepCopyObject()).Elem())
	setField(o, "Status", status)
	o.SetManagedFields(managed)
}

func (s statusStrategy[T]) ValidateUpdate(_ context.Context, obj, old runtime.Object) field.ErrorList {
	return s.def.ValidateStatusUpdate(obj.(T), old.(T))
}

func (s statusStrategy[T]) WarningsOnUpdate(context.Context, runtime.Object, runtime.Object) []string {
	return nil
}

// fieldOf returns a copy of the named top-level field of an internal object.
func fieldOf(obj any, name string) any {
	v := reflect.ValueOf(obj).Elem().FieldByName(name)
	if !v.IsValid() {
		panic(fmt.Sprintf("%T has no field %s", obj, name))
	}
	return v.Interface()
}

// setField sets the named top-level field; a nil value sets the zero value.
func setField(obj any, name string, value any) {
	f := reflect.ValueOf(obj).Elem().FieldByName(name)
	if !f.IsValid() {
		panic(fmt.Sprintf("%T has no field %s", obj, name))
	}
	if value == nil {
		f.Set(reflect.Zero(f.Type()))
		return
	}
	f.Set(reflect.ValueOf(value))
}
