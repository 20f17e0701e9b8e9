package validation

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// validWorkloadSpread spreads a CloneSet over two zones, the second one uncapped.
func validWorkloadSpread() *apps.WorkloadSpread {
	return &apps.WorkloadSpread{
		ObjectMeta: metav1.ObjectMeta{Name: "spread", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.WorkloadSpreadSpec{
			TargetReference: &apps.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "CloneSet", Name: "web"},
			Subsets: []apps.WorkloadSpreadSubset{
				{
					Name: "zone-a",
					RequiredNodeSelector: &corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{
						{Key: "topology.kubernetes.io/zone", Operator: corev1.NodeSelectorOpIn, Values: []string{"a"}},
					}},
					PreferredNodeSelector: []corev1.PreferredSchedulingTerm{{Weight: 10, Preference: corev1.NodeSelectorTerm{
						MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "disk", Operator: corev1.NodeSelectorOpExists}},
					}}},
					Tolerations: []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "web", Effect: corev1.TaintEffectNoSchedule}},
					MaxReplicas: ptr.To(intstr.FromInt32(3)),
					Patch:       runtime.RawExtension{Raw: []byte(`{"metadata":{"labels":{"zone":"a"}}}`)},
				},
				{Name: "zone-b"},
			},
		},
	}
}

func wsPercent(s string) *intstr.IntOrString { return ptr.To(intstr.FromString(s)) }

