package clusterrules

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// validateCloneSetPodsToDelete checks every name added to spec.scaleStrategy.podsToDelete (all
// names on create): it must be a pod of the namespace that is not terminating and whose
// controller is this CloneSet. Names already present in the old object are not checked again, so
// the controller can keep names of pods that are gone. OpenKruise checks this for v1alpha1
// requests only; here it holds for both versions.
func (p *Plugin) validateCloneSetPodsToDelete(ctx context.Context, a admission.Attributes) error {
	cs, ok := a.GetObject().(*apps.CloneSet)
	if !ok {
		return nil
	}
	known := sets.New[string]()
	if a.GetOperation() == admission.Update {
		if old, ok := a.GetOldObject().(*apps.CloneSet); ok {
			known.Insert(old.Spec.ScaleStrategy.PodsToDelete...)
		}
	}
	var added []int
	for i, name := range cs.Spec.ScaleStrategy.PodsToDelete {
		if !known.Has(name) {
			known.Insert(name)
			added = append(added, i)
		}
	}
	if len(added) == 0 {
		return nil
	}
	if err := p.waitReady(a); err != nil {
		return err
	}

	path := field.NewPath("spec", "scaleStrategy", "podsToDelete")
	var errs field.ErrorList
	for _, i := range added {
		name := cs.Spec.ScaleStrategy.PodsToDelete[i]
		pod, err := p.getPod(ctx, cs.Namespace, name)
		if apierrors.IsNotFound(err) {
			errs = append(errs, field.NotFound(path.Index(i), name))
			continue
		} else if err != nil {
			return lookupFailed(fmt.Sprintf("pod %s/%s", cs.Namespace, name), err)
		}
		if pod.DeletionTimestamp != nil {
			errs = append(errs, field.Invalid(path.Index(i), name, "the pod is already terminating"))
			continue
		}
		if owner := metav1.GetControllerOfNoCopy(pod); owner == nil || owner.UID != cs.UID {
			errs = append(errs, field.Invalid(path.Index(i), name, "the pod is not controlled by this CloneSet"))
		}
	}
	if len(errs) > 0 {
		return invalid(a, errs)
	}
	return nil
}
