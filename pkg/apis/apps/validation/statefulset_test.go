package validation

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// validStatefulSet is a defaulted Advanced StatefulSet that passes validation.
func validStatefulSet() *apps.StatefulSet {
	return &apps.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.StatefulSetSpec{
			Replicas: ptr.To[int32](3),
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec: corev1.PodSpec{
					RestartPolicy: corev1.RestartPolicyAlways,
					DNSPolicy:     corev1.DNSClusterFirst,
					Containers:    []corev1.Container{{Name: "nginx", Image: "nginx:1.25", ImagePullPolicy: corev1.PullAlways}},
				},
			},
			VolumeClaimTemplates: []corev1.PersistentVolumeClaim{{
				ObjectMeta: metav1.ObjectMeta{Name: "data"},
				Spec: corev1.PersistentVolumeClaimSpec{
					AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
					StorageClassName: ptr.To("fast"),
					Resources: corev1.VolumeResourceRequirements{
						Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
					},
				},
			}},
			ServiceName:         "web",
			PodManagementPolicy: appsv1.OrderedReadyPodManagement,
			UpdateStrategy: apps.StatefulSetUpdateStrategy{
				Type: appsv1.RollingUpdateStatefulSetStrategyType,
				RollingUpdate: &apps.RollingUpdateStatefulSetStrategy{
					Partition:       ptr.To[int32](0),
					MaxUnavailable:  ptr.To(intstr.FromInt32(1)),
					PodUpdatePolicy: apps.RecreatePodUpdateStrategyType,
					MinReadySeconds: ptr.To[int32](0),
				},
			},
			RevisionHistoryLimit: ptr.To[int32](10),
			PersistentVolumeClaimRetentionPolicy: &apps.StatefulSetPersistentVolumeClaimRetentionPolicy{
				WhenDeleted: apps.RetainPersistentVolumeClaimRetentionPolicyType,
				WhenScaled:  apps.RetainPersistentVolumeClaimRetentionPolicyType,
			},
		},
	}
}

// fieldErr names the one field a rejected object must be rejected for.
type fieldErr struct {
	typ  field.ErrorType
	path string
}

// checkErrors requires no errors when want is nil, and otherwise at least one error, all of them
// of want's type on want's path.
func checkErrors(t *testing.T, errs field.ErrorList, want *fieldErr) {
	t.Helper()
	if want == nil {
		if len(errs) != 0 {
			t.Fatalf("want no errors, got %v", errs)
		}
		return
	}
	if len(errs) == 0 {
		t.Fatalf("want a %s error on %s, got none", want.typ, want.path)
	}
	for _, e := range errs {
		if e.Type != want.typ || e.Field != want.path {
			t.Errorf("want only %s errors on %s, got %s on %s: %v", want.typ, want.path, e.Type, e.Field, e)
		}
	}
}

func rollingUpdate(s *apps.StatefulSet) *apps.RollingUpdateStatefulSetStrategy {
	return s.Spec.UpdateStrategy.RollingUpdate
}

