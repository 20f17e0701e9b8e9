package clusterrules

import (
	"fmt"
	"sort"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
)

// The uniqueness rules read other objects of the namespace from informers, so two requests racing
// each other can still both pass, as with OpenKruise's webhooks. They run on create and on updates
// that change the compared fields (which the resources' own validation makes immutable), so an
// object that already conflicts can still be updated, e.g. to remove a finalizer.

// workloadRef is a targetRef reduced to what identifies the workload.
type workloadRef struct {
	group, kind, name string
}

// refOf parses a targetRef; ok is false when its apiVersion does not parse.
func refOf(apiVersion, kind, name string) (workloadRef, bool) {
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return workloadRef{}, false
	}
	return workloadRef{group: gv.Group, kind: kind, name: name}, true
}

func sameWorkload(apiVersion1, kind1, name1, apiVersion2, kind2, name2 string) bool {
	r1, ok1 := refOf(apiVersion1, kind1, name1)
	r2, ok2 := refOf(apiVersion2, kind2, name2)
	return ok1 && ok2 && r1 == r2
}

func describeRef(apiVersion, kind, name string) string {
	return fmt.Sprintf("%s, Kind=%s, name=%s", apiVersion, kind, name)
}

// validatePodUnavailableBudget: no other PodUnavailableBudget of the namespace targets the same
// workload (same group, kind and name) or has a selector that loosely overlaps this one's.
func (p *Plugin) validatePodUnavailableBudget(a admission.Attributes) error {
	pub, ok := a.GetObject().(*policy.PodUnavailableBudget)
	if !ok {
		return nil
	}
	ref, sel := pub.Spec.TargetReference, pub.Spec.Selector
	if old, ok := a.GetOldObject().(*policy.PodUnavailableBudget); ok && a.GetOperation() == admission.Update &&
		apiequality.Semantic.DeepEqual(old.Spec.TargetReference, ref) && apiequality.Semantic.DeepEqual(old.Spec.Selector, sel) {
		return nil
	}
	if ref == nil && sel == nil {
		return nil
	}
	if err := p.waitReady(a); err != nil {
		return err
	}
	others, err := p.pubLister.PodUnavailableBudgets(pub.Namespace).List(labels.Everything())
	if err != nil {
		return lookupFailed("PodUnavailableBudgets", err)
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Name < others[j].Name })
	specPath := field.NewPath("spec")
	for _, other := range others {
		if other.Name == pub.Name {
			continue
		}
		oref, osel := other.Spec.TargetReference, other.Spec.Selector
		switch {
		case ref != nil && oref != nil:
			if sameWorkload(ref.APIVersion, ref.Kind, ref.Name, oref.APIVersion, oref.Kind, oref.Name) {
				return invalid(a, field.ErrorList{field.Invalid(specPath.Child("targetRef"), describeRef(ref.APIVersion, ref.Kind, ref.Name),
					fmt.Sprintf("PodUnavailableBudget %s already targets this workload", other.Name))})
			}
		case sel != nil && osel != nil:
			if selectorsLooselyOverlap(sel, osel) {
				return invalid(a, field.ErrorList{field.Invalid(specPath.Child("selector"), metav1.FormatLabelSelector(sel),
					fmt.Sprintf("overlaps with the selector of PodUnavailableBudget %s", other.Name))})
			}
		}
	}
	return nil
}

// validateWorkloadSpread: no other WorkloadSpread of the namespace targets the same workload.
func (p *Plugin) validateWorkloadSpread(a admission.Attributes) error {
	ws, ok := a.GetObject().(*apps.WorkloadSpread)
	if !ok || ws.Spec.TargetReference == nil {
		return nil
	}
	ref := ws.Spec.TargetReference
	if old, ok := a.GetOldObject().(*apps.WorkloadSpread); ok && a.GetOperation() == admission.Update &&
		apiequality.Semantic.DeepEqual(old.Spec.TargetReference, ref) {
		return nil
	}
	if err := p.waitReady(a); err != nil {
		return err
	}
	others, err := p.workloadSpreadLister.WorkloadSpreads(ws.Namespace).List(labels.Everything())
	if err != nil {
		return lookupFailed("WorkloadSpreads", err)
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Name < others[j].Name })
	for _, other := range others {
		oref := other.Spec.TargetReference
		if other.Name == ws.Name || oref == nil {
			continue
		}
		if sameWorkload(ref.APIVersion, ref.Kind, ref.Name, oref.APIVersion, oref.Kind, oref.Name) {
			return invalid(a, field.ErrorList{field.Invalid(field.NewPath("spec", "targetRef"), describeRef(ref.APIVersion, ref.Kind, ref.Name),
				fmt.Sprintf("WorkloadSpread %s already targets this workload", other.Name))})
		}
	}
	return nil
}

