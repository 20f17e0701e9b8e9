package validation

import (
	"math"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// validCloneSet is a defaulted CloneSet that passes validation.
func validCloneSet() *apps.CloneSet {
	return &apps.CloneSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.CloneSetSpec{
			Replicas: ptr.To[int32](3),
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec: corev1.PodSpec{
					RestartPolicy:                 corev1.RestartPolicyAlways,
					DNSPolicy:                     corev1.DNSClusterFirst,
					TerminationGracePeriodSeconds: ptr.To[int64](30),
					Containers: []corev1.Container{{
						Name: "web", Image: "nginx:1.25", ImagePullPolicy: corev1.PullAlways,
						TerminationMessagePolicy: corev1.TerminationMessageReadFile,
					}},
				},
			},
			UpdateStrategy: apps.CloneSetUpdateStrategy{
				Type: apps.RollingUpdateCloneSetUpdateStrategyType,
				RollingUpdate: &apps.RollingUpdateCloneSetStrategy{
					Partition:       ptr.To(intstr.FromInt32(0)),
					MaxUnavailable:  ptr.To(intstr.FromString("20%")),
					MaxSurge:        ptr.To(intstr.FromInt32(0)),
					PodUpdatePolicy: apps.RecreateCloneSetPodUpdateStrategyType,
				},
			},
			RevisionHistoryLimit: ptr.To[int32](10),
		},
	}
}