func TestValidateWorkloadSpread(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.WorkloadSpread)
		want   *fieldErr
	}{
		{"a CloneSet target with two subsets is accepted", func(*apps.WorkloadSpread) {}, nil},
		{"an upper-case name is rejected", func(ws *apps.WorkloadSpread) { ws.Name = "Spread" },
			&fieldErr{field.ErrorTypeInvalid, "metadata.name"}},

		{"a missing targetRef is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.targetRef"}},
		{"a targetRef without name is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference.Name = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.targetRef.name"}},
		{"a targetRef without kind is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference.Kind = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.targetRef.kind"}},
		{"an unparseable apiVersion is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference.APIVersion = "a/b/c" },
			&fieldErr{field.ErrorTypeInvalid, "spec.targetRef.apiVersion"}},
		{"a CloneSet outside apps.kruise.io is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference.APIVersion = "apps/v1" },
			&fieldErr{field.ErrorTypeInvalid, "spec.targetRef.apiVersion"}},
		{"a Deployment in apps is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"}
		}, nil},
		{"a Deployment in extensions is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "extensions/v1beta1", Kind: "Deployment", Name: "web"}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.targetRef.apiVersion"}},
		{"a Job in batch is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "batch/v1", Kind: "Job", Name: "web"}
		}, nil},
		{"an Advanced StatefulSet with integer caps is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "StatefulSet", Name: "db"}
		}, nil},
		{"a custom kind is left to the whitelist check at admission", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "kubeflow.org/v1", Kind: "TFJob", Name: "train"}
		}, nil},

		{"no subsets are rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.subsets"}},
		{"a subset without name is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[1].Name = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.subsets[1].name"}},
		{"two subsets with one name are rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[1].Name = "zone-a" },
			&fieldErr{field.ErrorTypeDuplicate, "spec.subsets[1].name"}},
		{"an In requirement without values is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].RequiredNodeSelector.MatchExpressions[0].Values = nil
		}, &fieldErr{field.ErrorTypeRequired, "spec.subsets[0].requiredNodeSelector.matchExpressions[0].values"}},
		{"an invalid required label value is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].RequiredNodeSelector.MatchExpressions[0].Values = []string{"a b"}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].requiredNodeSelector.matchExpressions[0].values[0]"}},
		{"a field selector on metadata.name is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].RequiredNodeSelector.MatchFields = []corev1.NodeSelectorRequirement{
				{Key: "metadata.name", Operator: corev1.NodeSelectorOpIn, Values: []string{"node-1"}}}
		}, nil},
		{"a field selector on another field is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].RequiredNodeSelector.MatchFields = []corev1.NodeSelectorRequirement{
				{Key: "spec.unschedulable", Operator: corev1.NodeSelectorOpIn, Values: []string{"true"}}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].requiredNodeSelector.matchFields[0].key"}},
		{"a preferred term of weight 0 is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].PreferredNodeSelector[0].Weight = 0 },
			&fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].preferredNodeSelector[0].weight"}},
		{"an Exists preference with values is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].PreferredNodeSelector[0].Preference.MatchExpressions[0].Values = []string{"ssd"}
		}, &fieldErr{field.ErrorTypeForbidden, "spec.subsets[0].preferredNodeSelector[0].preference.matchExpressions[0].values"}},
		{"a match-all toleration is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].Tolerations = []corev1.Toleration{{Operator: corev1.TolerationOpExists}}
		}, nil},
		{"a toleration without key and with operator Equal is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].Tolerations[0].Key = "" },
			&fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].tolerations[0].operator"}},
		{"tolerationSeconds without NoExecute is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].Tolerations[0].TolerationSeconds = ptr.To[int64](60)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].tolerations[0].effect"}},
		{"an unknown taint effect is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].Tolerations[0].Effect = "NoRun" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.subsets[0].tolerations[0].effect"}},
		{"a patch that is not a JSON object is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].Patch = runtime.RawExtension{Raw: []byte(`["labels"]`)}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].patch"}},

		{"integer and percentage caps mixed are rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[1].MaxReplicas = wsPercent("50%") },
			&fieldErr{field.ErrorTypeInvalid, "spec.subsets[1].maxReplicas"}},
		{"a negative cap is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].MaxReplicas = ptr.To(intstr.FromInt32(-1)) },
			&fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].maxReplicas"}},
		{"a percentage cap for a StatefulSet is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference = &apps.TargetReference{APIVersion: "apps/v1", Kind: "StatefulSet", Name: "db"}
			ws.Spec.Subsets[0].MaxReplicas = wsPercent("50%")
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].maxReplicas"}},
		{"percentages adding up to 100% are accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].MaxReplicas, ws.Spec.Subsets[1].MaxReplicas = wsPercent("40%"), wsPercent("60%")
		}, nil},
		{"a percentage with an uncapped last subset is accepted", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].MaxReplicas = wsPercent("40%") }, nil},
		{"percentages over 100% are rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].MaxReplicas, ws.Spec.Subsets[1].MaxReplicas = wsPercent("60%"), wsPercent("60%")
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[1].maxReplicas"}},
		{"percentages under 100% with a capped last subset are rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[0].MaxReplicas, ws.Spec.Subsets[1].MaxReplicas = wsPercent("40%"), wsPercent("50%")
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].maxReplicas"}},
		{"a percentage string without % is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].MaxReplicas = wsPercent("40") },
			&fieldErr{field.ErrorTypeInvalid, "spec.subsets[0].maxReplicas"}},

		{"schedule strategy Fixed is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.ScheduleStrategy.Type = apps.FixedWorkloadSpreadScheduleStrategyType
		}, nil},
		{"an unknown schedule strategy is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.ScheduleStrategy.Type = "Random" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.scheduleStrategy.type"}},
		{"adaptive settings with type Adaptive are accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.ScheduleStrategy = apps.WorkloadSpreadScheduleStrategy{Type: apps.AdaptiveWorkloadSpreadScheduleStrategyType,
				Adaptive: &apps.AdaptiveWorkloadSpreadStrategy{RescheduleCriticalSeconds: ptr.To[int32](295)}}
		}, nil},
		{"adaptive settings with type Fixed are rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.ScheduleStrategy = apps.WorkloadSpreadScheduleStrategy{Type: apps.FixedWorkloadSpreadScheduleStrategyType,
				Adaptive: &apps.AdaptiveWorkloadSpreadStrategy{}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.scheduleStrategy.type"}},
		{"a capped last subset with the Adaptive strategy is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.Subsets[1].MaxReplicas = ptr.To(intstr.FromInt32(3))
			ws.Spec.ScheduleStrategy = apps.WorkloadSpreadScheduleStrategy{Type: apps.AdaptiveWorkloadSpreadScheduleStrategyType,
				Adaptive: &apps.AdaptiveWorkloadSpreadStrategy{}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.subsets[1].maxReplicas"}},
		{"rescheduleCriticalSeconds above 295/(subsets-1) is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.ScheduleStrategy = apps.WorkloadSpreadScheduleStrategy{Type: apps.AdaptiveWorkloadSpreadScheduleStrategyType,
				Adaptive: &apps.AdaptiveWorkloadSpreadStrategy{RescheduleCriticalSeconds: ptr.To[int32](296)}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds"}},
		{"a negative rescheduleCriticalSeconds is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.ScheduleStrategy = apps.WorkloadSpreadScheduleStrategy{Type: apps.AdaptiveWorkloadSpreadScheduleStrategyType,
				Adaptive: &apps.AdaptiveWorkloadSpreadStrategy{RescheduleCriticalSeconds: ptr.To[int32](-1)}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds"}},

		{"an empty target filter selector is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetFilter = &apps.TargetFilter{Selector: &metav1.LabelSelector{}, ReplicasPathList: []string{"spec.replicas"}}
		}, nil},
		{"an invalid target filter selector is rejected", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetFilter = &apps.TargetFilter{Selector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: "role", Operator: metav1.LabelSelectorOpIn}}}}
		}, &fieldErr{field.ErrorTypeRequired, "spec.targetFilter.selector.matchExpressions[0].values"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validWorkloadSpread()
			tc.mutate(obj)
			checkErrors(t, ValidateWorkloadSpread(obj), tc.want)
		})
	}
}

func TestValidateWorkloadSpreadUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.WorkloadSpread)
		want   *fieldErr
	}{
		{"changing subsets is accepted", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets[0].MaxReplicas = ptr.To(intstr.FromInt32(5)) }, nil},
		{"changing only the target's version is accepted", func(ws *apps.WorkloadSpread) {
			ws.Spec.TargetReference.APIVersion = "apps.kruise.io/v1alpha1"
		}, nil},
		{"changing the target's name is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.TargetReference.Name = "other" },
			&fieldErr{field.ErrorTypeForbidden, "spec.targetRef"}},
		{"an invalid new object is rejected", func(ws *apps.WorkloadSpread) { ws.Spec.Subsets = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.subsets"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validWorkloadSpread(), validWorkloadSpread()
			tc.mutate(obj)
			checkErrors(t, ValidateWorkloadSpreadUpdate(obj, old), tc.want)
		})
	}
}

func TestValidateWorkloadSpreadStatusUpdate(t *testing.T) {
	schedulable := metav1.Condition{Type: apps.SubsetSchedulable, Status: metav1.ConditionFalse, Reason: "Unknown",
		LastTransitionTime: metav1.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC))}
	cases := []struct {
		name   string
		mutate func(*apps.WorkloadSpread)
		want   *fieldErr
	}{
		{"well-formed subset conditions are accepted", func(ws *apps.WorkloadSpread) {
			ws.Status.SubsetStatuses = []apps.WorkloadSpreadSubsetStatus{{Name: "zone-a", MissingReplicas: -1, Conditions: []metav1.Condition{schedulable}}}
		}, nil},
		{"a subset condition without lastTransitionTime is rejected", func(ws *apps.WorkloadSpread) {
			c := schedulable
			c.LastTransitionTime = metav1.Time{}
			ws.Status.SubsetStatuses = []apps.WorkloadSpreadSubsetStatus{{Name: "zone-a", Conditions: []metav1.Condition{c}}}
		}, &fieldErr{field.ErrorTypeRequired, "status.subsetStatuses[0].conditions[0].lastTransitionTime"}},
		{"a versioned subset condition with a bad status is rejected", func(ws *apps.WorkloadSpread) {
			c := schedulable
			c.Status = "Maybe"
			ws.Status.VersionedSubsetStatuses = map[string][]apps.WorkloadSpreadSubsetStatus{"rev-1": {{Name: "zone-a", Conditions: []metav1.Condition{c}}}}
		}, &fieldErr{field.ErrorTypeNotSupported, "status.versionedSubsetStatuses[rev-1][0].conditions[0].status"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validWorkloadSpread(), validWorkloadSpread()
			tc.mutate(obj)
			checkErrors(t, ValidateWorkloadSpreadStatusUpdate(obj, old), tc.want)
		})
	}
}