func TestValidateStatefulSet(t *testing.T) {
	inPlaceGate := []corev1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	cases := []struct {
		name   string
		mutate func(*apps.StatefulSet)
		want   *fieldErr
	}{
		{"a defaulted set is accepted", func(*apps.StatefulSet) {}, nil},
		{"a name with a dot is rejected, pods take it as hostname",
			func(s *apps.StatefulSet) { s.Name = "web.v1" }, &fieldErr{field.ErrorTypeInvalid, "metadata.name"}},

		{"a missing podManagementPolicy is rejected",
			func(s *apps.StatefulSet) { s.Spec.PodManagementPolicy = "" }, &fieldErr{field.ErrorTypeRequired, "spec.podManagementPolicy"}},
		{"an unknown podManagementPolicy is rejected",
			func(s *apps.StatefulSet) { s.Spec.PodManagementPolicy = "Random" }, &fieldErr{field.ErrorTypeNotSupported, "spec.podManagementPolicy"}},
		{"Parallel pod management is accepted",
			func(s *apps.StatefulSet) { s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement }, nil},

		{"negative replicas are rejected",
			func(s *apps.StatefulSet) { s.Spec.Replicas = ptr.To[int32](-1) }, &fieldErr{field.ErrorTypeInvalid, "spec.replicas"}},
		{"missing replicas are rejected",
			func(s *apps.StatefulSet) { s.Spec.Replicas = nil }, &fieldErr{field.ErrorTypeRequired, "spec.replicas"}},
		{"zero replicas are accepted",
			func(s *apps.StatefulSet) { s.Spec.Replicas = ptr.To[int32](0) }, nil},

		{"a missing selector is rejected",
			func(s *apps.StatefulSet) { s.Spec.Selector = nil }, &fieldErr{field.ErrorTypeRequired, "spec.selector"}},
		{"an empty selector is rejected",
			func(s *apps.StatefulSet) { s.Spec.Selector = &metav1.LabelSelector{} }, &fieldErr{field.ErrorTypeInvalid, "spec.selector"}},
		{"a selector not matching the template labels is rejected",
			func(s *apps.StatefulSet) { s.Spec.Template.Labels = map[string]string{"app": "db"} },
			&fieldErr{field.ErrorTypeInvalid, "spec.template.metadata.labels"}},
		{"an invalid template label is rejected",
			func(s *apps.StatefulSet) { s.Spec.Template.Labels["bad key!"] = "x" }, &fieldErr{field.ErrorTypeInvalid, "spec.template.labels"}},
		{"a template pod spec is not validated, as upstream",
			func(s *apps.StatefulSet) { s.Spec.Template.Spec.Containers[0].Image = "" }, nil},

		{"an empty restartPolicy is accepted",
			func(s *apps.StatefulSet) { s.Spec.Template.Spec.RestartPolicy = "" }, nil},
		{"restartPolicy Never is rejected",
			func(s *apps.StatefulSet) { s.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever },
			&fieldErr{field.ErrorTypeNotSupported, "spec.template.spec.restartPolicy"}},
		{"activeDeadlineSeconds is rejected",
			func(s *apps.StatefulSet) { s.Spec.Template.Spec.ActiveDeadlineSeconds = ptr.To[int64](10) },
			&fieldErr{field.ErrorTypeForbidden, "spec.template.spec.activeDeadlineSeconds"}},

		{"reserved ordinals and ranges are accepted",
			func(s *apps.StatefulSet) {
				s.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromInt32(1), intstr.FromString("3-5"), intstr.FromString("7-7")}
			}, nil},
		{"a negative reserved ordinal is rejected",
			func(s *apps.StatefulSet) {
				s.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromInt32(0), intstr.FromInt32(-1)}
			},
			&fieldErr{field.ErrorTypeInvalid, "spec.reserveOrdinals[1]"}},
		{"a descending reserved range is rejected",
			func(s *apps.StatefulSet) { s.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromString("5-3")} },
			&fieldErr{field.ErrorTypeInvalid, "spec.reserveOrdinals[0]"}},
		{"a reserved ordinal string that is not a range is rejected",
			func(s *apps.StatefulSet) { s.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromString("3")} },
			&fieldErr{field.ErrorTypeInvalid, "spec.reserveOrdinals[0]"}},

		{"scaleStrategy.maxUnavailable above 1 is accepted with Parallel",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				s.Spec.ScaleStrategy = &apps.StatefulSetScaleStrategy{MaxUnavailable: ptr.To(intstr.FromString("50%"))}
			}, nil},
		{"scaleStrategy.maxUnavailable above 1 is rejected with OrderedReady",
			func(s *apps.StatefulSet) {
				s.Spec.ScaleStrategy = &apps.StatefulSetScaleStrategy{MaxUnavailable: ptr.To(intstr.FromInt32(2))}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.scaleStrategy.maxUnavailable"}},
		{"scaleStrategy.maxUnavailable resolving to 0 is rejected",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				s.Spec.ScaleStrategy = &apps.StatefulSetScaleStrategy{MaxUnavailable: ptr.To(intstr.FromString("0%"))}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.scaleStrategy.maxUnavailable"}},
		{"an empty scaleStrategy is accepted",
			func(s *apps.StatefulSet) { s.Spec.ScaleStrategy = &apps.StatefulSetScaleStrategy{} }, nil},

		{"a missing updateStrategy type is rejected",
			func(s *apps.StatefulSet) { s.Spec.UpdateStrategy.Type = "" }, &fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.type"}},
		{"an unknown updateStrategy type is rejected",
			func(s *apps.StatefulSet) { s.Spec.UpdateStrategy.Type = "Canary" }, &fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.type"}},
		{"OnDelete without rollingUpdate is accepted",
			func(s *apps.StatefulSet) {
				s.Spec.UpdateStrategy = apps.StatefulSetUpdateStrategy{Type: appsv1.OnDeleteStatefulSetStrategyType}
			}, nil},
		{"OnDelete with rollingUpdate is rejected",
			func(s *apps.StatefulSet) { s.Spec.UpdateStrategy.Type = appsv1.OnDeleteStatefulSetStrategyType },
			&fieldErr{field.ErrorTypeForbidden, "spec.updateStrategy.rollingUpdate"}},

		{"a negative partition is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).Partition = ptr.To[int32](-1) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.partition"}},
		{"minReadySeconds of 300 is accepted",
			func(s *apps.StatefulSet) { rollingUpdate(s).MinReadySeconds = ptr.To[int32](300) }, nil},
		{"minReadySeconds above 300 is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).MinReadySeconds = ptr.To[int32](301) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.minReadySeconds"}},
		{"negative minReadySeconds are rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).MinReadySeconds = ptr.To[int32](-1) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.minReadySeconds"}},
		{"a missing rollingUpdate.maxUnavailable is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).MaxUnavailable = nil },
			&fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"rollingUpdate.maxUnavailable above 1 is rejected with OrderedReady",
			func(s *apps.StatefulSet) { rollingUpdate(s).MaxUnavailable = ptr.To(intstr.FromInt32(2)) },
			&fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"rollingUpdate.maxUnavailable above 1 is accepted with Parallel",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				rollingUpdate(s).MaxUnavailable = ptr.To(intstr.FromInt32(2))
			}, nil},
		{"a rollingUpdate.maxUnavailable that is no number or percent is rejected",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				rollingUpdate(s).MaxUnavailable = ptr.To(intstr.FromString("many"))
			}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},

		{"a missing podUpdatePolicy is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).PodUpdatePolicy = "" },
			&fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.rollingUpdate.podUpdatePolicy"}},
		{"an unknown podUpdatePolicy is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).PodUpdatePolicy = "Replace" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.rollingUpdate.podUpdatePolicy"}},
		{"InPlaceIfPossible without the InPlaceUpdateReady readiness gate is rejected",
			func(s *apps.StatefulSet) {
				rollingUpdate(s).PodUpdatePolicy = apps.InPlaceIfPossiblePodUpdateStrategyType
			},
			&fieldErr{field.ErrorTypeRequired, "spec.template.spec.readinessGates"}},
		{"InPlaceOnly without the InPlaceUpdateReady readiness gate is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).PodUpdatePolicy = apps.InPlaceOnlyPodUpdateStrategyType },
			&fieldErr{field.ErrorTypeRequired, "spec.template.spec.readinessGates"}},
		{"InPlaceIfPossible with the InPlaceUpdateReady readiness gate is accepted",
			func(s *apps.StatefulSet) {
				rollingUpdate(s).PodUpdatePolicy = apps.InPlaceIfPossiblePodUpdateStrategyType
				s.Spec.Template.Spec.ReadinessGates = inPlaceGate
			}, nil},
		{"a negative in-place grace period is rejected",
			func(s *apps.StatefulSet) {
				rollingUpdate(s).InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{GracePeriodSeconds: -1}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.inPlaceUpdateStrategy.gracePeriodSeconds"}},

		{"unorderedUpdate with Parallel is accepted",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				rollingUpdate(s).UnorderedUpdate = &apps.UnorderedUpdateStrategy{PriorityStrategy: &pub.UpdatePriorityStrategy{
					OrderPriority: []pub.UpdatePriorityOrderTerm{{OrderedKey: "priority"}},
				}}
			}, nil},
		{"unorderedUpdate with OrderedReady is rejected",
			func(s *apps.StatefulSet) { rollingUpdate(s).UnorderedUpdate = &apps.UnorderedUpdateStrategy{} },
			&fieldErr{field.ErrorTypeForbidden, "spec.updateStrategy.rollingUpdate.unorderedUpdate"}},
		{"an unorderedUpdate priority strategy with both kinds of terms is rejected",
			func(s *apps.StatefulSet) {
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				rollingUpdate(s).UnorderedUpdate = &apps.UnorderedUpdateStrategy{PriorityStrategy: &pub.UpdatePriorityStrategy{
					OrderPriority: []pub.UpdatePriorityOrderTerm{{OrderedKey: "priority"}},
					WeightPriority: []pub.UpdatePriorityWeightTerm{{
						Weight:        50,
						MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"tier": "a"}},
					}},
				}}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.unorderedUpdate.priorityStrategy"}},

		{"a PVC retention policy of Delete is accepted",
			func(s *apps.StatefulSet) {
				s.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled = apps.DeletePersistentVolumeClaimRetentionPolicyType
			}, nil},
		{"an unknown PVC retention policy is rejected",
			func(s *apps.StatefulSet) { s.Spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted = "Keep" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"}},
		{"no PVC retention policy is accepted",
			func(s *apps.StatefulSet) { s.Spec.PersistentVolumeClaimRetentionPolicy = nil }, nil},

		{"volumeClaimUpdateStrategy OnPodRollingUpdate is accepted",
			func(s *apps.StatefulSet) {
				s.Spec.VolumeClaimUpdateStrategy.Type = apps.OnPodRollingUpdateVolumeClaimUpdateStrategyType
			}, nil},
		{"an unknown volumeClaimUpdateStrategy is rejected",
			func(s *apps.StatefulSet) { s.Spec.VolumeClaimUpdateStrategy.Type = "Always" },
			&fieldErr{field.ErrorTypeNotSupported, "spec.volumeClaimUpdateStrategy.type"}},

		{"a positive start ordinal is accepted",
			func(s *apps.StatefulSet) { s.Spec.Ordinals = &apps.StatefulSetOrdinals{Start: 5} }, nil},
		{"a negative start ordinal is rejected",
			func(s *apps.StatefulSet) { s.Spec.Ordinals = &apps.StatefulSetOrdinals{Start: -1} },
			&fieldErr{field.ErrorTypeInvalid, "spec.ordinals.start"}},
		{"a negative revisionHistoryLimit is rejected",
			func(s *apps.StatefulSet) { s.Spec.RevisionHistoryLimit = ptr.To[int32](-1) },
			&fieldErr{field.ErrorTypeInvalid, "spec.revisionHistoryLimit"}},
		{"a lifecycle hook with an invalid finalizer is rejected",
			func(s *apps.StatefulSet) {
				s.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{FinalizersHandler: []string{"not a finalizer"}}}
			}, &fieldErr{field.ErrorTypeInvalid, "spec.lifecycle.preDelete.finalizersHandler[0]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validStatefulSet()
			tc.mutate(obj)
			checkErrors(t, ValidateStatefulSet(obj), tc.want)
		})
	}
}

func TestValidateStatefulSetUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.StatefulSet)
		want   *fieldErr
	}{
		{"changing replicas, template, strategies, ordinals and hooks is accepted", func(s *apps.StatefulSet) {
			s.Spec.Replicas = ptr.To[int32](5)
			s.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
			s.Spec.Template.Annotations = map[string]string{"rev": "2"}
			rollingUpdate(s).Partition = ptr.To[int32](2)
			s.Spec.ReserveOrdinals = []intstr.IntOrString{intstr.FromInt32(1)}
			s.Spec.Ordinals = &apps.StatefulSetOrdinals{Start: 1}
			s.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{MarkPodNotReady: true}}
			s.Spec.RevisionHistoryLimit = ptr.To[int32](3)
			s.Spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted = apps.DeletePersistentVolumeClaimRetentionPolicyType
			s.Spec.VolumeClaimTemplates = append(s.Spec.VolumeClaimTemplates, corev1.PersistentVolumeClaim{ObjectMeta: metav1.ObjectMeta{Name: "logs"}})
		}, nil},
		{"changing the selector is rejected", func(s *apps.StatefulSet) {
			s.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web", "tier": "x"}}
			s.Spec.Template.Labels["tier"] = "x"
		}, &fieldErr{field.ErrorTypeInvalid, "spec.selector"}},
		{"changing serviceName is rejected",
			func(s *apps.StatefulSet) { s.Spec.ServiceName = "web2" }, &fieldErr{field.ErrorTypeInvalid, "spec.serviceName"}},
		{"changing podManagementPolicy is rejected",
			func(s *apps.StatefulSet) { s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement },
			&fieldErr{field.ErrorTypeInvalid, "spec.podManagementPolicy"}},
		{"an invalid new object is rejected",
			func(s *apps.StatefulSet) { s.Spec.Replicas = ptr.To[int32](-2) }, &fieldErr{field.ErrorTypeInvalid, "spec.replicas"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := validStatefulSet()
			obj := validStatefulSet()
			tc.mutate(obj)
			checkErrors(t, ValidateStatefulSetUpdate(obj, old), tc.want)
		})
	}
}

