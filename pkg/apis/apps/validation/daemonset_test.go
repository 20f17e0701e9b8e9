package validation

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// validDaemonSet is a defaulted Advanced DaemonSet that passes validation. Like OpenKruise, the
// DaemonSet defaults leave the template as written, so restartPolicy is empty.
func validDaemonSet() *apps.DaemonSet {
	return &apps.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "agent", Namespace: "kube-system", ResourceVersion: "1"},
		Spec: apps.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "agent"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "agent"}},
				Spec: corev1.PodSpec{
					Containers: []corev1.Container{{Name: "agent", Image: "agent:1.0"}},
				},
			},
			UpdateStrategy: apps.DaemonSetUpdateStrategy{
				Type: apps.RollingUpdateDaemonSetStrategyType,
				RollingUpdate: &apps.RollingUpdateDaemonSet{
					Type:           apps.StandardRollingUpdateType,
					MaxUnavailable: ptr.To(intstr.FromInt32(1)),
					MaxSurge:       ptr.To(intstr.FromInt32(0)),
				},
			},
			BurstReplicas:        ptr.To(intstr.FromInt32(250)),
			RevisionHistoryLimit: ptr.To[int32](10),
		},
	}
}

func dsRollingUpdate(ds *apps.DaemonSet) *apps.RollingUpdateDaemonSet {
	return ds.Spec.UpdateStrategy.RollingUpdate
}

func TestValidateDaemonSet(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.DaemonSet)
		want   *fieldErr
	}{
		{"a defaulted daemon set is accepted", func(*apps.DaemonSet) {}, nil},
		{"a DNS subdomain name is accepted", func(ds *apps.DaemonSet) { ds.Name = "agent.v1" }, nil},
		{"an upper-case name is rejected", func(ds *apps.DaemonSet) { ds.Name = "Agent" }, &fieldErr{field.ErrorTypeInvalid, "metadata.name"}},

		{"a missing selector is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Selector = nil }, &fieldErr{field.ErrorTypeRequired, "spec.selector"}},
		{"an empty selector is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Selector = &metav1.LabelSelector{} }, &fieldErr{field.ErrorTypeInvalid, "spec.selector"}},
		{"a selector not matching the template labels is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Template.Labels = map[string]string{"app": "other"} },
			&fieldErr{field.ErrorTypeInvalid, "spec.template.metadata.labels"}},

		{"a container without image is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Template.Spec.Containers[0].Image = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.template.spec.containers[0].image"}},
		{"restartPolicy Always is accepted",
			func(ds *apps.DaemonSet) { ds.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyAlways }, nil},
		{"restartPolicy OnFailure is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyOnFailure },
			&fieldErr{field.ErrorTypeNotSupported, "spec.template.spec.restartPolicy"}},
		{"activeDeadlineSeconds is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.Template.Spec.ActiveDeadlineSeconds = ptr.To[int64](5) },
			&fieldErr{field.ErrorTypeForbidden, "spec.template.spec.activeDeadlineSeconds"}},

		{"negative minReadySeconds are rejected",
			func(ds *apps.DaemonSet) { ds.Spec.MinReadySeconds = -1 }, &fieldErr{field.ErrorTypeInvalid, "spec.minReadySeconds"}},
		{"a negative revisionHistoryLimit is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.RevisionHistoryLimit = ptr.To[int32](-1) },
			&fieldErr{field.ErrorTypeInvalid, "spec.revisionHistoryLimit"}},
		{"a percent burstReplicas is accepted",
			func(ds *apps.DaemonSet) { ds.Spec.BurstReplicas = ptr.To(intstr.FromString("10%")) }, nil},
		{"a burstReplicas that is no number is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.BurstReplicas = ptr.To(intstr.FromString("lots")) },
			&fieldErr{field.ErrorTypeInvalid, "spec.burstReplicas"}},

		{"a preDelete hook is accepted",
			func(ds *apps.DaemonSet) {
				ds.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{FinalizersHandler: []string{"example.com/hold"}}}
			}, nil},
		{"an inPlaceUpdate hook is rejected",
			func(ds *apps.DaemonSet) {
				ds.Spec.Lifecycle = &pub.Lifecycle{InPlaceUpdate: &pub.LifecycleHook{LabelsHandler: map[string]string{"hold": "true"}}}
			}, &fieldErr{field.ErrorTypeForbidden, "spec.lifecycle.inPlaceUpdate"}},

		{"OnDelete without rollingUpdate is accepted",
			func(ds *apps.DaemonSet) {
				ds.Spec.UpdateStrategy = apps.DaemonSetUpdateStrategy{Type: apps.OnDeleteDaemonSetStrategyType}
			}, nil},
		{"an empty updateStrategy type is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.UpdateStrategy.Type = "" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.type"}},
		{"RollingUpdate without rollingUpdate is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.UpdateStrategy.RollingUpdate = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.rollingUpdate"}},

		{"surge without unavailability is accepted",
			func(ds *apps.DaemonSet) {
				dsRollingUpdate(ds).MaxUnavailable = ptr.To(intstr.FromString("0%"))
				dsRollingUpdate(ds).MaxSurge = ptr.To(intstr.FromString("20%"))
			}, nil},
		{"both maxUnavailable and maxSurge non-zero is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).MaxSurge = ptr.To(intstr.FromInt32(1)) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxSurge"}},
		{"both maxUnavailable and maxSurge zero is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).MaxUnavailable = ptr.To(intstr.FromInt32(0)) },
			&fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"a maxUnavailable above 100% is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).MaxUnavailable = ptr.To(intstr.FromString("150%")) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"a negative maxUnavailable is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).MaxUnavailable = ptr.To(intstr.FromInt32(-1)) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"InPlaceIfPossible with maxUnavailable is accepted",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Type = apps.InplaceRollingUpdateType }, nil},
		{"InPlaceIfPossible with surge is rejected",
			func(ds *apps.DaemonSet) {
				dsRollingUpdate(ds).Type = apps.InplaceRollingUpdateType
				dsRollingUpdate(ds).MaxUnavailable = ptr.To(intstr.FromInt32(0))
				dsRollingUpdate(ds).MaxSurge = ptr.To(intstr.FromInt32(1))
			}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxSurge"}},
		{"the v1alpha1-only Surging type is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Type = "Surging" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.rollingUpdate.rollingUpdateType"}},
		{"a percent partition is accepted",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Partition = ptr.To(intstr.FromString("50%")) }, nil},
		{"a partition above 100% is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Partition = ptr.To(intstr.FromString("101%")) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.partition"}},
		{"a negative partition is rejected",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Partition = ptr.To(intstr.FromInt32(-1)) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.partition"}},
		{"an empty node selector is accepted",
			func(ds *apps.DaemonSet) { dsRollingUpdate(ds).Selector = &metav1.LabelSelector{} }, nil},
		{"a node selector with an unknown operator is rejected",
			func(ds *apps.DaemonSet) {
				dsRollingUpdate(ds).Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "zone", Operator: "Near"}}}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.selector.matchExpressions[0].operator"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validDaemonSet()
			tc.mutate(obj)
			checkErrors(t, ValidateDaemonSet(obj), tc.want)
		})
	}
}

