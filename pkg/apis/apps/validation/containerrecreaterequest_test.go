package validation

import (
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// validCRR is a defaulted request, as admission leaves it, that passes validation.
func validCRR() *apps.ContainerRecreateRequest {
	return &apps.ContainerRecreateRequest{
		ObjectMeta: metav1.ObjectMeta{
			Name: "restart-app", Namespace: "default", ResourceVersion: "1",
			Labels: map[string]string{
				apps.ContainerRecreateRequestPodUIDKey:   "uid-1",
				apps.ContainerRecreateRequestNodeNameKey: "node-1",
				apps.ContainerRecreateRequestActiveKey:   "true",
			},
		},
		Spec: apps.ContainerRecreateRequestSpec{
			PodName: "app-0",
			Containers: []apps.ContainerRecreateRequestContainer{
				{Name: "app", StatusContext: &apps.ContainerRecreateRequestContainerContext{ContainerID: "containerd://1", RestartCount: 2}},
				{Name: "sidecar"},
			},
			Strategy: &apps.ContainerRecreateRequestStrategy{
				FailurePolicy:                 apps.ContainerRecreateRequestFailurePolicyFail,
				TerminationGracePeriodSeconds: ptr.To[int64](30),
			},
		},
	}
}

func TestValidateContainerRecreateRequest(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ContainerRecreateRequest)
		want   *fieldErr
	}{
		{"a defaulted request is accepted", func(*apps.ContainerRecreateRequest) {}, nil},
		{"an upper-case name is rejected", func(r *apps.ContainerRecreateRequest) { r.Name = "Restart" },
			&fieldErr{field.ErrorTypeInvalid, "metadata.name"}},
		{"a missing namespace is rejected", func(r *apps.ContainerRecreateRequest) { r.Namespace = "" },
			&fieldErr{field.ErrorTypeRequired, "metadata.namespace"}},

		{"an empty podName is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.PodName = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.podName"}},
		{"an empty container list is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Containers = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.containers"}},
		{"a container without name is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Containers[1].Name = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.containers[1].name"}},
		{"a container named twice is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Containers[1].Name = "app" },
			&fieldErr{field.ErrorTypeDuplicate, "spec.containers[1].name"}},

		{"failurePolicy Ignore is accepted", func(r *apps.ContainerRecreateRequest) {
			r.Spec.Strategy.FailurePolicy = apps.ContainerRecreateRequestFailurePolicyIgnore
		}, nil},
		{"an unknown failurePolicy is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Strategy.FailurePolicy = "Retry" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.strategy.failurePolicy"}},
		{"a missing strategy is accepted", func(r *apps.ContainerRecreateRequest) { r.Spec.Strategy = nil }, nil},
		{"terminationGracePeriodSeconds 0 is accepted", func(r *apps.ContainerRecreateRequest) {
			r.Spec.Strategy.TerminationGracePeriodSeconds = ptr.To[int64](0)
		}, nil},
		{"a negative terminationGracePeriodSeconds is rejected", func(r *apps.ContainerRecreateRequest) {
			r.Spec.Strategy.TerminationGracePeriodSeconds = ptr.To[int64](-1)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.strategy.terminationGracePeriodSeconds"}},
		{"unreadyGracePeriodSeconds 10 is accepted", func(r *apps.ContainerRecreateRequest) {
			r.Spec.Strategy.UnreadyGracePeriodSeconds = ptr.To[int64](10)
		}, nil},
		{"a negative unreadyGracePeriodSeconds is rejected", func(r *apps.ContainerRecreateRequest) {
			r.Spec.Strategy.UnreadyGracePeriodSeconds = ptr.To[int64](-1)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.strategy.unreadyGracePeriodSeconds"}},
		{"minStartedSeconds 5 is accepted", func(r *apps.ContainerRecreateRequest) { r.Spec.Strategy.MinStartedSeconds = 5 }, nil},
		{"a negative minStartedSeconds is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Strategy.MinStartedSeconds = -1 },
			&fieldErr{field.ErrorTypeInvalid, "spec.strategy.minStartedSeconds"}},

		{"activeDeadlineSeconds 3 is accepted", func(r *apps.ContainerRecreateRequest) { r.Spec.ActiveDeadlineSeconds = ptr.To[int64](3) }, nil},
		{"activeDeadlineSeconds 2 is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.ActiveDeadlineSeconds = ptr.To[int64](2) },
			&fieldErr{field.ErrorTypeInvalid, "spec.activeDeadlineSeconds"}},
		{"ttlSecondsAfterFinished 0 is accepted", func(r *apps.ContainerRecreateRequest) { r.Spec.TTLSecondsAfterFinished = ptr.To[int32](0) }, nil},
		{"a negative ttlSecondsAfterFinished is rejected", func(r *apps.ContainerRecreateRequest) {
			r.Spec.TTLSecondsAfterFinished = ptr.To[int32](-1)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.ttlSecondsAfterFinished"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validCRR()
			tc.mutate(obj)
			checkErrors(t, ValidateContainerRecreateRequest(obj), tc.want)
		})
	}
}

func TestValidateContainerRecreateRequestUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.ContainerRecreateRequest)
		want   *fieldErr
	}{
		{"changing other labels is accepted", func(r *apps.ContainerRecreateRequest) {
			delete(r.Labels, apps.ContainerRecreateRequestActiveKey)
		}, nil},
		{"changing the spec is rejected", func(r *apps.ContainerRecreateRequest) { r.Spec.Strategy.ForceRecreate = true },
			&fieldErr{field.ErrorTypeForbidden, "spec"}},
		{"changing the pod-uid label is rejected", func(r *apps.ContainerRecreateRequest) {
			r.Labels[apps.ContainerRecreateRequestPodUIDKey] = "uid-2"
		}, &fieldErr{field.ErrorTypeForbidden, "metadata.labels[crr.apps.kruise.io/pod-uid]"}},
		{"removing the node-name label is rejected", func(r *apps.ContainerRecreateRequest) {
			delete(r.Labels, apps.ContainerRecreateRequestNodeNameKey)
		}, &fieldErr{field.ErrorTypeForbidden, "metadata.labels[crr.apps.kruise.io/node-name]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validCRR(), validCRR()
			tc.mutate(obj)
			checkErrors(t, ValidateContainerRecreateRequestUpdate(obj, old), tc.want)
		})
	}
}