// validatePersistentPodState: no other PersistentPodState of the namespace targets the same
// workload.
func (p *Plugin) validatePersistentPodState(a admission.Attributes) error {
	pps, ok := a.GetObject().(*apps.PersistentPodState)
	if !ok {
		return nil
	}
	ref := pps.Spec.TargetReference
	if old, ok := a.GetOldObject().(*apps.PersistentPodState); ok && a.GetOperation() == admission.Update &&
		old.Spec.TargetReference == ref {
		return nil
	}
	if err := p.waitReady(a); err != nil {
		return err
	}
	others, err := p.persistentPodStateLister.PersistentPodStates(pps.Namespace).List(labels.Everything())
	if err != nil {
		return lookupFailed("PersistentPodStates", err)
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Name < others[j].Name })
	for _, other := range others {
		oref := other.Spec.TargetReference
		if other.Name == pps.Name {
			continue
		}
		if sameWorkload(ref.APIVersion, ref.Kind, ref.Name, oref.APIVersion, oref.Kind, oref.Name) {
			return invalid(a, field.ErrorList{field.Invalid(field.NewPath("spec", "targetRef"), describeRef(ref.APIVersion, ref.Kind, ref.Name),
				fmt.Sprintf("PersistentPodState %s already targets this workload", other.Name))})
		}
	}
	return nil
}

// selectorsLooselyOverlap is OpenKruise's conservative overlap test for PodUnavailableBudget
// selectors: the selectors must constrain exactly the same label keys, and for every key some
// label value (or the label's absence) must satisfy both constraints. A matchLabels entry is
// taken as "In (value)" and replaces a matchExpressions entry for the same key. Selectors over
// different key sets are never reported, even when some pod could match both.
func selectorsLooselyOverlap(s1, s2 *metav1.LabelSelector) bool {
	r1, r2 := requirementsByKey(s1), requirementsByKey(s2)
	if len(r1) != len(r2) {
		return false
	}
	for key, a := range r1 {
		b, ok := r2[key]
		if !ok || !requirementsCompatible(a, b) {
			return false
		}
	}
	return true
}

func requirementsByKey(s *metav1.LabelSelector) map[string]metav1.LabelSelectorRequirement {
	out := make(map[string]metav1.LabelSelectorRequirement, len(s.MatchLabels)+len(s.MatchExpressions))
	for _, r := range s.MatchExpressions {
		out[r.Key] = r
	}
	for k, v := range s.MatchLabels {
		out[k] = metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpIn, Values: []string{v}}
	}
	return out
}

// requirementsCompatible reports whether one label (present with some value, or absent) can
// satisfy both requirements on the same key.
func requirementsCompatible(a, b metav1.LabelSelectorRequirement) bool {
	// Order the pair so that the switch below only needs one half of the symmetric table.
	rank := map[metav1.LabelSelectorOperator]int{
		metav1.LabelSelectorOpIn: 0, metav1.LabelSelectorOpNotIn: 1,
		metav1.LabelSelectorOpExists: 2, metav1.LabelSelectorOpDoesNotExist: 3,
	}
	ra, okA := rank[a.Operator]
	rb, okB := rank[b.Operator]
	if !okA || !okB {
		return false
	}
	if ra > rb {
		a, b = b, a
	}
	switch a.Operator {
	case metav1.LabelSelectorOpIn:
		switch b.Operator {
		case metav1.LabelSelectorOpIn:
			return intersects(a.Values, b.Values)
		case metav1.LabelSelectorOpNotIn:
			return !covers(b.Values, a.Values)
		case metav1.LabelSelectorOpExists:
			return true
		}
		return false // DoesNotExist
	case metav1.LabelSelectorOpNotIn:
		return true // NotIn, Exists, DoesNotExist: a value outside the list, or no label, fits
	case metav1.LabelSelectorOpExists:
		return b.Operator == metav1.LabelSelectorOpExists
	}
	return true // both DoesNotExist
}

func intersects(a, b []string) bool {
	in := make(map[string]bool, len(a))
	for _, v := range a {
		in[v] = true
	}
	for _, v := range b {
		if in[v] {
			return true
		}
	}
	return false
}

// covers reports whether every value of sub is in set.
func covers(set, sub []string) bool {
	in := make(map[string]bool, len(set))
	for _, v := range set {
		in[v] = true
	}
	for _, v := range sub {
		if !in[v] {
			return false
		}
	}
	return true
}
