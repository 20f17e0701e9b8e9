package store

import (
	"context"
	"fmt"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	"k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	genericregistry "k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/registry/rest"
	scalescheme "k8s.io/client-go/scale/scheme"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"
)

// ScaleREST serves the scale subresource (autoscaling/v1 Scale), as kubectl scale and the HPA use it.
type ScaleREST struct {
	store    *genericregistry.Store
	resource schema.GroupResource
	toScale  func(obj runtime.Object) (*scalescheme.Scale, error)
	setSpec  func(obj runtime.Object, replicas int32)
	mappings managedfields.ResourcePathMappings
}

func newScaleREST[T Object](store *genericregistry.Store, def *Definition[T]) *ScaleREST {
	replicasPath := fieldpath.MakePathOrDie("spec", "replicas")
	mappings := managedfields.ResourcePathMappings{}
	for _, v := range def.Versions {
		mappings[def.Resource.Group+"/"+v] = replicasPath
	}
	return &ScaleREST{
		store:    store,
		resource: def.Resource,
		mappings: mappings,
		toScale: func(obj runtime.Object) (*scalescheme.Scale, error) {
			o, ok := obj.(T)
			if !ok {
				return nil, fmt.Errorf("unexpected object %T", obj)
			}
			var selector *metav1.LabelSelector
			if s := def.Scale.LabelSelector(o); s != "" {
				parsed, err := metav1.ParseToLabelSelector(s)
				if err != nil {
					return nil, errors.NewInternalError(fmt.Errorf("status.labelSelector %q: %w", s, err))
				}
				selector = parsed
			}
			return &scalescheme.Scale{
				ObjectMeta: metav1.ObjectMeta{
					Name:              o.GetName(),
					Namespace:         o.GetNamespace(),
					UID:               o.GetUID(),
					ResourceVersion:   o.GetResourceVersion(),
					CreationTimestamp: o.GetCreationTimestamp(),
				},
				Spec:   scalescheme.ScaleSpec{Replicas: def.Scale.SpecReplicas(o)},
				Status: scalescheme.ScaleStatus{Replicas: def.Scale.StatusReplicas(o), Selector: selector},
			}, nil
		},
		setSpec: func(obj runtime.Object, replicas int32) { def.Scale.SetSpecReplicas(obj.(T), replicas) },
	}
}

var (
	_ rest.Getter  = &ScaleREST{}
	_ rest.Updater = &ScaleREST{}
)

// GroupVersionKind makes the endpoint speak autoscaling/v1 Scale whatever the parent's version.
func (r *ScaleREST) GroupVersionKind(schema.GroupVersion) schema.GroupVersionKind {
	return autoscalingv1.SchemeGroupVersion.WithKind("Scale")
}

// New returns an empty internal Scale.
func (r *ScaleREST) New() runtime.Object { return &scalescheme.Scale{} }

// Destroy is a no-op: the main endpoint owns the store.
func (r *ScaleREST) Destroy() {}

// Get returns the parent's scale.
func (r *ScaleREST) Get(ctx context.Context, name string, options *metav1.GetOptions) (runtime.Object, error) {
	obj, err := r.store.Get(ctx, name, options)
	if err != nil {
		return nil, err
	}
	return r.toScale(obj)
}

// Update sets the parent's spec.replicas from a Scale.
func (r *ScaleREST) Update(ctx context.Context, name string, objInfo rest.UpdatedObjectInfo, createValidation rest.ValidateObjectFunc, updateValidation rest.ValidateObjectUpdateFunc, _ bool, options *metav1.UpdateOptions) (runtime.Object, bool, error) {
	obj, _, err := r.store.Update(ctx, name,
		&scaleUpdatedObjectInfo{name: name, reqObjInfo: objInfo, rest: r},
		r.scaleCreateValidation(createValidation), r.scaleUpdateValidation(updateValidation),
		false, options)
	if err != nil {
		return nil, false, err
	}
	scale, err := r.toScale(obj)
	return scale, false, err
}

