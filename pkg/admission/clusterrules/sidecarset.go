package clusterrules

import (
	"context"
	"fmt"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// sidecarSetNameLabel is the label Kruise's SidecarSet controller puts on the ControllerRevisions
// it records for a SidecarSet, naming the SidecarSet.
const sidecarSetNameLabel = "kruise.io/sidecarset-name"

// validateSidecarSet checks the references of a SidecarSet to other objects, on create and when
// they change on update (so a SidecarSet whose referenced revision was pruned since can still be
// updated otherwise):
//   - spec.injectionStrategy.revision: revisionName must name a ControllerRevision in the Kruise
//     namespace; otherwise customVersion must match a ControllerRevision of this SidecarSet there.
//   - a canary (annotations apps.kruise.io/sidecarset-canary=true and apps.kruise.io/sidecarset-base)
//     needs an existing base that is not a canary itself.
//
// The resource's own validation covers the rest of these rules (one of revisionName and
// customVersion set, policy values, a base other than itself and immutable, NotUpdate for canaries).
func (p *Plugin) validateSidecarSet(ctx context.Context, a admission.Attributes) error {
	ss, ok := a.GetObject().(*apps.SidecarSet)
	if !ok {
		return nil
	}
	var old *apps.SidecarSet
	if a.GetOperation() == admission.Update {
		old, _ = a.GetOldObject().(*apps.SidecarSet)
	}

	var errs field.ErrorList
	rev := ss.Spec.InjectionStrategy.Revision
	if rev != nil && (old == nil || !apiequality.Semantic.DeepEqual(old.Spec.InjectionStrategy.Revision, rev)) {
		revErrs, err := p.checkInjectionRevision(ctx, ss, rev, field.NewPath("spec", "injectionStrategy", "revision"))
		if err != nil {
			return err
		}
		errs = append(errs, revErrs...)
	}

	base, canary := canaryBase(ss.Annotations)
	if canary && base != ss.Name {
		oldBase, oldCanary := "", false
		if old != nil {
			oldBase, oldCanary = canaryBase(old.Annotations)
		}
		if !oldCanary || oldBase != base {
			baseErrs, err := p.checkCanaryBase(ctx, a, base)
			if err != nil {
				return err
			}
			errs = append(errs, baseErrs...)
		}
	}
	if len(errs) > 0 {
		return invalid(a, errs)
	}
	return nil
}

// canaryBase returns the base named by a canary SidecarSet's annotations, and whether it is one.
func canaryBase(annotations map[string]string) (string, bool) {
	base := annotations[apps.SidecarSetBaseAnnotation]
	return base, annotations[apps.SidecarSetCanaryAnnotation] == "true" && base != ""
}

func (p *Plugin) checkInjectionRevision(ctx context.Context, ss *apps.SidecarSet, rev *apps.SidecarSetInjectRevision, path *field.Path) (field.ErrorList, error) {
	ns := p.kruiseNamespace
	switch {
	case rev.RevisionName != nil:
		name := *rev.RevisionName
		notFound := field.ErrorList{field.Invalid(path.Child("revisionName"), name,
			fmt.Sprintf("no ControllerRevision of this name in namespace %s", ns))}
		if !isObjectName(name) {
			return notFound, nil
		}
		_, err := p.kubeClient.AppsV1().ControllerRevisions(ns).Get(ctx, name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return notFound, nil
		} else if err != nil {
			return nil, lookupFailed(fmt.Sprintf("ControllerRevision %s/%s", ns, name), err)
		}
	case rev.CustomVersion != nil:
		version := *rev.CustomVersion
		notFound := field.ErrorList{field.Invalid(path.Child("customVersion"), version,
			fmt.Sprintf("no ControllerRevision of this SidecarSet with this custom version in namespace %s", ns))}
		if len(validation.IsValidLabelValue(version)) > 0 || len(validation.IsValidLabelValue(ss.Name)) > 0 {
			return notFound, nil
		}
		selector := labels.SelectorFromSet(labels.Set{
			sidecarSetNameLabel:               ss.Name,
			apps.SidecarSetCustomVersionLabel: version,
		})
		list, err := p.kubeClient.AppsV1().ControllerRevisions(ns).List(ctx, metav1.ListOptions{LabelSelector: selector.String()})
		if err != nil {
			return nil, lookupFailed("ControllerRevisions in "+ns, err)
		}
		if len(list.Items) == 0 {
			return notFound, nil
		}
	}
	return nil, nil
}

func (p *Plugin) checkCanaryBase(ctx context.Context, a admission.Attributes, base string) (field.ErrorList, error) {
	path := field.NewPath("metadata", "annotations").Key(apps.SidecarSetBaseAnnotation)
	if err := p.waitReady(a); err != nil {
		return nil, err
	}
	other, err := p.getSidecarSet(ctx, base)
	if apierrors.IsNotFound(err) {
		return field.ErrorList{field.NotFound(path, base)}, nil
	} else if err != nil {
		return nil, lookupFailed("SidecarSet "+base, err)
	}
	if _, isCanary := canaryBase(other.Annotations); isCanary {
		return field.ErrorList{field.Invalid(path, base, "the base SidecarSet is itself a canary")}, nil
	}
	return nil, nil
}