func TestValidateDaemonSetLeavesTemplateUndefaulted(t *testing.T) {
	obj := validDaemonSet()
	checkErrors(t, ValidateDaemonSet(obj), nil)
	if obj.Spec.Template.Spec.RestartPolicy != "" || obj.Spec.Template.Spec.DNSPolicy != "" {
		t.Fatalf("validation defaulted the stored template: %+v", obj.Spec.Template.Spec)
	}
}

func TestValidateDaemonSetUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.DaemonSet)
		want   *fieldErr
	}{
		{"changing template, strategies, burst, hooks and history is accepted", func(ds *apps.DaemonSet) {
			ds.Spec.Template.Spec.Containers[0].Image = "agent:2.0"
			dsRollingUpdate(ds).Partition = ptr.To(intstr.FromInt32(3))
			ds.Spec.BurstReplicas = ptr.To(intstr.FromInt32(10))
			ds.Spec.MinReadySeconds = 5
			ds.Spec.RevisionHistoryLimit = ptr.To[int32](2)
			ds.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{MarkPodNotReady: true}}
			ds.Spec.ScaleStrategy = &apps.DaemonSetScaleStrategy{PartitionedScaling: true}
		}, nil},
		{"changing the selector is rejected", func(ds *apps.DaemonSet) {
			ds.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "agent", "v": "2"}}
			ds.Spec.Template.Labels["v"] = "2"
		}, &fieldErr{field.ErrorTypeInvalid, "spec.selector"}},
		{"an invalid new object is rejected",
			func(ds *apps.DaemonSet) { ds.Spec.MinReadySeconds = -5 }, &fieldErr{field.ErrorTypeInvalid, "spec.minReadySeconds"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validDaemonSet()
			tc.mutate(obj)
			checkErrors(t, ValidateDaemonSetUpdate(obj, validDaemonSet()), tc.want)
		})
	}
}

func TestValidateDaemonSetStatusUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.DaemonSet)
		want   *fieldErr
	}{
		{"plausible counters are accepted", func(ds *apps.DaemonSet) {
			ds.Status = apps.DaemonSetStatus{DesiredNumberScheduled: 3, CurrentNumberScheduled: 3, NumberReady: 2, UpdateRevision: "abc"}
		}, nil},
		{"a negative numberReady is rejected",
			func(ds *apps.DaemonSet) { ds.Status.NumberReady = -1 }, &fieldErr{field.ErrorTypeInvalid, "status.numberReady"}},
		{"a negative collisionCount is rejected",
			func(ds *apps.DaemonSet) { ds.Status.CollisionCount = ptr.To[int32](-1) },
			&fieldErr{field.ErrorTypeInvalid, "status.collisionCount"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validDaemonSet()
			tc.mutate(obj)
			checkErrors(t, ValidateDaemonSetStatusUpdate(obj, validDaemonSet()), tc.want)
		})
	}
}
