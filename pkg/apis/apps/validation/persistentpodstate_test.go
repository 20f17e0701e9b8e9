package validation

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// validPersistentPodState keeps the pods of an Advanced StatefulSet in their zone.
func validPersistentPodState() *apps.PersistentPodState {
	return &apps.PersistentPodState{
		ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.PersistentPodStateSpec{
			TargetReference:            apps.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "StatefulSet", Name: "db"},
			RequiredPersistentTopology: &apps.NodeTopologyTerm{Keys: []string{"topology.kubernetes.io/zone"}},
		},
	}
}

func TestValidatePersistentPodState(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.PersistentPodState)
		want   *fieldErr
	}{
		{"a StatefulSet with a required topology is accepted", func(*apps.PersistentPodState) {}, nil},
		{"a missing namespace is rejected", func(p *apps.PersistentPodState) { p.Namespace = "" },
			&fieldErr{field.ErrorTypeRequired, "metadata.namespace"}},
		{"a targetRef without apiVersion is rejected", func(p *apps.PersistentPodState) { p.Spec.TargetReference.APIVersion = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.targetRef.apiVersion"}},
		{"a targetRef without name is rejected", func(p *apps.PersistentPodState) { p.Spec.TargetReference.Name = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.targetRef.name"}},
		{"an unparseable apiVersion is rejected", func(p *apps.PersistentPodState) { p.Spec.TargetReference.APIVersion = "/v1/" },
			&fieldErr{field.ErrorTypeInvalid, "spec.targetRef.apiVersion"}},
		{"another kind is left to the whitelist check at admission", func(p *apps.PersistentPodState) {
			p.Spec.TargetReference = apps.TargetReference{APIVersion: "example.com/v1", Kind: "Database", Name: "db"}
		}, nil},
		{"only a preferred topology is accepted", func(p *apps.PersistentPodState) {
			p.Spec.RequiredPersistentTopology = nil
			p.Spec.PreferredPersistentTopology = []apps.PreferredTopologyTerm{{Weight: 100, Preference: apps.NodeTopologyTerm{Keys: []string{"kubernetes.io/hostname"}}}}
		}, nil},
		{"no topology at all is rejected", func(p *apps.PersistentPodState) { p.Spec.RequiredPersistentTopology = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.requiredPersistentTopology"}},
		{"a negative preferred weight is rejected", func(p *apps.PersistentPodState) {
			p.Spec.PreferredPersistentTopology = []apps.PreferredTopologyTerm{{Weight: -1}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.preferredPersistentTopology[0].weight"}},
		{"retention policy WhenDeleted is accepted", func(p *apps.PersistentPodState) {
			p.Spec.PersistentPodStateRetentionPolicy = apps.PersistentPodStateRetentionPolicyWhenDeleted
		}, nil},
		{"an unknown retention policy is rejected", func(p *apps.PersistentPodState) { p.Spec.PersistentPodStateRetentionPolicy = "Never" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.persistentPodStateRetentionPolicy"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validPersistentPodState()
			tc.mutate(obj)
			checkErrors(t, ValidatePersistentPodState(obj), tc.want)
		})
	}
}

func TestValidatePersistentPodStateUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.PersistentPodState)
		want   *fieldErr
	}{
		{"changing the topology is accepted", func(p *apps.PersistentPodState) {
			p.Spec.RequiredPersistentTopology.Keys = []string{"kubernetes.io/hostname"}
		}, nil},
		{"changing the target's apiVersion is rejected", func(p *apps.PersistentPodState) { p.Spec.TargetReference.APIVersion = "apps/v1" },
			&fieldErr{field.ErrorTypeInvalid, "spec.targetRef"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validPersistentPodState(), validPersistentPodState()
			tc.mutate(obj)
			checkErrors(t, ValidatePersistentPodStateUpdate(obj, old), tc.want)
		})
	}
}

func TestValidatePersistentPodStateStatusUpdate(t *testing.T) {
	old, obj := validPersistentPodState(), validPersistentPodState()
	obj.Status = apps.PersistentPodStateStatus{ObservedGeneration: 2, PodStates: map[string]apps.PodState{"db-0": {NodeName: "node-1"}}}
	checkErrors(t, ValidatePersistentPodStateStatusUpdate(obj, old), nil)
	obj.Status.ObservedGeneration = -1
	checkErrors(t, ValidatePersistentPodStateStatusUpdate(obj, old), &fieldErr{field.ErrorTypeInvalid, "status.observedGeneration"})
}
