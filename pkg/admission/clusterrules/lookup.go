package clusterrules

import (
	"context"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// The listers hand out the informers' shared objects: callers only read them and deep-copy
// whatever they keep.

// getPod reads a pod from the informer, falling back to the kube-apiserver for a pod the informer
// has not seen yet (for example one created a moment ago).
func (p *Plugin) getPod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	if !isObjectName(name) {
		return nil, apierrors.NewNotFound(corev1.Resource("pods"), name)
	}
	pod, err := p.podLister.Pods(namespace).Get(name)
	if err == nil || !apierrors.IsNotFound(err) || p.kubeClient == nil {
		return pod, err
	}
	return p.kubeClient.CoreV1().Pods(namespace).Get(ctx, name, metav1.GetOptions{})
}

// getNode reads a node the same way as getPod.
func (p *Plugin) getNode(ctx context.Context, name string) (*corev1.Node, error) {
	if !isObjectName(name) {
		return nil, apierrors.NewNotFound(corev1.Resource("nodes"), name)
	}
	node, err := p.nodeLister.Get(name)
	if err == nil || !apierrors.IsNotFound(err) || p.kubeClient == nil {
		return node, err
	}
	return p.kubeClient.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
}

// getSidecarSet reads a SidecarSet from the informer, falling back to this server.
func (p *Plugin) getSidecarSet(ctx context.Context, name string) (*appsv1beta1.SidecarSet, error) {
	if !isObjectName(name) {
		return nil, apierrors.NewNotFound(appsv1beta1.Resource("sidecarsets"), name)
	}
	ss, err := p.sidecarSetLister.Get(name)
	if err == nil || !apierrors.IsNotFound(err) || p.kruiseClient == nil {
		return ss, err
	}
	return p.kruiseClient.AppsV1beta1().SidecarSets().Get(ctx, name, metav1.GetOptions{})
}

// isObjectName reports whether name can name an object at all; other strings are never looked up.
func isObjectName(name string) bool {
	return len(validation.IsDNS1123Subdomain(name)) == 0
}

// invalid is the 422 answer for errs.
func invalid(a admission.Attributes, errs field.ErrorList) error {
	return apierrors.NewInvalid(a.GetKind().GroupKind(), a.GetName(), errs)
}

// forbidden is the 403 answer, naming the field the refusal is about in the status causes.
func forbidden(a admission.Attributes, path *field.Path, msg string) error {
	err := admission.NewForbidden(a, errors.New(msg))
	var status *apierrors.StatusError
	if path != nil && errors.As(err, &status) {
		if status.ErrStatus.Details == nil {
			status.ErrStatus.Details = &metav1.StatusDetails{}
		}
		status.ErrStatus.Details.Causes = append(status.ErrStatus.Details.Causes, metav1.StatusCause{
			Type:    metav1.CauseType(field.ErrorTypeForbidden),
			Message: msg,
			Field:   path.String(),
		})
	}
	return err
}

// lookupFailed is the 500 answer when a read failed for another reason than absence.
func lookupFailed(what string, err error) error {
	return apierrors.NewInternalError(fmt.Errorf("%s: reading %s: %w", PluginName, what, err))
}
