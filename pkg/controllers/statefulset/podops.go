package statefulset

import (
	"context"
	"errors"
	"fmt"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/expectations"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/lifecycle"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
)

// errNamespaceTerminating stops a create pass without retrying: the set goes with its namespace.
var errNamespaceTerminating = errors.New("namespace is terminating")

// create makes the pod of ordinal, its PVCs first. The pod gets the current revision while the
// partition keeps its ordinal there, the update revision otherwise.
func (r *round) create(ctx context.Context, rng ordinalRange, ordinal int, live []*v1.Pod) error {
	set, c := r.set, r.c
	rev := r.update
	if newPodGetsCurrentRevision(set, rng, ordinal, live, r.update.Name) {
		rev = r.current
	}
	tmpl, err := revision.Template(rev)
	if err != nil {
		return err
	}
	pod := newPod(set, tmpl, rev.Name, ordinal)
	lifecycle.SetInitialState(pod, set.Spec.Lifecycle, r.now)
	if l := set.Spec.Lifecycle; l != nil && l.PreNormal != nil && lifecycle.IsAllHooked(l.PreNormal, pod) {
		// The template already carries the hook: nothing to wait for.
		pod.Labels[pub.LifecycleStateKey] = string(pub.LifecycleStateNormal)
	}
	if lifecycle.NeedsKruisePodReadyGate(set.Spec.Lifecycle) {
		lifecycle.AddKruisePodReadyGate(&pod.Spec)
	}

	stale, err := r.claimsStale(pod, ordinal)
	if err != nil || stale {
		// The collector is removing a claim of an earlier pod of this ordinal; try again shortly.
		r.after(time.Second)
		return err
	}
	if err := r.ensureClaims(ctx, pod, ordinal); err != nil {
		r.fail(appsv1beta1.FailedCreatePod, err)
		r.event(pod, "Create", err)
		return err
	}
	c.scaleExp.Expect(r.key, expectations.Create, pod.Name)
	created, err := c.pods.CreatePod(ctx, pod)
	if err != nil {
		c.scaleExp.Observe(r.key, expectations.Create, pod.Name)
		if apierrors.IsAlreadyExists(err) {
			// Our cache is behind: the pod exists; the informer will bring it.
			return nil
		}
		if apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause) {
			// The namespace is going away with the set; retrying would only add load.
			return errNamespaceTerminating
		}
		r.fail(appsv1beta1.FailedCreatePod, err)
		r.event(pod, "Create", err)
		return err
	}
	r.event(pod, "Create", nil)
	return r.syncClaimOwners(ctx, created, false)
}

// remove deletes a pod, or first moves it to PreparingDelete while a preDelete hook holds it. It
// reports whether the delete was sent.
func (r *round) remove(ctx context.Context, pod *v1.Pod) (bool, error) {
	c := r.c
	if l := r.set.Spec.Lifecycle; l != nil && lifecycle.IsHooked(l.PreDelete, pod) {
		if lifecycle.State(pod) == pub.LifecycleStatePreparingDelete {
			return false, nil
		}
		holder := ""
		if l.PreDelete.MarkPodNotReady {
			holder = lifecycle.PreDeleteHolder
		}
		updated, err := c.lifecycle.SetState(ctx, pod, pub.LifecycleStatePreparingDelete, holder, "")
		if err == nil {
			c.updateExp.Expect(updated)
		}
		return false, err
	}
	c.scaleExp.Expect(r.key, expectations.Delete, pod.Name)
	err := c.pods.DeletePod(ctx, pod)
	if err != nil {
		c.scaleExp.Observe(r.key, expectations.Delete, pod.Name)
	}
	r.event(pod, "Delete", err)
	return err == nil, err
}

// updatePod moves one pod to the update revision: in place when the policy allows it and only
// images and metadata changed, by deleting it (the scale pass recreates it) otherwise.
func (r *round) updatePod(ctx context.Context, pod *v1.Pod) error {
	set := r.set
	ru := set.Spec.UpdateStrategy.RollingUpdate
	policy := appsv1beta1.RecreatePodUpdateStrategyType
	if ru != nil && ru.PodUpdatePolicy != "" {
		policy = ru.PodUpdatePolicy
	}
	if policy != appsv1beta1.RecreatePodUpdateStrategyType {
		spec, err := r.inPlaceSpec(pod)
		if err != nil {
			return err
		}
		if spec != nil {
			return r.updateInPlace(ctx, pod, spec)
		}
		if policy == appsv1beta1.InPlaceOnlyPodUpdateStrategyType {
			err := fmt.Errorf("pod %s cannot be updated in place to revision %s and the policy is InPlaceOnly", pod.Name, r.update.Name)
			r.fail(appsv1beta1.FailedUpdatePod, err)
			return err
		}
	}
	_, err := r.remove(ctx, pod)
	return err
}