func TestValidateCloneSet(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(cs *apps.CloneSet)
		want   *fieldErr
	}{
		{"valid", func(*apps.CloneSet) {}, nil},
		{"name must be a DNS subdomain", func(cs *apps.CloneSet) { cs.Name = "Web_1" }, &fieldErr{field.ErrorTypeInvalid, "metadata.name"}},
		{"replicas may be zero", func(cs *apps.CloneSet) { cs.Spec.Replicas = ptr.To[int32](0) }, nil},
		{"replicas may not be negative", func(cs *apps.CloneSet) { cs.Spec.Replicas = ptr.To[int32](-1) }, &fieldErr{field.ErrorTypeInvalid, "spec.replicas"}},
		{"replicas are required", func(cs *apps.CloneSet) { cs.Spec.Replicas = nil }, &fieldErr{field.ErrorTypeRequired, "spec.replicas"}},
		{"selector is required", func(cs *apps.CloneSet) { cs.Spec.Selector = nil }, &fieldErr{field.ErrorTypeRequired, "spec.selector"}},
		{"selector may not be empty", func(cs *apps.CloneSet) {
			cs.Spec.Selector = &metav1.LabelSelector{}
			cs.Spec.Template.Labels = nil
		}, &fieldErr{field.ErrorTypeInvalid, "spec.selector"}},
		{"selector must match the template labels", func(cs *apps.CloneSet) { cs.Spec.Template.Labels = map[string]string{"app": "db"} }, &fieldErr{field.ErrorTypeInvalid, "spec.template.metadata.labels"}},
		{"template must be a valid pod template", func(cs *apps.CloneSet) { cs.Spec.Template.Spec.Containers[0].Image = "" }, &fieldErr{field.ErrorTypeRequired, "spec.template.spec.containers[0].image"}},
		{"restartPolicy must be Always", func(cs *apps.CloneSet) { cs.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever }, &fieldErr{field.ErrorTypeNotSupported, "spec.template.spec.restartPolicy"}},
		{"activeDeadlineSeconds is forbidden", func(cs *apps.CloneSet) { cs.Spec.Template.Spec.ActiveDeadlineSeconds = ptr.To[int64](10) }, &fieldErr{field.ErrorTypeForbidden, "spec.template.spec.activeDeadlineSeconds"}},
		{"volume claim templates can be mounted", func(cs *apps.CloneSet) {
			cs.Spec.VolumeClaimTemplates = []corev1.PersistentVolumeClaim{{
				ObjectMeta: metav1.ObjectMeta{Name: "data"},
				Spec: corev1.PersistentVolumeClaimSpec{
					AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
					Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}},
				},
			}}
			cs.Spec.Template.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/data"}}
		}, nil},
		{"podsToDelete may not repeat a name", func(cs *apps.CloneSet) { cs.Spec.ScaleStrategy.PodsToDelete = []string{"a", "a"} }, &fieldErr{field.ErrorTypeDuplicate, "spec.scaleStrategy.podsToDelete[1]"}},
		{"scale maxUnavailable must be an int or percent", func(cs *apps.CloneSet) { cs.Spec.ScaleStrategy.MaxUnavailable = ptr.To(intstr.FromString("half")) }, &fieldErr{field.ErrorTypeInvalid, "spec.scaleStrategy.maxUnavailable"}},
		{"update type must be known", func(cs *apps.CloneSet) { cs.Spec.UpdateStrategy.Type = "InPlaceIfPossible" }, &fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.type"}},
		{"podUpdatePolicy must be known", func(cs *apps.CloneSet) { cs.Spec.UpdateStrategy.RollingUpdate.PodUpdatePolicy = "Rolling" }, &fieldErr{field.ErrorTypeNotSupported, "spec.updateStrategy.rollingUpdate.podUpdatePolicy"}},
		{"partition may be a percentage", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.Partition = ptr.To(intstr.FromString("50%"))
		}, nil},
		{"partition may not be negative", func(cs *apps.CloneSet) { cs.Spec.UpdateStrategy.RollingUpdate.Partition = ptr.To(intstr.FromInt32(-1)) }, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.partition"}},
		{"maxSurge must parse", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromString("x%"))
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxSurge"}},
		{"maxSurge is forbidden with InPlaceOnly", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.PodUpdatePolicy = apps.InPlaceOnlyCloneSetPodUpdateStrategyType
			cs.Spec.UpdateStrategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromInt32(1))
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxSurge"}},
		{"maxUnavailable 0 with a surge is accepted (OpenKruise v1beta1 rejects it by mistake)", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromInt32(0))
			cs.Spec.UpdateStrategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromInt32(1))
		}, nil},
		{"maxUnavailable and maxSurge may not both be 0", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromInt32(0))
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.maxUnavailable"}},
		{"an OnDelete CloneSet may leave both at 0", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.Type = apps.OnDeleteCloneSetUpdateStrategyType
			cs.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromInt32(0))
		}, nil},
		{"weight and order priorities are exclusive", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.PriorityStrategy = &pub.UpdatePriorityStrategy{
				OrderPriority:  []pub.UpdatePriorityOrderTerm{{OrderedKey: "k"}},
				WeightPriority: []pub.UpdatePriorityWeightTerm{{Weight: 1, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"a": "b"}}}},
			}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.priorityStrategy"}},
		{"weights are at most 100", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.PriorityStrategy = &pub.UpdatePriorityStrategy{
				WeightPriority: []pub.UpdatePriorityWeightTerm{{Weight: 101, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"a": "b"}}}},
			}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.priorityStrategy.weightPriority[0].weight"}},
		{"scatter terms need a key", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.ScatterStrategy = apps.UpdateScatterStrategy{{Value: "a"}}
		}, &fieldErr{field.ErrorTypeRequired, "spec.updateStrategy.rollingUpdate.scatterStrategy[0].key"}},
		{"scatter terms may not repeat", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.ScatterStrategy = apps.UpdateScatterStrategy{{Key: "z", Value: "a"}, {Key: "z", Value: "a"}}
		}, &fieldErr{field.ErrorTypeDuplicate, "spec.updateStrategy.rollingUpdate.scatterStrategy[1]"}},
		{"pre-download parallelism may not be a percentage", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{ImagePreDownloadParallelism: ptr.To(intstr.FromString("50%"))}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.inPlaceUpdateStrategy.imagePreDownloadParallelism"}},
		{"pre-download parallelism may be a numeric string", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{ImagePreDownloadParallelism: ptr.To(intstr.FromString("5"))}
		}, nil},
		{"pre-download timeout may not be negative", func(cs *apps.CloneSet) {
			cs.Spec.UpdateStrategy.RollingUpdate.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{ImagePreDownloadTimeoutSeconds: ptr.To[int32](-1)}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.updateStrategy.rollingUpdate.inPlaceUpdateStrategy.imagePreDownloadTimeoutSeconds"}},
		{"progressDeadlineSeconds must exceed minReadySeconds", func(cs *apps.CloneSet) {
			cs.Spec.MinReadySeconds = 30
			cs.Spec.ProgressDeadlineSeconds = ptr.To[int32](30)
		}, &fieldErr{field.ErrorTypeInvalid, "spec.progressDeadlineSeconds"}},
		{"progressDeadlineSeconds MaxInt32 means no deadline", func(cs *apps.CloneSet) {
			cs.Spec.MinReadySeconds = 30
			cs.Spec.ProgressDeadlineSeconds = ptr.To[int32](math.MaxInt32)
		}, nil},
		{"minReadySeconds may not be negative", func(cs *apps.CloneSet) { cs.Spec.MinReadySeconds = -1 }, &fieldErr{field.ErrorTypeInvalid, "spec.minReadySeconds"}},
		{"revisionHistoryLimit may not be negative", func(cs *apps.CloneSet) { cs.Spec.RevisionHistoryLimit = ptr.To[int32](-1) }, &fieldErr{field.ErrorTypeInvalid, "spec.revisionHistoryLimit"}},
		{"lifecycle labels must be valid", func(cs *apps.CloneSet) {
			cs.Spec.Lifecycle = &pub.Lifecycle{PreDelete: &pub.LifecycleHook{LabelsHandler: map[string]string{"bad key!": "x"}}}
		}, &fieldErr{field.ErrorTypeInvalid, "spec.lifecycle.preDelete.labelsHandler"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := validCloneSet()
			tc.mutate(cs)
			checkErrors(t, ValidateCloneSet(cs), tc.want)
		})
	}
}

