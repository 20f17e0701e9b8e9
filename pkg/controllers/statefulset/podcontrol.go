package statefulset

import (
	"context"
	"encoding/json"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
)

// podControl is the seam through which the controller writes pods and PVCs (in-place updates and
// lifecycle changes go through the shared inplace and lifecycle clients).
type podControl interface {
	CreatePod(ctx context.Context, pod *v1.Pod) (*v1.Pod, error)
	// DeletePod deletes exactly this pod: a newer pod of the same name is left alone.
	DeletePod(ctx context.Context, pod *v1.Pod) error
	UpdatePod(ctx context.Context, pod *v1.Pod) (*v1.Pod, error)
	// AdoptPod adds the owner's controller reference to an orphan pod.
	AdoptPod(ctx context.Context, pod *v1.Pod, owner metav1.OwnerReference) (*v1.Pod, error)
	CreateClaim(ctx context.Context, claim *v1.PersistentVolumeClaim) error
	UpdateClaim(ctx context.Context, claim *v1.PersistentVolumeClaim) error
}

type apiPodControl struct {
	kube kubernetes.Interface
}

func (a apiPodControl) CreatePod(ctx context.Context, pod *v1.Pod) (*v1.Pod, error) {
	return a.kube.CoreV1().Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{})
}

func (a apiPodControl) DeletePod(ctx context.Context, pod *v1.Pod) error {
	uid := pod.UID
	err := a.kube.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &uid}})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

func (a apiPodControl) UpdatePod(ctx context.Context, pod *v1.Pod) (*v1.Pod, error) {
	return a.kube.CoreV1().Pods(pod.Namespace).Update(ctx, pod, metav1.UpdateOptions{})
}

func (a apiPodControl) AdoptPod(ctx context.Context, pod *v1.Pod, owner metav1.OwnerReference) (*v1.Pod, error) {
	// The uid precondition makes the patch fail if the pod was replaced meanwhile.
	patch, err := json.Marshal(map[string]any{"metadata": map[string]any{
		"ownerReferences": []metav1.OwnerReference{owner},
		"uid":             pod.UID,
	}})
	if err != nil {
		return nil, err
	}
	return a.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{})
}

func (a apiPodControl) CreateClaim(ctx context.Context, claim *v1.PersistentVolumeClaim) error {
	_, err := a.kube.CoreV1().PersistentVolumeClaims(claim.Namespace).Create(ctx, claim, metav1.CreateOptions{})
	return err
}

func (a apiPodControl) UpdateClaim(ctx context.Context, claim *v1.PersistentVolumeClaim) error {
	_, err := a.kube.CoreV1().PersistentVolumeClaims(claim.Namespace).Update(ctx, claim, metav1.UpdateOptions{})
	return err
}
