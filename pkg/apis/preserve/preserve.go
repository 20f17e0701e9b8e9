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
	annotations := make(map[string]string, len(meta.Annotations)+1)
	for k, val := range meta.Annotations {
		annotations[k] = val
	}
	annotations[AnnotationKey] = string(data)
	meta.Annotations = annotations
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
func RemoveAnnotation(meta *metav1.ObjectMeta, key string) {
	if _, ok := meta.Annotations[key]; !ok {
		return
	}
	if len(meta.Annotations) == 1 {
		meta.Annotations = nil
		return
	}
	annotations := make(map[string]string, len(meta.Annotations)-1)
	for k, val := range meta.Annotations {
		if k != key {
			annotations[k] = val
		}
	}
	meta.Annotations = annotations
}

// SetAnnotation sets key to value on a copy of the annotations.
func SetAnnotation(meta *metav1.ObjectMeta, key, value string) {
	annotations := make(map[string]string, len(meta.Annotations)+1)
	for k, val := range meta.Annotations {
		annotations[k] = val
	}
	annotations[key] = value
	meta.Annotations = annotations
}

// RemoveLabel deletes key from a copy of the labels, leaving nil when none remain.
func RemoveLabel(meta *metav1.ObjectMeta, key string) {
	if _, ok := meta.Labels[key]; !ok {
		return
	}
	if len(meta.Labels) == 1 {
		meta.Labels = nil
		return
	}
	labels := make(map[string]string, len(meta.Labels)-1)
	for k, val := range meta.Labels {
		if k != key {
			labels[k] = val
		}
	}
	meta.Labels = labels
}

// SetLabel sets key to value on a copy of the labels.
func SetLabel(meta *metav1.ObjectMeta, key, value string) {
	labels := make(map[string]string, len(meta.Labels)+1)
	for k, val := range meta.Labels {
		labels[k] = val
	}
	labels[key] = value
	meta.Labels = labels
}
