// Package inplace updates a pod to a new template revision without recreating it: container
// images and pod labels/annotations change in place, the InPlaceUpdateReady condition takes the pod
// out of service for the duration, and completion is read back from the container statuses.
package inplace

import (
	"regexp"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
)

// Spec is what an in-place update changes on a pod.
type Spec struct {
	// Revision is the revision the pod moves to.
	Revision string `json:"revision"`
	// ContainerImages maps container name to its new image.
	ContainerImages map[string]string `json:"containerImages,omitempty"`
	// Labels and Annotations to set; RemoveLabels and RemoveAnnotations to delete.
	Labels            map[string]string `json:"labels,omitempty"`
	Annotations       map[string]string `json:"annotations,omitempty"`
	RemoveLabels      []string          `json:"removeLabels,omitempty"`
	RemoveAnnotations []string          `json:"removeAnnotations,omitempty"`
	// GraceSeconds delays the image change after the pod is marked not ready.
	GraceSeconds int32 `json:"graceSeconds,omitempty"`
}

// Diff returns the in-place update that turns pods of template from into pods of template to, and
// false when the two differ in anything a running pod cannot take without being recreated: any pod
// spec field other than container images, or env read from changed labels/annotations by a
// container whose image stays (the kubelet resolves such env only when a container starts).
func Diff(from, to *v1.PodTemplateSpec) (*Spec, bool) {
	spec := &Spec{}
	if len(from.Spec.Containers) != len(to.Spec.Containers) {
		return nil, false
	}
	imageless := from.Spec.DeepCopy()
	for i := range to.Spec.Containers {
		f, t := &from.Spec.Containers[i], &to.Spec.Containers[i]
		if f.Name != t.Name {
			return nil, false
		}
		if f.Image != t.Image {
			if spec.ContainerImages == nil {
				spec.ContainerImages = map[string]string{}
			}
			spec.ContainerImages[t.Name] = t.Image
			imageless.Containers[i].Image = t.Image
		}
	}
	if !equality.Semantic.DeepEqual(imageless, &to.Spec) {
		return nil, false
	}

	changedLabels := diffMap(from.Labels, to.Labels, &spec.Labels, &spec.RemoveLabels)
	changedAnnotations := diffMap(from.Annotations, to.Annotations, &spec.Annotations, &spec.RemoveAnnotations)
	for _, c := range to.Spec.Containers {
		if _, restarts := spec.ContainerImages[c.Name]; restarts {
			continue
		}
		if readsAny(c, "labels", changedLabels) || readsAny(c, "annotations", changedAnnotations) {
			return nil, false
		}
	}
	return spec, true
}

// diffMap records into set/remove how to get from a to b and returns the keys that changed.
func diffMap(a, b map[string]string, set *map[string]string, remove *[]string) map[string]bool {
	changed := map[string]bool{}
	for k, v := range b {
		if old, ok := a[k]; !ok || old != v {
			if *set == nil {
				*set = map[string]string{}
			}
			(*set)[k] = v
			changed[k] = true
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			*remove = append(*remove, k)
			changed[k] = true
		}
	}
	return changed
}

var fieldPathKey = regexp.MustCompile(`^metadata\.(labels|annotations)\['(.+)'\]$`)

// readsAny reports whether the container's env reads one of the keys of metadata.<field>.
func readsAny(c v1.Container, field string, keys map[string]bool) bool {
	if len(keys) == 0 {
		return false
	}
	for _, e := range c.Env {
		if e.ValueFrom == nil || e.ValueFrom.FieldRef == nil {
			continue
		}
		path := e.ValueFrom.FieldRef.FieldPath
		if path == "metadata."+field {
			return true
		}
		if m := fieldPathKey.FindStringSubmatch(path); m != nil && m[1] == field && keys[m[2]] {
			return true
		}
	}
	return false
}
