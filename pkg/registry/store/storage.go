package store

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/registry/generic"
	genericregistry "k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/registry/rest"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"
)

// Storage holds the REST endpoints of one resource; Scale is nil when it has none.
type Storage struct {
	Main   *REST
	Status *StatusREST
	Scale  *ScaleREST
}

// REST is the main endpoint: every verb, served from one store shared by all versions.
type REST struct {
	*genericregistry.Store
	shortNames []string
}

// ShortNames implements rest.ShortNamesProvider.
func (r *REST) ShortNames() []string { return r.shortNames }

var _ rest.ShortNamesProvider = &REST{}

// NewStorage builds the store of a resource and its subresource endpoints.
func NewStorage[T Object](scheme *runtime.Scheme, def *Definition[T], optsGetter generic.RESTOptionsGetter) (*Storage, error) {
	s := newStrategy(scheme, def)
	table := &tableConvertor[T]{def: def}
	store := &genericregistry.Store{
		NewFunc:                   func() runtime.Object { return def.New() },
		NewListFunc:               def.NewList,
		DefaultQualifiedResource:  def.Resource,
		SingularQualifiedResource: schema.GroupResource{Group: def.Resource.Group, Resource: def.Singular},
		CreateStrategy:            s,
		UpdateStrategy:            s,
		DeleteStrategy:            s,
		ResetFieldsStrategy:       s,
		TableConvertor:            table,
	}
	// Selectors get labels, metadata.name and (when namespaced) metadata.namespace: the store's defaults.
	if err := store.CompleteWithOptions(&generic.StoreOptions{RESTOptions: optsGetter}); err != nil {
		return nil, err
	}
	statusStore := *store
	status := statusStrategy[T]{s}
	statusStore.UpdateStrategy = status
	statusStore.ResetFieldsStrategy = status

	out := &Storage{
		Main:   &REST{Store: store, shortNames: def.ShortNames},
		Status: &StatusREST{store: &statusStore},
	}
	if def.Scale != nil {
		out.Scale = newScaleREST(store, def)
	}
	return out, nil
}

// StatusREST serves the status subresource.
type StatusREST struct {
	store *genericregistry.Store
}

var (
	_ rest.Patcher                  = &StatusREST{}
	_ rest.ResetFieldsStrategy      = &StatusREST{}
	_ rest.TableConvertor           = &StatusREST{}
	_ rest.Storage                  = &StatusREST{}
	_ rest.SingularNameProvider     = &REST{}
	_ rest.StorageVersionProvider   = &REST{}
	_ rest.GroupVersionKindProvider = &ScaleREST{}
)

// New returns an empty object.
func (r *StatusREST) New() runtime.Object { return r.store.New() }

// Destroy is a no-op: the main endpoint owns the store.
func (r *StatusREST) Destroy() {}

// Get retrieves the object, status included.
func (r *StatusREST) Get(ctx context.Context, name string, options *metav1.GetOptions) (runtime.Object, error) {
	return r.store.Get(ctx, name, options)
}

// Update writes only the status of the object.
func (r *StatusREST) Update(ctx context.Context, name string, objInfo rest.UpdatedObjectInfo, createValidation rest.ValidateObjectFunc, updateValidation rest.ValidateObjectUpdateFunc, _ bool, options *metav1.UpdateOptions) (runtime.Object, bool, error) {
	// Status writes never create.
	return r.store.Update(ctx, name, objInfo, createValidation, updateValidation, false, options)
}

// GetResetFields lists the fields a status write cannot own.
func (r *StatusREST) GetResetFields() map[fieldpath.APIVersion]*fieldpath.Set {
	return r.store.GetResetFields()
}

// ConvertToTable prints the object like the main endpoint.
func (r *StatusREST) ConvertToTable(ctx context.Context, object runtime.Object, tableOptions runtime.Object) (*metav1.Table, error) {
	return r.store.ConvertToTable(ctx, object, tableOptions)
}
