// Package podpatch writes pod conditions together with label and annotation changes in one call:
// the pods/status subresource keeps the spec but accepts metadata, so a controller that flips a
// readiness-gate condition and a state label pays for one request, not two.
package podpatch

import (
	"context"
	"encoding/json"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
)

// Change is what one status write sets. A nil map value removes the key.
type Change struct {
	Conditions  []v1.PodCondition
	Labels      map[string]*string
	Annotations map[string]*string
}

// IsEmpty reports whether the change writes nothing.
func (c *Change) IsEmpty() bool {
	return len(c.Conditions) == 0 && len(c.Labels) == 0 && len(c.Annotations) == 0
}

// SetLabel records a label to set.
func (c *Change) SetLabel(k, v string) {
	if c.Labels == nil {
		c.Labels = map[string]*string{}
	}
	c.Labels[k] = &v
}

// SetAnnotation records an annotation to set.
func (c *Change) SetAnnotation(k, v string) {
	if c.Annotations == nil {
		c.Annotations = map[string]*string{}
	}
	c.Annotations[k] = &v
}

// Status applies the change to the pod through pods/status (a no-op for an empty change).
func Status(ctx context.Context, kube kubernetes.Interface, pod *v1.Pod, c Change) (*v1.Pod, error) {
	if c.IsEmpty() {
		return pod, nil
	}
	patch := map[string]any{}
	meta := map[string]any{}
	if len(c.Labels) > 0 {
		meta["labels"] = c.Labels
	}
	if len(c.Annotations) > 0 {
		meta["annotations"] = c.Annotations
	}
	if len(meta) > 0 {
		patch["metadata"] = meta
	}
	if len(c.Conditions) > 0 {
		patch["status"] = map[string]any{"conditions": c.Conditions}
	}
	raw, err := json.Marshal(patch)
	if err != nil {
		return nil, err
	}
	return kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, raw, metav1.PatchOptions{}, "status")
}