// ConvertToTable prints a Scale with the default columns.
func (r *ScaleREST) ConvertToTable(ctx context.Context, object runtime.Object, tableOptions runtime.Object) (*metav1.Table, error) {
	return rest.NewDefaultTableConvertor(r.resource).ConvertToTable(ctx, object, tableOptions)
}

func (r *ScaleREST) scaleCreateValidation(f rest.ValidateObjectFunc) rest.ValidateObjectFunc {
	return func(ctx context.Context, obj runtime.Object) error {
		scale, err := r.toScale(obj)
		if err != nil {
			return err
		}
		return f(ctx, scale)
	}
}

func (r *ScaleREST) scaleUpdateValidation(f rest.ValidateObjectUpdateFunc) rest.ValidateObjectUpdateFunc {
	return func(ctx context.Context, obj, old runtime.Object) error {
		newScale, err := r.toScale(obj)
		if err != nil {
			return err
		}
		oldScale, err := r.toScale(old)
		if err != nil {
			return err
		}
		return f(ctx, newScale, oldScale)
	}
}

// scaleUpdatedObjectInfo turns a requested Scale into the updated parent object, keeping
// managedFields of spec.replicas owned by whoever scaled.
type scaleUpdatedObjectInfo struct {
	name       string
	reqObjInfo rest.UpdatedObjectInfo
	rest       *ScaleREST
}

func (i *scaleUpdatedObjectInfo) Preconditions() *metav1.Preconditions {
	return i.reqObjInfo.Preconditions()
}

func (i *scaleUpdatedObjectInfo) UpdatedObject(ctx context.Context, oldObj runtime.Object) (runtime.Object, error) {
	if oldObj == nil {
		return nil, errors.NewNotFound(i.rest.resource, i.name)
	}
	obj := oldObj.DeepCopyObject()
	accessor := obj.(Object)
	groupVersion := schema.GroupVersion{Group: i.rest.resource.Group}
	if info, ok := genericapirequest.RequestInfoFrom(ctx); ok {
		groupVersion = schema.GroupVersion{Group: info.APIGroup, Version: info.APIVersion}
	}
	handler := managedfields.NewScaleHandler(accessor.GetManagedFields(), groupVersion, i.rest.mappings)

	oldScale, err := i.rest.toScale(obj)
	if err != nil {
		return nil, err
	}
	scaleManagedFields, err := handler.ToSubresource()
	if err != nil {
		return nil, err
	}
	oldScale.ManagedFields = scaleManagedFields

	newScaleObj, err := i.reqObjInfo.UpdatedObject(ctx, oldScale)
	if err != nil {
		return nil, err
	}
	if newScaleObj == nil {
		return nil, errors.NewBadRequest("nil update passed to Scale")
	}
	scale, ok := newScaleObj.(*scalescheme.Scale)
	if !ok {
		return nil, errors.NewBadRequest(fmt.Sprintf("expected input object type to be Scale, but %T", newScaleObj))
	}
	if errs := validateScale(scale); len(errs) > 0 {
		return nil, errors.NewInvalid(autoscalingv1.SchemeGroupVersion.WithKind("Scale").GroupKind(), scale.Name, errs)
	}
	if len(scale.UID) > 0 && scale.UID != accessor.GetUID() {
		return nil, errors.NewConflict(i.rest.resource, i.name,
			fmt.Errorf("precondition failed: UID in precondition: %v, UID in object meta: %v", scale.UID, accessor.GetUID()))
	}
	i.rest.setSpec(obj, scale.Spec.Replicas)
	accessor.SetResourceVersion(scale.ResourceVersion)
	updatedEntries, err := handler.ToParent(scale.ManagedFields)
	if err != nil {
		return nil, err
	}
	accessor.SetManagedFields(updatedEntries)
	return obj, nil
}

func validateScale(scale *scalescheme.Scale) field.ErrorList {
	if scale.Spec.Replicas < 0 {
		return field.ErrorList{field.Invalid(field.NewPath("spec", "replicas"), scale.Spec.Replicas, "must be greater than or equal to 0")}
	}
	return nil
}
