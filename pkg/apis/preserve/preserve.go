// Package preserve carries fields that an older API version cannot express through a
// round trip in that version, so that reading and writing an object as v1alpha1 never
// loses what was written as v1beta1. The fields travel as JSON in one reserved annotation.
package preserve

import (
	"encoding/json"
	"fmt"
	"reflect"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// AnnotationKey holds the JSON of the fields the served version cannot express.
// It is added when an object is converted down and removed when it is converted back up.
const AnnotationKey = "kruise-aggregated.io/preserved-fields"

// Save stores v as JSON under AnnotationKey. A nil or zero v stores nothing. The annotation
// map is copied first because generated conversions share it with the source object.
func Save(meta *metav1.ObjectMeta, v any) error {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if (rv.Kind() == reflect.Pointer && rv.IsNil()) || reflect.Indirect(rv).IsZero() {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("preserving fields: %w", err)
	}
	SetAnnotation(meta, AnnotationKey, string(data))
	return nil
}

// Restore decodes the JSON under AnnotationKey into v and removes the key (copying the map,
// and dropping it when it becomes empty). It reports whether usable preserved fields were
// found. The annotation is advisory: one a client mangled is dropped and v is left zero, so a
// conversion never fails because of it. The error return is kept for callers' symmetry and is
// always nil.
func Restore(meta *metav1.ObjectMeta, v any) (bool, error) {
	data, ok := meta.Annotations[AnnotationKey]
	if !ok {
		return false, nil
	}
	RemoveAnnotation(meta, AnnotationKey)
	if err := json.Unmarshal([]byte(data), v); err != nil {
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv.Elem().Set(reflect.Zero(rv.Elem().Type()))
		}
		return false, nil
	}
	return true, nil
}

// RemoveAnnotation deletes key from a copy of the annotations, leaving nil when none remain.
func RemoveAnnotation(obj metav1.Object, key string) {
	obj.SetAnnotations(without(obj.GetAnnotations(), key))
}

// SetAnnotation sets key to value on a copy of the annotations.
func SetAnnotation(obj metav1.Object, key, value string) {
	obj.SetAnnotations(with(obj.GetAnnotations(), key, value))
}

// RemoveLabel deletes key from a copy of the labels, leaving nil when none remain.
func RemoveLabel(obj metav1.Object, key string) {
	obj.SetLabels(without(obj.GetLabels(), key))
}

// SetLabel sets key to value on a copy of the labels.
func SetLabel(obj metav1.Object, key, value string) {
	obj.SetLabels(with(obj.GetLabels(), key, value))
}

// without returns m minus key: m itself when key is absent (never written to), otherwise a copy,
// nil when nothing remains. Conversions share maps with their source, so they are never edited in place.
func without(m map[string]string, key string) map[string]string {
	if _, ok := m[key]; !ok {
		return m
	}
	if len(m) == 1 {
		return nil
	}
	out := make(map[string]string, len(m)-1)
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// with returns a copy of m with key set to value.
func with(m map[string]string, key, value string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	out[key] = value
	return out
}