func TestValidateContainerRecreateRequestStatusUpdate(t *testing.T) {
	grace := metav1.Condition{
		Type: apps.ContainerRecreateRequestPreRecreateGraceType, Status: metav1.ConditionTrue,
		LastTransitionTime: metav1.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)), Reason: "PreRecreateGrace",
	}
	cases := []struct {
		name   string
		mutate func(*apps.ContainerRecreateRequest)
		want   *fieldErr
	}{
		{"a Recreating status with a PreRecreateGrace condition is accepted", func(r *apps.ContainerRecreateRequest) {
			r.Status.Phase = apps.ContainerRecreateRequestRecreating
			r.Status.ContainerRecreateStates = []apps.ContainerRecreateRequestContainerRecreateState{{Name: "app", Phase: apps.ContainerRecreateRequestPending}}
			r.Status.Conditions = []metav1.Condition{grace}
		}, nil},
		{"an empty phase is accepted", func(r *apps.ContainerRecreateRequest) { r.Status.Phase = "" }, nil},
		{"an unknown phase is rejected", func(r *apps.ContainerRecreateRequest) { r.Status.Phase = "Running" },
			&fieldErr{field.ErrorTypeNotSupported, "status.phase"}},
		{"an unknown container phase is rejected", func(r *apps.ContainerRecreateRequest) {
			r.Status.ContainerRecreateStates = []apps.ContainerRecreateRequestContainerRecreateState{{Name: "app", Phase: "Done"}}
		}, &fieldErr{field.ErrorTypeNotSupported, "status.containerRecreateStates[0].phase"}},
		{"a condition without reason is rejected", func(r *apps.ContainerRecreateRequest) {
			c := grace
			c.Reason = ""
			r.Status.Conditions = []metav1.Condition{c}
		}, &fieldErr{field.ErrorTypeRequired, "status.conditions[0].reason"}},
		{"two conditions of one type are rejected", func(r *apps.ContainerRecreateRequest) {
			r.Status.Conditions = []metav1.Condition{grace, grace}
		}, &fieldErr{field.ErrorTypeDuplicate, "status.conditions[1]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, obj := validCRR(), validCRR()
			tc.mutate(obj)
			checkErrors(t, ValidateContainerRecreateRequestStatusUpdate(obj, old), tc.want)
		})
	}
}
