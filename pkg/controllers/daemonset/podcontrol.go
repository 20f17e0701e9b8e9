package daemonset

import (
	"context"
	"encoding/json"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/record"
)

// podControl is the seam through which the controller creates, deletes and re-owns pods.
type podControl interface {
	Create(ctx context.Context, owner runtime.Object, pod *v1.Pod) (*v1.Pod, error)
	Delete(ctx context.Context, owner runtime.Object, pod *v1.Pod) error
	// SetOwner adopts (owner non-nil) or releases (owner nil, releasing ownerUID) the pod.
	SetOwner(ctx context.Context, pod *v1.Pod, ref *metav1.OwnerReference, releaseUID types.UID) (*v1.Pod, error)
}

// kubePodControl writes to the API server and records the events apps/v1 controllers record.
type kubePodControl struct {
	kube     kubernetes.Interface
	recorder record.EventRecorder
}

func (c kubePodControl) Create(ctx context.Context, owner runtime.Object, pod *v1.Pod) (*v1.Pod, error) {
	created, err := c.kube.CoreV1().Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		if !apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause) {
			c.recorder.Eventf(owner, v1.EventTypeWarning, "FailedCreate", "Error creating: %v", err)
		}
		return nil, err
	}
	c.recorder.Eventf(owner, v1.EventTypeNormal, "SuccessfulCreate", "Created pod: %v", created.Name)
	return created, nil
}

func (c kubePodControl) Delete(ctx context.Context, owner runtime.Object, pod *v1.Pod) error {
	err := c.kube.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &pod.UID}})
	if err != nil {
		if !apierrors.IsNotFound(err) {
			c.recorder.Eventf(owner, v1.EventTypeWarning, "FailedDelete", "Error deleting: %v", err)
		}
		return err
	}
	c.recorder.Eventf(owner, v1.EventTypeNormal, "SuccessfulDelete", "Deleted pod: %v", pod.Name)
	return nil
}

func (c kubePodControl) SetOwner(ctx context.Context, pod *v1.Pod, ref *metav1.OwnerReference, releaseUID types.UID) (*v1.Pod, error) {
	var refs []any
	if ref != nil {
		refs = []any{ref}
	} else {
		refs = []any{map[string]any{"$patch": "delete", "uid": releaseUID}}
	}
	// The uid makes the patch fail on a pod of the same name that replaced this one.
	patch, err := json.Marshal(map[string]any{"metadata": map[string]any{"ownerReferences": refs, "uid": pod.UID}})
	if err != nil {
		return nil, err
	}
	return c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
}
