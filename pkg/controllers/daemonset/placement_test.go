package daemonset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

func node(name string, labels map[string]string, taints ...v1.Taint) *v1.Node {
	return &v1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}, Spec: v1.NodeSpec{Taints: taints}}
}

func required(terms ...v1.NodeSelectorTerm) *v1.Affinity {
	return &v1.Affinity{NodeAffinity: &v1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &v1.NodeSelector{NodeSelectorTerms: terms}}}
}

func expr(key string, op v1.NodeSelectorOperator, values ...string) v1.NodeSelectorTerm {
	return v1.NodeSelectorTerm{MatchExpressions: []v1.NodeSelectorRequirement{{Key: key, Operator: op, Values: values}}}
}

func TestNodeEligibilityFollowsSelectorAffinityAndTaints(t *testing.T) {
	zoneA := map[string]string{"zone": "a", "cores": "16"}
	runs := eligibility{ShouldRun: true, ShouldContinueRunning: true}
	staysOnly := eligibility{ShouldContinueRunning: true}
	never := eligibility{}
	cases := []struct {
		name string
		spec v1.PodSpec
		node *v1.Node
		want eligibility
	}{
		{"no constraints", v1.PodSpec{}, node("n", zoneA), runs},
		{"nodeSelector matches", v1.PodSpec{NodeSelector: map[string]string{"zone": "a"}}, node("n", zoneA), runs},
		{"nodeSelector misses", v1.PodSpec{NodeSelector: map[string]string{"zone": "b"}}, node("n", zoneA), never},
		{"nodeName elsewhere", v1.PodSpec{NodeName: "other"}, node("n", zoneA), never},
		{"affinity In", v1.PodSpec{Affinity: required(expr("zone", v1.NodeSelectorOpIn, "a", "b"))}, node("n", zoneA), runs},
		{"affinity NotIn", v1.PodSpec{Affinity: required(expr("zone", v1.NodeSelectorOpNotIn, "a"))}, node("n", zoneA), never},
		{"affinity DoesNotExist", v1.PodSpec{Affinity: required(expr("gpu", v1.NodeSelectorOpDoesNotExist))}, node("n", zoneA), runs},
		{"affinity Gt", v1.PodSpec{Affinity: required(expr("cores", v1.NodeSelectorOpGt, "8"))}, node("n", zoneA), runs},
		{"affinity Lt", v1.PodSpec{Affinity: required(expr("cores", v1.NodeSelectorOpLt, "8"))}, node("n", zoneA), never},
		{"terms are ORed", v1.PodSpec{Affinity: required(expr("zone", v1.NodeSelectorOpIn, "b"), expr("zone", v1.NodeSelectorOpExists))}, node("n", zoneA), runs},
		{"an empty term matches nothing", v1.PodSpec{Affinity: required(v1.NodeSelectorTerm{})}, node("n", zoneA), never},
		{"matchFields on the name", v1.PodSpec{Affinity: required(v1.NodeSelectorTerm{MatchFields: []v1.NodeSelectorRequirement{{Key: "metadata.name", Operator: v1.NodeSelectorOpIn, Values: []string{"n"}}}})}, node("n", zoneA), runs},
		{"matchFields on another name", v1.PodSpec{Affinity: required(v1.NodeSelectorTerm{MatchFields: []v1.NodeSelectorRequirement{{Key: "metadata.name", Operator: v1.NodeSelectorOpIn, Values: []string{"m"}}}})}, node("n", zoneA), never},
		{"preferred affinity is ignored", v1.PodSpec{Affinity: &v1.Affinity{NodeAffinity: &v1.NodeAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []v1.PreferredSchedulingTerm{{Weight: 1, Preference: expr("zone", v1.NodeSelectorOpIn, "b")}}}}}, node("n", zoneA), runs},
		{"untolerated NoSchedule keeps running pods", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: "dedicated", Value: "x", Effect: v1.TaintEffectNoSchedule}), staysOnly},
		{"untolerated NoExecute evicts", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: "dedicated", Value: "x", Effect: v1.TaintEffectNoExecute}), never},
		{"PreferNoSchedule is ignored", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: "dedicated", Effect: v1.TaintEffectPreferNoSchedule}), runs},
		{"tolerated by Equal", v1.PodSpec{Tolerations: []v1.Toleration{{Key: "dedicated", Value: "x", Effect: v1.TaintEffectNoSchedule}}}, node("n", zoneA, v1.Taint{Key: "dedicated", Value: "x", Effect: v1.TaintEffectNoSchedule}), runs},
		{"Equal with another value", v1.PodSpec{Tolerations: []v1.Toleration{{Key: "dedicated", Value: "y", Effect: v1.TaintEffectNoSchedule}}}, node("n", zoneA, v1.Taint{Key: "dedicated", Value: "x", Effect: v1.TaintEffectNoSchedule}), staysOnly},
		{"tolerated by Exists (kwok)", v1.PodSpec{Tolerations: []v1.Toleration{{Key: "kwok.x-k8s.io/node", Operator: v1.TolerationOpExists}}}, node("n", zoneA, v1.Taint{Key: "kwok.x-k8s.io/node", Value: "fake", Effect: v1.TaintEffectNoSchedule}), runs},
		{"default: not-ready NoExecute", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeNotReady, Effect: v1.TaintEffectNoExecute}), runs},
		{"default: unreachable NoExecute", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeUnreachable, Effect: v1.TaintEffectNoExecute}), runs},
		{"default: unschedulable", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeUnschedulable, Effect: v1.TaintEffectNoSchedule}), runs},
		{"default: disk pressure", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeDiskPressure, Effect: v1.TaintEffectNoSchedule}), runs},
		{"default: memory pressure", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeMemoryPressure, Effect: v1.TaintEffectNoSchedule}), runs},
		{"default: pid pressure", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodePIDPressure, Effect: v1.TaintEffectNoSchedule}), runs},
		{"network-unavailable needs host network", v1.PodSpec{}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeNetworkUnavailable, Effect: v1.TaintEffectNoSchedule}), staysOnly},
		{"network-unavailable with host network", v1.PodSpec{HostNetwork: true}, node("n", zoneA, v1.Taint{Key: v1.TaintNodeNetworkUnavailable, Effect: v1.TaintEffectNoSchedule}), runs},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec := c.spec.DeepCopy()
			addDefaultTolerations(spec)
			assert.Equal(t, c.want, nodeEligibility(spec, c.node))
		})
	}
}

