package daemonset

import (
	"fmt"
	"strconv"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/klog/v2"
)

// defaultTolerations are the tolerations apps/v1 DaemonSet pods get whatever their template says:
// a daemon keeps running through node problems the node lifecycle controller turns into taints.
var defaultTolerations = []v1.Toleration{
	{Key: v1.TaintNodeNotReady, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute},
	{Key: v1.TaintNodeUnreachable, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute},
	{Key: v1.TaintNodeDiskPressure, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule},
	{Key: v1.TaintNodeMemoryPressure, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule},
	{Key: v1.TaintNodePIDPressure, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule},
	{Key: v1.TaintNodeUnschedulable, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule},
}

// hostNetworkToleration is added only to host-network pods, which need no pod network.
var hostNetworkToleration = v1.Toleration{Key: v1.TaintNodeNetworkUnavailable, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoSchedule}

// addDefaultTolerations adds the daemon tolerations to spec. A template toleration with the same
// key, operator, value and effect is replaced (so a bounded tolerationSeconds cannot make the daemon
// evictable); any other is kept.
func addDefaultTolerations(spec *v1.PodSpec) {
	wanted := defaultTolerations
	if spec.HostNetwork {
		wanted = append(append([]v1.Toleration(nil), defaultTolerations...), hostNetworkToleration)
	}
	for _, w := range wanted {
		found := false
		for i := range spec.Tolerations {
			if spec.Tolerations[i].MatchToleration(&w) {
				spec.Tolerations[i] = w
				found = true
			}
		}
		if !found {
			spec.Tolerations = append(spec.Tolerations, w)
		}
	}
}

// eligibility is what a node's labels, name and taints say about a daemon pod there.
type eligibility struct {
	// ShouldRun: a pod should be created on the node if it has none.
	ShouldRun bool
	// ShouldContinueRunning: a pod already on the node may stay (it tolerates every NoExecute taint
	// even if a NoSchedule taint keeps new pods away).
	ShouldContinueRunning bool
}

// nodeEligibility decides whether a daemon pod with this spec (default tolerations already added)
// belongs on node: spec.nodeName, spec.nodeSelector and required node affinity must match, and
// every NoSchedule/NoExecute taint must be tolerated.
func nodeEligibility(spec *v1.PodSpec, node *v1.Node) eligibility {
	if spec.NodeName != "" && spec.NodeName != node.Name {
		return eligibility{}
	}
	if !matchesNodeSelector(spec.NodeSelector, node) || !matchesRequiredAffinity(spec.Affinity, node) {
		return eligibility{}
	}
	if !hasUntoleratedTaint(node.Spec.Taints, spec.Tolerations, v1.TaintEffectNoSchedule, v1.TaintEffectNoExecute) {
		return eligibility{ShouldRun: true, ShouldContinueRunning: true}
	}
	return eligibility{ShouldContinueRunning: !hasUntoleratedTaint(node.Spec.Taints, spec.Tolerations, v1.TaintEffectNoExecute)}
}

func hasUntoleratedTaint(taints []v1.Taint, tolerations []v1.Toleration, effects ...v1.TaintEffect) bool {
	for i := range taints {
		taint := &taints[i]
		relevant := false
		for _, e := range effects {
			relevant = relevant || taint.Effect == e
		}
		if !relevant {
			continue
		}
		tolerated := false
		for j := range tolerations {
			if tolerations[j].ToleratesTaint(klog.Background(), taint, true) {
				tolerated = true
				break
			}
		}
		if !tolerated {
			return true
		}
	}
	return false
}

func matchesNodeSelector(selector map[string]string, node *v1.Node) bool {
	return len(selector) == 0 || labels.SelectorFromSet(selector).Matches(labels.Set(node.Labels))
}

// matchesRequiredAffinity evaluates requiredDuringSchedulingIgnoredDuringExecution the way the
// scheduler does: terms are ORed, the requirements within a term ANDed, an empty or invalid term
// matches nothing, and matchFields knows only metadata.name.
func matchesRequiredAffinity(affinity *v1.Affinity, node *v1.Node) bool {
	if affinity == nil || affinity.NodeAffinity == nil || affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return true
	}
	for _, term := range affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms {
		if matchesTerm(term, node) {
			return true
		}
	}
	return false
}

func matchesTerm(term v1.NodeSelectorTerm, node *v1.Node) bool {
	if len(term.MatchExpressions) == 0 && len(term.MatchFields) == 0 {
		return false
	}
	for _, req := range term.MatchExpressions {
		r, err := requirement(req)
		if err != nil || !r.Matches(labels.Set(node.Labels)) {
			return false
		}
	}
	for _, req := range term.MatchFields {
		if req.Key != metav1.ObjectNameField {
			return false
		}
		listed := false
		for _, v := range req.Values {
			listed = listed || v == node.Name
		}
		switch req.Operator {
		case v1.NodeSelectorOpIn:
			if !listed {
				return false
			}
		case v1.NodeSelectorOpNotIn:
			if listed {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func requirement(req v1.NodeSelectorRequirement) (*labels.Requirement, error) {
	var op selection.Operator
	switch req.Operator {
	case v1.NodeSelectorOpIn:
		op = selection.In
	case v1.NodeSelectorOpNotIn:
		op = selection.NotIn
	case v1.NodeSelectorOpExists:
		op = selection.Exists
	case v1.NodeSelectorOpDoesNotExist:
		op = selection.DoesNotExist
	case v1.NodeSelectorOpGt, v1.NodeSelectorOpLt:
		if len(req.Values) != 1 {
			return nil, fmt.Errorf("%s needs one value", req.Operator)
		}
		if _, err := strconv.ParseInt(req.Values[0], 10, 64); err != nil {
			return nil, err
		}
		op = selection.GreaterThan
		if req.Operator == v1.NodeSelectorOpLt {
			op = selection.LessThan
		}
	default:
		return nil, fmt.Errorf("unknown operator %q", req.Operator)
	}
	return labels.NewRequirement(req.Key, op, req.Values)
}

// pinToNode makes the scheduler place the pod on nodeName, the way apps/v1 DaemonSet pods are
// placed: the required node affinity becomes a single term matching the node's name (eligibility
// was already checked against the template's own affinity).
func pinToNode(affinity *v1.Affinity, nodeName string) *v1.Affinity {
	required := &v1.NodeSelector{NodeSelectorTerms: []v1.NodeSelectorTerm{{
		MatchFields: []v1.NodeSelectorRequirement{{Key: metav1.ObjectNameField, Operator: v1.NodeSelectorOpIn, Values: []string{nodeName}}},
	}}}
	if affinity == nil {
		affinity = &v1.Affinity{}
	}
	if affinity.NodeAffinity == nil {
		affinity.NodeAffinity = &v1.NodeAffinity{}
	}
	affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = required
	return affinity
}

// targetNode is the node a daemon pod is for: where it is bound, or for a pod the scheduler has not
// bound yet, the node its affinity pins it to ("" when neither says).
func targetNode(pod *v1.Pod) string {
	if pod.Spec.NodeName != "" {
		return pod.Spec.NodeName
	}
	a := pod.Spec.Affinity
	if a == nil || a.NodeAffinity == nil || a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return ""
	}
	for _, term := range a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms {
		for _, f := range term.MatchFields {
			if f.Key == metav1.ObjectNameField && f.Operator == v1.NodeSelectorOpIn && len(f.Values) == 1 {
				return f.Values[0]
			}
		}
	}
	return ""
}