// inPlaceSpec returns the in-place update from the pod's revision to the update revision, or nil
// when the pod must be recreated.
func (r *round) inPlaceSpec(pod *v1.Pod) (*inplace.Spec, error) {
	var from *apps.ControllerRevision
	for _, rev := range r.revs {
		if rev.Name == revisionOf(pod) {
			from = rev
		}
	}
	if from == nil {
		return nil, nil
	}
	fromTmpl, err := revision.Template(from)
	if err != nil {
		return nil, err
	}
	toTmpl, err := revision.Template(r.update)
	if err != nil {
		return nil, err
	}
	spec, ok := inplace.Diff(fromTmpl, toTmpl)
	if !ok {
		return nil, nil
	}
	return spec, nil
}

func (r *round) updateInPlace(ctx context.Context, pod *v1.Pod, spec *inplace.Spec) error {
	set, c := r.set, r.c
	var hook *pub.LifecycleHook
	if set.Spec.Lifecycle != nil {
		hook = set.Spec.Lifecycle.InPlaceUpdate
	}
	state := lifecycle.State(pod)
	switch state {
	case "", pub.LifecycleStatePreparingNormal, pub.LifecycleStateNormal, pub.LifecycleStateUpdated:
		if lifecycle.IsHooked(hook, pod) || state == pub.LifecycleStateUpdated {
			// Let the hook's owner prepare the pod first; it releases the hook when done.
			holder := ""
			if hook != nil && hook.MarkPodNotReady {
				holder = lifecycle.PreUpdateHolder
			}
			updated, err := c.lifecycle.SetState(ctx, pod, pub.LifecycleStatePreparingUpdate, holder, "")
			if err == nil {
				c.updateExp.Expect(updated)
			}
			return err
		}
	case pub.LifecycleStatePreparingUpdate:
		if lifecycle.IsHooked(hook, pod) {
			return nil
		}
	case pub.LifecycleStateUpdating:
	default:
		return fmt.Errorf("pod %s is in lifecycle state %s and cannot be updated in place", pod.Name, state)
	}

	spec.Revision = r.update.Name
	if spec.Labels == nil {
		spec.Labels = map[string]string{}
	}
	spec.Labels[apps.StatefulSetRevisionLabel] = r.update.Name
	if state != "" {
		spec.Labels[pub.LifecycleStateKey] = string(pub.LifecycleStateUpdating)
		if spec.Annotations == nil {
			spec.Annotations = map[string]string{}
		}
		spec.Annotations[pub.LifecycleTimestampKey] = r.now.UTC().Format(time.RFC3339)
	}
	if ru := set.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.InPlaceUpdateStrategy != nil {
		spec.GraceSeconds = ru.InPlaceUpdateStrategy.GracePeriodSeconds
		r.after(time.Duration(spec.GraceSeconds) * time.Second)
	}
	updated, err := c.inplace.Start(ctx, pod, spec)
	if err != nil {
		r.fail(appsv1beta1.FailedUpdatePod, err)
		c.recorder.Eventf(set, v1.EventTypeWarning, "FailedUpdatePodInPlace", "failed to update pod %s in-place(revision %v): %v", pod.Name, r.update.Name, err)
		return err
	}
	c.updateExp.Expect(updated)
	c.recorder.Eventf(set, v1.EventTypeNormal, "SuccessfulUpdatePodInPlace", "successfully update pod %s in-place(revision %v)", pod.Name, r.update.Name)
	return nil
}

// refresh moves a live pod along: an in-place update past its grace period or to completion, the
// KruisePodReady condition, and the lifecycle state once hooks allow it.
func (r *round) refresh(ctx context.Context, pod *v1.Pod) (*v1.Pod, error) {
	set, c := r.set, r.c
	p, wait, err := c.inplace.Refresh(ctx, pod)
	if err != nil {
		return pod, err
	}
	r.after(wait)
	if lifecycle.NeedsKruisePodReadyGate(set.Spec.Lifecycle) {
		if p, err = c.lifecycle.EnsureKruisePodReady(ctx, p); err != nil {
			return pod, err
		}
	}
	if next := nextLifecycleState(set.Spec.Lifecycle, p, r.update.Name); next != "" {
		release := ""
		if l := set.Spec.Lifecycle; l != nil && l.InPlaceUpdate != nil && l.InPlaceUpdate.MarkPodNotReady {
			release = lifecycle.PreUpdateHolder
		}
		if p, err = c.lifecycle.SetState(ctx, p, next, "", release); err != nil {
			return pod, err
		}
	}
	if p.ResourceVersion != pod.ResourceVersion {
		c.updateExp.Expect(p)
	}
	return p, nil
}

