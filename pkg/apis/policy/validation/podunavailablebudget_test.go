package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
)

// validPub returns a budget that passes validation; tests change one thing in it.
func validPub() *policy.PodUnavailableBudget {
	maxUnavailable := intstr.FromString("25%")
	return &policy.PodUnavailableBudget{
		ObjectMeta: metav1.ObjectMeta{Name: "pub", Namespace: "default", ResourceVersion: "1"},
		Spec: policy.PodUnavailableBudgetSpec{
			Selector:       &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			MaxUnavailable: &maxUnavailable,
		},
	}
}

func errorFields(errs field.ErrorList) []string {
	fields := []string{}
	for _, e := range errs {
		fields = append(fields, e.Field)
	}
	return fields
}

func intOrStr(v intstr.IntOrString) *intstr.IntOrString { return &v }

func int32Ptr(v int32) *int32 { return &v }

func TestValidatePodUnavailableBudget(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*policy.PodUnavailableBudget)
		want   []string // field paths of the expected errors; empty means accepted
	}{
		{"a selector with maxUnavailable is accepted", func(*policy.PodUnavailableBudget) {}, nil},
		{"a complete targetRef with minAvailable is accepted", func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector = nil
			p.Spec.TargetReference = &policy.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "CloneSet", Name: "web"}
			p.Spec.MaxUnavailable, p.Spec.MinAvailable = nil, intOrStr(intstr.FromInt32(2))
		}, nil},
		{"a missing name is rejected", func(p *policy.PodUnavailableBudget) { p.Name = "" }, []string{"metadata.name"}},

		{"valid protect-operations annotation is accepted", func(p *policy.PodUnavailableBudget) {
			p.Annotations = map[string]string{policy.PubProtectOperationAnnotation: "DELETE, EVICT"}
		}, nil},
		{"an unknown operation in the protect-operations annotation is rejected", func(p *policy.PodUnavailableBudget) {
			p.Annotations = map[string]string{policy.PubProtectOperationAnnotation: "DELETE,REBOOT"}
		}, []string{"metadata.annotations[kruise.io/pub-protect-operations]"}},
		{"a protect-total-replicas annotation equal to the field is accepted", func(p *policy.PodUnavailableBudget) {
			p.Annotations = map[string]string{policy.PubProtectTotalReplicasAnnotation: "4"}
			p.Spec.ProtectTotalReplicas = int32Ptr(4)
		}, nil},
		{"a protect-total-replicas annotation that is not an int32 is rejected", func(p *policy.PodUnavailableBudget) {
			p.Annotations = map[string]string{policy.PubProtectTotalReplicasAnnotation: "4000000000"}
		}, []string{"metadata.annotations[pub.kruise.io/protect-total-replicas]"}},
		{"a protect-total-replicas annotation that differs from the field is rejected", func(p *policy.PodUnavailableBudget) {
			p.Annotations = map[string]string{policy.PubProtectTotalReplicasAnnotation: "5"}
			p.Spec.ProtectTotalReplicas = int32Ptr(4)
		}, []string{"metadata.annotations[pub.kruise.io/protect-total-replicas]"}},

		{"neither selector nor targetRef is rejected", func(p *policy.PodUnavailableBudget) { p.Spec.Selector = nil }, []string{"spec.selector"}},
		{"both selector and targetRef are rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.TargetReference = &policy.TargetReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"}
		}, []string{"spec.targetRef"}},
		{"a targetRef without apiVersion, kind and name is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector, p.Spec.TargetReference = nil, &policy.TargetReference{}
		}, []string{"spec.targetRef.apiVersion", "spec.targetRef.kind", "spec.targetRef.name"}},
		{"a targetRef with an unparseable apiVersion is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector = nil
			p.Spec.TargetReference = &policy.TargetReference{APIVersion: "a/b/c", Kind: "Deployment", Name: "web"}
		}, []string{"spec.targetRef.apiVersion"}},
		{"an empty selector is rejected", func(p *policy.PodUnavailableBudget) { p.Spec.Selector = &metav1.LabelSelector{} }, []string{"spec.selector"}},
		{"a selector with a bad operator is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "app", Operator: "Near"}}}
		}, []string{"spec.selector.matchExpressions[0].operator"}},

		{"neither maxUnavailable nor minAvailable is rejected", func(p *policy.PodUnavailableBudget) { p.Spec.MaxUnavailable = nil }, []string{"spec.maxUnavailable"}},
		{"both maxUnavailable and minAvailable are rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.MinAvailable = intOrStr(intstr.FromInt32(1))
		}, []string{"spec.minAvailable"}},
		{"maxUnavailable of 0 is accepted", func(p *policy.PodUnavailableBudget) { p.Spec.MaxUnavailable = intOrStr(intstr.FromInt32(0)) }, nil},
		{"a negative maxUnavailable is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable = intOrStr(intstr.FromInt32(-1))
		}, []string{"spec.maxUnavailable"}},
		{"maxUnavailable above 100% is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable = intOrStr(intstr.FromString("101%"))
		}, []string{"spec.maxUnavailable"}},
		{"minAvailable of 100% is accepted", func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable, p.Spec.MinAvailable = nil, intOrStr(intstr.FromString("100%"))
		}, nil},
		{"minAvailable that is neither a number nor a percentage is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable, p.Spec.MinAvailable = nil, intOrStr(intstr.FromString("half"))
		}, []string{"spec.minAvailable"}},
		{"a negative percentage is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable = intOrStr(intstr.FromString("-5%"))
		}, []string{"spec.maxUnavailable"}},

		{"known protectOperations are accepted", func(p *policy.PodUnavailableBudget) {
			p.Spec.ProtectOperations = []policy.PubOperation{"DELETE", "UPDATE", "EVICT", "RESIZE"}
		}, nil},
		{"an unknown protectOperation is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.ProtectOperations = []policy.PubOperation{"DELETE", "delete"}
		}, []string{"spec.protectOperations[1]"}},
		{"protectTotalReplicas of 1 is accepted", func(p *policy.PodUnavailableBudget) { p.Spec.ProtectTotalReplicas = int32Ptr(1) }, nil},
		{"protectTotalReplicas of 0 is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.ProtectTotalReplicas = int32Ptr(0)
		}, []string{"spec.protectTotalReplicas"}},
		{"a non-empty ignoredPodSelector is accepted", func(p *policy.PodUnavailableBudget) {
			p.Spec.IgnoredPodSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"canary": "true"}}
		}, nil},
		{"an empty ignoredPodSelector is rejected", func(p *policy.PodUnavailableBudget) {
			p.Spec.IgnoredPodSelector = &metav1.LabelSelector{}
		}, []string{"spec.ignoredPodSelector"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validPub()
			tc.mutate(obj)
			errs := ValidatePodUnavailableBudget(obj)
			assert.ElementsMatch(t, tc.want, errorFields(errs), "errors: %v", errs)
		})
	}
}