func TestValidateCloneSetUpdate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(cs *apps.CloneSet)
		policy apps.CloneSetPodUpdateStrategyType
		want   *fieldErr
	}{
		{"template and replicas may change", func(cs *apps.CloneSet) {
			cs.Spec.Replicas = ptr.To[int32](5)
			cs.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
		}, apps.RecreateCloneSetPodUpdateStrategyType, nil},
		{"selector is immutable", func(cs *apps.CloneSet) {
			cs.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web", "tier": "x"}}
			cs.Spec.Template.Labels["tier"] = "x"
		}, apps.RecreateCloneSetPodUpdateStrategyType, &fieldErr{field.ErrorTypeForbidden, "spec.selector"}},
		{"InPlaceOnly accepts an image change", func(cs *apps.CloneSet) {
			cs.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
		}, apps.InPlaceOnlyCloneSetPodUpdateStrategyType, nil},
		{"InPlaceOnly rejects any other template change", func(cs *apps.CloneSet) {
			cs.Spec.Template.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", Value: "1"}}
		}, apps.InPlaceOnlyCloneSetPodUpdateStrategyType, &fieldErr{field.ErrorTypeForbidden, "spec.template.spec"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := validCloneSet()
			old.Spec.UpdateStrategy.RollingUpdate.PodUpdatePolicy = tc.policy
			cs := old.DeepCopy()
			tc.mutate(cs)
			checkErrors(t, ValidateCloneSetUpdate(cs, old), tc.want)
		})
	}
}

func TestValidateCloneSetStatusUpdate(t *testing.T) {
	old := validCloneSet()
	cs := old.DeepCopy()
	cs.Status.Replicas = 3
	checkErrors(t, ValidateCloneSetStatusUpdate(cs, old), nil)
	cs.Status.ReadyReplicas = -1
	checkErrors(t, ValidateCloneSetStatusUpdate(cs, old), &fieldErr{field.ErrorTypeInvalid, "status.readyReplicas"})
}