func TestValidateStatefulSetUpdateInPlaceOnly(t *testing.T) {
	inPlaceOnly := func() *apps.StatefulSet {
		s := validStatefulSet()
		rollingUpdate(s).PodUpdatePolicy = apps.InPlaceOnlyPodUpdateStrategyType
		s.Spec.Template.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
		return s
	}
	t.Run("an image change is accepted", func(t *testing.T) {
		obj := inPlaceOnly()
		obj.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
		checkErrors(t, ValidateStatefulSetUpdate(obj, inPlaceOnly()), nil)
	})
	t.Run("any other template spec change is rejected", func(t *testing.T) {
		obj := inPlaceOnly()
		obj.Spec.Template.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", Value: "1"}}
		checkErrors(t, ValidateStatefulSetUpdate(obj, inPlaceOnly()), &fieldErr{field.ErrorTypeForbidden, "spec.template.spec"})
	})
}

func TestValidateStatefulSetUpdateVolumeClaimsOnPodRollingUpdate(t *testing.T) {
	resizing := func() *apps.StatefulSet {
		s := validStatefulSet()
		s.Spec.VolumeClaimUpdateStrategy.Type = apps.OnPodRollingUpdateVolumeClaimUpdateStrategyType
		return s
	}
	cases := []struct {
		name   string
		mutate func(*apps.StatefulSet)
		want   *fieldErr
	}{
		{"growing the storage request is accepted", func(s *apps.StatefulSet) {
			s.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests[corev1.ResourceStorage] = resource.MustParse("2Gi")
		}, nil},
		{"adding a template is rejected", func(s *apps.StatefulSet) {
			s.Spec.VolumeClaimTemplates = append(s.Spec.VolumeClaimTemplates, corev1.PersistentVolumeClaim{ObjectMeta: metav1.ObjectMeta{Name: "logs"}})
		}, &fieldErr{field.ErrorTypeForbidden, "spec.volumeClaimTemplates"}},
		{"renaming a template is rejected",
			func(s *apps.StatefulSet) { s.Spec.VolumeClaimTemplates[0].Name = "data2" },
			&fieldErr{field.ErrorTypeForbidden, "spec.volumeClaimTemplates[0].metadata.name"}},
		{"changing the storage class is rejected",
			func(s *apps.StatefulSet) { s.Spec.VolumeClaimTemplates[0].Spec.StorageClassName = ptr.To("slow") },
			&fieldErr{field.ErrorTypeForbidden, "spec.volumeClaimTemplates[0].spec.storageClassName"}},
		{"changing access modes is rejected", func(s *apps.StatefulSet) {
			s.Spec.VolumeClaimTemplates[0].Spec.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany}
		}, &fieldErr{field.ErrorTypeForbidden, "spec.volumeClaimTemplates[0].spec.accessModes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := resizing()
			tc.mutate(obj)
			checkErrors(t, ValidateStatefulSetUpdate(obj, resizing()), tc.want)
		})
	}
}

func TestValidateStatefulSetStatusUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*apps.StatefulSet)
		want   *fieldErr
	}{
		{"plausible counters are accepted", func(s *apps.StatefulSet) {
			s.Status = apps.StatefulSetStatus{Replicas: 3, ReadyReplicas: 3, UpdatedReadyReplicas: 2, CollisionCount: ptr.To[int32](1),
				VolumeClaims: []apps.VolumeClaimStatus{{VolumeClaimName: "data", CompatibleReplicas: 3, CompatibleReadyReplicas: 2}}}
		}, nil},
		{"negative replicas are rejected",
			func(s *apps.StatefulSet) { s.Status.Replicas = -1 }, &fieldErr{field.ErrorTypeInvalid, "status.replicas"}},
		{"a negative updatedAvailableReplicas is rejected",
			func(s *apps.StatefulSet) { s.Status.UpdatedAvailableReplicas = -1 },
			&fieldErr{field.ErrorTypeInvalid, "status.updatedAvailableReplicas"}},
		{"a negative volume claim count is rejected", func(s *apps.StatefulSet) {
			s.Status.VolumeClaims = []apps.VolumeClaimStatus{{VolumeClaimName: "data", CompatibleReplicas: -1}}
		}, &fieldErr{field.ErrorTypeInvalid, "status.volumeClaims[0].compatibleReplicas"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := validStatefulSet()
			tc.mutate(obj)
			checkErrors(t, ValidateStatefulSetStatusUpdate(obj, validStatefulSet()), tc.want)
		})
	}
}
