package cloneset

import (
	"context"
	"slices"
	"time"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/inplace"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/revision"
)

// computeStatus derives the status from the pods; conditions are carried over and then adjusted.
func computeStatus(cs *appsv1beta1.CloneSet, pods []*v1.Pod, revs *revision.Result, now time.Time) appsv1beta1.CloneSetStatus {
	st := *cs.Status.DeepCopy()
	st.ObservedGeneration = cs.Generation
	st.UpdateRevision = revs.Update.Name
	st.CollisionCount = &revs.CollisionCount
	if sel, err := metav1.LabelSelectorAsSelector(cs.Spec.Selector); err == nil {
		st.LabelSelector = sel.String()
	}
	l := resolveLimits(cs)
	st.ExpectedUpdatedReplicas = int32(l.replicas - l.partition)

	st.Replicas, st.ReadyReplicas, st.AvailableReplicas = 0, 0, 0
	st.UpdatedReplicas, st.UpdatedReadyReplicas, st.UpdatedAvailableReplicas = 0, 0, 0
	for _, p := range activePods(pods) {
		updated := p.Labels[revisionLabel] == revs.Update.Name
		ready := podstate.IsReady(p) && !inplace.IsUpdating(p)
		available := ready && podstate.IsAvailable(p, cs.Spec.MinReadySeconds, now)
		st.Replicas++
		if ready {
			st.ReadyReplicas++
		}
		if available {
			st.AvailableReplicas++
		}
		if updated {
			st.UpdatedReplicas++
			if ready {
				st.UpdatedReadyReplicas++
			}
			if available {
				st.UpdatedAvailableReplicas++
			}
		}
	}
	// The current revision is the one all pods share; it moves once the rollout is complete.
	st.CurrentRevision = revs.Current.Name
	if st.UpdatedReplicas == st.Replicas && st.Replicas >= int32(l.replicas) {
		st.CurrentRevision = revs.Update.Name
	}
	return st
}

// progressing computes the Progressing condition when progressDeadlineSeconds is set, and how soon
// the deadline needs another look.
func progressing(cs *appsv1beta1.CloneSet, old, st *appsv1beta1.CloneSetStatus, now time.Time) (*appsv1beta1.CloneSetCondition, time.Duration) {
	if cs.Spec.ProgressDeadlineSeconds == nil {
		return nil, 0
	}
	prev := findCondition(old.Conditions, appsv1beta1.CloneSetConditionTypeProgressing)
	cond := appsv1beta1.CloneSetCondition{Type: appsv1beta1.CloneSetConditionTypeProgressing, Status: v1.ConditionTrue, LastUpdateTime: metav1.NewTime(now)}
	replicas := int32(resolveLimits(cs).replicas)
	ru := cs.Spec.UpdateStrategy.RollingUpdate
	rolledOut := st.UpdatedAvailableReplicas >= st.ExpectedUpdatedReplicas && st.AvailableReplicas >= replicas && st.Replicas == replicas
	switch {
	case ru != nil && ru.Paused && !rolledOut:
		cond.Status, cond.Reason, cond.Message = v1.ConditionUnknown, string(appsv1beta1.CloneSetProgressPaused), "CloneSet is paused"
	case rolledOut && st.ExpectedUpdatedReplicas < replicas:
		cond.Reason, cond.Message = string(appsv1beta1.CloneSetProgressPartitionAvailable), "CloneSet has been paused due to partition ready"
	case rolledOut:
		cond.Reason, cond.Message = string(appsv1beta1.CloneSetAvailable), "CloneSet is available"
	default:
		madeProgress := old.UpdatedReplicas != st.UpdatedReplicas || old.UpdatedAvailableReplicas != st.UpdatedAvailableReplicas ||
			old.AvailableReplicas != st.AvailableReplicas || old.UpdateRevision != st.UpdateRevision || old.ObservedGeneration != st.ObservedGeneration
		cond.Reason, cond.Message = string(appsv1beta1.CloneSetProgressUpdated), "CloneSet is progressing"
		if !madeProgress && prev != nil {
			if prev.Reason == string(appsv1beta1.CloneSetProgressDeadlineExceeded) {
				return prev, 0
			}
			if prev.Reason == string(appsv1beta1.CloneSetProgressUpdated) {
				cond.LastUpdateTime = prev.LastUpdateTime
			}
		}
		deadline := cond.LastUpdateTime.Add(time.Duration(*cs.Spec.ProgressDeadlineSeconds) * time.Second)
		if !now.Before(deadline) {
			cond.Status, cond.Reason = v1.ConditionFalse, string(appsv1beta1.CloneSetProgressDeadlineExceeded)
			cond.Message = "CloneSet has timed out progressing"
			cond.LastUpdateTime = metav1.NewTime(now)
		} else {
			return withTransition(prev, cond, now), deadline.Sub(now) + time.Second
		}
	}
	return withTransition(prev, cond, now), 0
}