// nextLifecycleState is the state a pod moves to on its own, or "" when it stays: PreparingNormal
// ends once the preNormal hook is attached, an in-place update ends in Updated while the
// inPlaceUpdate hook is not re-attached and in Normal once it is.
func nextLifecycleState(l *pub.Lifecycle, pod *v1.Pod, updateRevision string) pub.LifecycleStateType {
	var preNormal, inPlaceHook *pub.LifecycleHook
	if l != nil {
		preNormal, inPlaceHook = l.PreNormal, l.InPlaceUpdate
	}
	afterUpdate := pub.LifecycleStateNormal
	if inPlaceHook != nil && !lifecycle.IsAllHooked(inPlaceHook, pod) {
		afterUpdate = pub.LifecycleStateUpdated
	}
	switch lifecycle.State(pod) {
	case pub.LifecycleStatePreparingNormal:
		if preNormal == nil || lifecycle.IsAllHooked(preNormal, pod) {
			return pub.LifecycleStateNormal
		}
	case pub.LifecycleStatePreparingUpdate:
		// Rolled back while waiting for the hook: the pod already runs the wanted revision.
		if revisionOf(pod) == updateRevision {
			return afterUpdate
		}
	case pub.LifecycleStateUpdating:
		if inplace.State(pod) == nil || inplace.Completed(pod) {
			return afterUpdate
		}
	case pub.LifecycleStateUpdated:
		if inPlaceHook == nil || lifecycle.IsAllHooked(inPlaceHook, pod) {
			return pub.LifecycleStateNormal
		}
	}
	return ""
}

// inPlaceBusy reports whether an in-place update of the pod has not finished.
func inPlaceBusy(pod *v1.Pod) bool {
	return inplace.IsUpdating(pod) || (inplace.State(pod) != nil && !inplace.Completed(pod))
}

// keepIdentity restores identity labels a user removed, and claim owners the policy wants.
func (r *round) keepIdentity(ctx context.Context, pod *v1.Pod, rng ordinalRange) error {
	if !identityMatches(r.set, pod) {
		fixed := pod.DeepCopy()
		setIdentityLabels(fixed, ordinalOf(pod))
		updated, err := r.c.pods.UpdatePod(ctx, fixed)
		if err != nil {
			return err
		}
		r.c.updateExp.Expect(updated)
	}
	return r.syncClaimOwners(ctx, pod, !rng.contains(ordinalOf(pod)))
}

// ensureClaims creates the missing PVCs of the pod at ordinal.
func (r *round) ensureClaims(ctx context.Context, pod *v1.Pod, ordinal int) error {
	for _, claim := range claimsFor(r.set, ordinal) {
		existing, err := r.c.claimLister.PersistentVolumeClaims(claim.Namespace).Get(claim.Name)
		switch {
		case apierrors.IsNotFound(err):
			if err := r.c.pods.CreateClaim(ctx, claim); err != nil && !apierrors.IsAlreadyExists(err) {
				return fmt.Errorf("creating PVC %s for pod %s: %w", claim.Name, pod.Name, err)
			}
		case err != nil:
			return err
		case existing.DeletionTimestamp != nil:
			return fmt.Errorf("PVC %s of pod %s is being deleted", claim.Name, pod.Name)
		}
	}
	return nil
}

func (r *round) claimsStale(pod *v1.Pod, ordinal int) (bool, error) {
	for _, claim := range claimsFor(r.set, ordinal) {
		existing, err := r.c.claimLister.PersistentVolumeClaims(claim.Namespace).Get(claim.Name)
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return false, err
		}
		if claimIsStale(existing, r.set, pod) {
			return true, nil
		}
	}
	return false, nil
}

// syncClaimOwners makes the ownerReferences of the pod's PVCs follow the retention policy.
func (r *round) syncClaimOwners(ctx context.Context, pod *v1.Pod, scaledDown bool) error {
	for _, tmpl := range r.set.Spec.VolumeClaimTemplates {
		name := claimName(tmpl.Name, r.set.Name, ordinalOf(pod))
		claim, err := r.c.claimLister.PersistentVolumeClaims(r.set.Namespace).Get(name)
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if claimOwnersUpToDate(claim, r.set, pod, scaledDown) {
			continue
		}
		fixed := claim.DeepCopy()
		setClaimOwners(fixed, r.set, pod, scaledDown)
		if err := r.c.pods.UpdateClaim(ctx, fixed); err != nil && !apierrors.IsConflict(err) {
			return fmt.Errorf("updating owners of PVC %s: %w", name, err)
		}
	}
	return nil
}