func TestDefaultTolerationsReplaceBoundedOnesAndKeepOthers(t *testing.T) {
	spec := &v1.PodSpec{Tolerations: []v1.Toleration{
		{Key: v1.TaintNodeNotReady, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute, TolerationSeconds: ptr.To[int64](30)},
		{Key: "app", Operator: v1.TolerationOpExists},
	}}
	addDefaultTolerations(spec)
	assert.Len(t, spec.Tolerations, 7, "six defaults, one of them replacing the bounded one, plus the user's own")
	assert.Nil(t, spec.Tolerations[0].TolerationSeconds)
	assert.Equal(t, "app", spec.Tolerations[1].Key)
	addDefaultTolerations(spec)
	assert.Len(t, spec.Tolerations, 7, "adding twice changes nothing")
}

func TestPinToNodeReplacesRequiredAffinityAndTargetNodeReadsIt(t *testing.T) {
	a := required(expr("zone", v1.NodeSelectorOpIn, "a"))
	a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution = []v1.PreferredSchedulingTerm{{Weight: 1, Preference: expr("x", v1.NodeSelectorOpExists)}}
	pinned := pinToNode(a, "kwok-node-1")
	terms := pinned.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms
	assert.Equal(t, []v1.NodeSelectorTerm{{MatchFields: []v1.NodeSelectorRequirement{{Key: "metadata.name", Operator: v1.NodeSelectorOpIn, Values: []string{"kwok-node-1"}}}}}, terms)
	assert.Len(t, pinned.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution, 1)

	pod := &v1.Pod{Spec: v1.PodSpec{Affinity: pinToNode(nil, "kwok-node-2")}}
	assert.Equal(t, "kwok-node-2", targetNode(pod))
	pod.Spec.NodeName = "kwok-node-3"
	assert.Equal(t, "kwok-node-3", targetNode(pod), "the binding wins")
	assert.Equal(t, "", targetNode(&v1.Pod{}))
}