func withTransition(prev *appsv1beta1.CloneSetCondition, cond appsv1beta1.CloneSetCondition, now time.Time) *appsv1beta1.CloneSetCondition {
	cond.LastTransitionTime = metav1.NewTime(now)
	if prev != nil && prev.Status == cond.Status {
		cond.LastTransitionTime = prev.LastTransitionTime
		if prev.Reason == cond.Reason && prev.Message == cond.Message {
			cond.LastUpdateTime = prev.LastUpdateTime
		}
	}
	return &cond
}

func findCondition(conds []appsv1beta1.CloneSetCondition, t appsv1beta1.CloneSetConditionType) *appsv1beta1.CloneSetCondition {
	for i := range conds {
		if conds[i].Type == t {
			return &conds[i]
		}
	}
	return nil
}

func setCondition(conds []appsv1beta1.CloneSetCondition, c appsv1beta1.CloneSetCondition) []appsv1beta1.CloneSetCondition {
	out := slices.DeleteFunc(slices.Clone(conds), func(x appsv1beta1.CloneSetCondition) bool { return x.Type == c.Type })
	return append(out, c)
}

func removeCondition(conds []appsv1beta1.CloneSetCondition, t appsv1beta1.CloneSetConditionType) []appsv1beta1.CloneSetCondition {
	return slices.DeleteFunc(slices.Clone(conds), func(x appsv1beta1.CloneSetCondition) bool { return x.Type == t })
}

func failureCondition(conds []appsv1beta1.CloneSetCondition, t appsv1beta1.CloneSetConditionType, err error, now time.Time) []appsv1beta1.CloneSetCondition {
	if err == nil {
		return removeCondition(conds, t)
	}
	c := appsv1beta1.CloneSetCondition{Type: t, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(now), LastUpdateTime: metav1.NewTime(now), Message: err.Error()}
	if prev := findCondition(conds, t); prev != nil && prev.Message == c.Message {
		return conds
	}
	return setCondition(conds, c)
}

// updateStatus writes the status when it changed, retrying once on a conflict.
func (c *Controller) updateStatus(ctx context.Context, s *syncState) error {
	st := computeStatus(s.cs, s.pods, s.revisions, s.now)
	st.Conditions = failureCondition(st.Conditions, appsv1beta1.CloneSetConditionFailedScale, s.scaleErr, s.now)
	st.Conditions = failureCondition(st.Conditions, appsv1beta1.CloneSetConditionFailedUpdate, s.updateErr, s.now)
	if cond, wait := progressing(s.cs, &s.cs.Status, &st, s.now); cond != nil {
		st.Conditions = setCondition(st.Conditions, *cond)
		s.statusRequeue = wait
	} else {
		st.Conditions = removeCondition(st.Conditions, appsv1beta1.CloneSetConditionTypeProgressing)
	}
	if apiequality.Semantic.DeepEqual(st, s.cs.Status) {
		return nil
	}
	cs := s.cs.DeepCopy()
	cs.Status = st
	for attempt := 0; ; attempt++ {
		_, err := c.kruise.AppsV1beta1().CloneSets(cs.Namespace).UpdateStatus(ctx, cs, metav1.UpdateOptions{})
		if err == nil || attempt == 1 || !apierrors.IsConflict(err) {
			return err
		}
		latest, getErr := c.kruise.AppsV1beta1().CloneSets(cs.Namespace).Get(ctx, cs.Name, metav1.GetOptions{})
		if getErr != nil {
			return getErr
		}
		if latest.Generation != s.cs.Generation {
			return nil // a newer spec: the next sync recomputes
		}
		latest.Status = st
		cs = latest
	}
}

// truncateHistory keeps revisionHistoryLimit revisions besides those pods or the status use.
func (c *Controller) truncateHistory(ctx context.Context, s *syncState) error {
	inUse := map[string]bool{s.revisions.Update.Name: true, s.revisions.Current.Name: true}
	for _, p := range s.pods {
		inUse[p.Labels[revisionLabel]] = true
	}
	limit := int32(10)
	if s.cs.Spec.RevisionHistoryLimit != nil {
		limit = *s.cs.Spec.RevisionHistoryLimit
	}
	var revs []*apps.ControllerRevision
	revs = append(revs, s.revisions.Revisions...)
	return c.revision.Truncate(ctx, revs, inUse, limit)
}
