package validation

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

const rdSecret = `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"pull-secret"},"type":"Opaque","data":{"k":"dg=="}}`

// validResourceDistribution copies a Secret into two named namespaces.
func validResourceDistribution() *apps.ResourceDistribution {
	return &apps.ResourceDistribution{
		ObjectMeta: metav1.ObjectMeta{Name: "pull-secret", ResourceVersion: "1"},
		Spec: apps.ResourceDistributionSpec{
			Resource: runtime.RawExtension{Raw: []byte(rdSecret)},
			Targets: apps.ResourceDistributionTargets{
				IncludedNamespaces: apps.ResourceDistributionTargetNamespaces{List: []apps.ResourceDistributionNamespace{{Name: "team-a"}, {Name: "team-b"}}},
				ExcludedNamespaces: apps.ResourceDistributionTargetNamespaces{List: []apps.ResourceDistributionNamespace{{Name: "legacy"}}},
			},
		},
	}
}

func TestValidateResourceDistribution(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ResourceDistribution)
		want   *fieldErr
	}{
		{"a Secret for named namespaces is accepted", func(*apps.ResourceDistribution) {}, nil},
		{"a namespace is rejected on this cluster-scoped kind", func(rd *apps.ResourceDistribution) { rd.Namespace = "default" },
			&fieldErr{field.ErrorTypeForbidden, "metadata.namespace"}},
		{"an upper-case name is rejected", func(rd *apps.ResourceDistribution) { rd.Name = "Secret" },
			&fieldErr{field.ErrorTypeInvalid, "metadata.name"}},

		{"a ConfigMap is accepted", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"b"}}`)
		}, nil},
		{"a missing resource is rejected", func(rd *apps.ResourceDistribution) { rd.Spec.Resource = runtime.RawExtension{} },
			&fieldErr{field.ErrorTypeRequired, "spec.resource"}},
		{"a resource without kind is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"v1","metadata":{"name":"x"}}`)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.resource"}},
		{"a resource without apiVersion is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"kind":"Secret","metadata":{"name":"x"}}`)
		}, &fieldErr{field.ErrorTypeRequired, "spec.resource.apiVersion"}},
		{"a Deployment is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}}`)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.resource"}},
		{"a Secret of another group is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"example.com/v1","kind":"Secret","metadata":{"name":"x"}}`)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.resource"}},

		{"an invalid included namespace name is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Targets.IncludedNamespaces.List[1].Name = "Team_B"
		}, &fieldErr{field.ErrorTypeInvalid, "spec.targets.includedNamespaces.list[1].name"}},
		{"an invalid excluded namespace name is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Targets.ExcludedNamespaces.List[0].Name = ""
		}, &fieldErr{field.ErrorTypeInvalid, "spec.targets.excludedNamespaces.list[0].name"}},
		{"a namespace both included and excluded is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Targets.ExcludedNamespaces.List[0].Name = "team-a"
		}, &fieldErr{field.ErrorTypeInvalid, "spec.targets.excludedNamespaces.list[0].name"}},
		{"a namespace label selector is accepted", func(rd *apps.ResourceDistribution) {
			rd.Spec.Targets.NamespaceSelector = metav1.LabelSelector{MatchLabels: map[string]string{"team": "web"}}
		}, nil},
		{"an invalid namespace label selector is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Targets.NamespaceSelector = metav1.LabelSelector{MatchLabels: map[string]string{"team": "a b"}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.targets.namespaceSelector.matchLabels"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validResourceDistribution()
			tc.mutate(obj)
			checkErrors(t, ValidateResourceDistribution(obj), tc.want)
		})
	}
}

func TestValidateResourceDistributionUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ResourceDistribution)
		want   *fieldErr
	}{
		{"changing the Secret's data is accepted", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"pull-secret"},"data":{"k":"dzI="}}`)
		}, nil},
		{"changing the targets is accepted", func(rd *apps.ResourceDistribution) { rd.Spec.Targets.AllNamespaces = true }, nil},
		{"renaming the Secret is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"other"}}`)
		}, &fieldErr{field.ErrorTypeForbidden, "spec.resource"}},
		{"turning the Secret into a ConfigMap is rejected", func(rd *apps.ResourceDistribution) {
			rd.Spec.Resource.Raw = []byte(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pull-secret"}}`)
		}, &fieldErr{field.ErrorTypeForbidden, "spec.resource"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validResourceDistribution(), validResourceDistribution()
			tc.mutate(obj)
			checkErrors(t, ValidateResourceDistributionUpdate(obj, old), tc.want)
		})
	}
}

func TestValidateResourceDistributionUpdateOfAnUnreadableStoredResource(t *testing.T) {
	old, obj := validResourceDistribution(), validResourceDistribution()
	old.Spec.Resource.Raw = []byte(`{"apiVersion":"v1"}`)
	checkErrors(t, ValidateResourceDistributionUpdate(obj, old), nil)
}

func TestValidateResourceDistributionStatusUpdate(t *testing.T) {
	old, obj := validResourceDistribution(), validResourceDistribution()
	obj.Status = apps.ResourceDistributionStatus{Desired: 2, Succeeded: 1, Failed: 1, Conditions: []apps.ResourceDistributionCondition{
		{Type: apps.ResourceDistributionNamespaceNotExists, Status: apps.ResourceDistributionConditionTrue, FailedNamespaces: []string{"team-b"}}}}
	checkErrors(t, ValidateResourceDistributionStatusUpdate(obj, old), nil)
	obj.Name = "renamed"
	checkErrors(t, ValidateResourceDistributionStatusUpdate(obj, old), &fieldErr{field.ErrorTypeInvalid, "metadata.name"})
}