func TestValidatePodUnavailableBudgetUpdate(t *testing.T) {
	cases := []struct {
		name      string
		mutateOld func(*policy.PodUnavailableBudget)
		mutateNew func(*policy.PodUnavailableBudget)
		want      []string
	}{
		{"changing maxUnavailable is accepted", nil, func(p *policy.PodUnavailableBudget) {
			p.Spec.MaxUnavailable = intOrStr(intstr.FromInt32(3))
		}, nil},
		{"changing the selector is rejected", nil, func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector.MatchLabels = map[string]string{"app": "db"}
		}, []string{"spec.selector"}},
		{"replacing the selector by a targetRef is rejected", nil, func(p *policy.PodUnavailableBudget) {
			p.Spec.Selector = nil
			p.Spec.TargetReference = &policy.TargetReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"}
		}, []string{"spec.selector", "spec.targetRef"}},
		{"an update still runs the create rules", nil, func(p *policy.PodUnavailableBudget) {
			p.Spec.ProtectTotalReplicas = int32Ptr(-1)
		}, []string{"spec.protectTotalReplicas"}},
		{"a stored invalid protect-operations annotation that is left alone is accepted",
			func(p *policy.PodUnavailableBudget) {
				p.Annotations = map[string]string{policy.PubProtectOperationAnnotation: "NOPE"}
			},
			func(p *policy.PodUnavailableBudget) { p.Spec.MaxUnavailable = intOrStr(intstr.FromInt32(3)) }, nil},
		{"changing the protect-operations annotation to an invalid value is rejected",
			func(p *policy.PodUnavailableBudget) {
				p.Annotations = map[string]string{policy.PubProtectOperationAnnotation: "NOPE"}
			},
			func(p *policy.PodUnavailableBudget) { p.Annotations[policy.PubProtectOperationAnnotation] = "NOPE2" },
			[]string{"metadata.annotations[kruise.io/pub-protect-operations]"}},
		{"an update without resourceVersion is rejected", nil, func(p *policy.PodUnavailableBudget) {
			p.ResourceVersion = ""
		}, []string{"metadata.resourceVersion"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := validPub()
			if tc.mutateOld != nil {
				tc.mutateOld(old)
			}
			obj := old.DeepCopy()
			tc.mutateNew(obj)
			errs := ValidatePodUnavailableBudgetUpdate(obj, old)
			assert.ElementsMatch(t, tc.want, errorFields(errs), "errors: %v", errs)
		})
	}
}

func TestValidatePodUnavailableBudgetStatusUpdate(t *testing.T) {
	old := validPub()
	obj := old.DeepCopy()
	obj.Status = policy.PodUnavailableBudgetStatus{ObservedGeneration: 2, UnavailableAllowed: 1, CurrentAvailable: 3, DesiredAvailable: 2, TotalReplicas: 4}
	assert.Empty(t, ValidatePodUnavailableBudgetStatusUpdate(obj, old), "non-negative counters are accepted")

	obj.Status.UnavailableAllowed = -1
	obj.Status.ObservedGeneration = -1
	assert.ElementsMatch(t, []string{"status.unavailableAllowed", "status.observedGeneration"},
		errorFields(ValidatePodUnavailableBudgetStatusUpdate(obj, old)), "negative counters are rejected")
}

func TestValidatePodUnavailableBudgetDoesNotPanicOnAnEmptyObject(t *testing.T) {
	empty := &policy.PodUnavailableBudget{}
	assert.NotEmpty(t, ValidatePodUnavailableBudget(empty))
	assert.NotEmpty(t, ValidatePodUnavailableBudgetUpdate(empty, &policy.PodUnavailableBudget{}))
	assert.NotPanics(t, func() { ValidatePodUnavailableBudgetStatusUpdate(empty, &policy.PodUnavailableBudget{}) })
}
