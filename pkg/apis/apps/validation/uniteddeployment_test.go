package validation

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func udPodTemplate() corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.25"}}},
	}
}

// defaultedUnitedDeployment builds a UnitedDeployment with a Deployment template and two subsets
// the way the server sees it: written as v1beta1, defaulted, converted to the internal version.
func defaultedUnitedDeployment(mutate func(*v1beta1.UnitedDeployment)) *apps.UnitedDeployment {
	external := &v1beta1.UnitedDeployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", ResourceVersion: "1"},
		Spec: v1beta1.UnitedDeploymentSpec{
			Replicas: ptr.To[int32](4),
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: v1beta1.SubsetTemplate{DeploymentTemplate: &v1beta1.DeploymentTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}, Template: udPodTemplate()},
			}},
			Topology: v1beta1.Topology{Subsets: []v1beta1.Subset{
				{Name: "zone-a", NodeSelectorTerm: corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{
					{Key: "topology.kubernetes.io/zone", Operator: corev1.NodeSelectorOpIn, Values: []string{"a"}}}}},
				{Name: "zone-b", Tolerations: []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "web", Effect: corev1.TaintEffectNoSchedule}}},
			}},
		},
	}
	if mutate != nil {
		mutate(external)
	}
	v1beta1.SetObjectDefaults_UnitedDeployment(external)
	out := &apps.UnitedDeployment{}
	if err := v1beta1.Convert_v1beta1_UnitedDeployment_To_apps_UnitedDeployment(external, out, nil); err != nil {
		panic(err)
	}
	return out
}

func validUnitedDeployment() *apps.UnitedDeployment { return defaultedUnitedDeployment(nil) }

func withStatefulSetTemplate(ud *v1beta1.UnitedDeployment) {
	ud.Spec.Template = v1beta1.SubsetTemplate{StatefulSetTemplate: &v1beta1.StatefulSetTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec:       appsv1.StatefulSetSpec{ServiceName: "web", Template: udPodTemplate()},
	}}
}

func withAdvancedStatefulSetTemplate(ud *v1beta1.UnitedDeployment) {
	ud.Spec.Template = v1beta1.SubsetTemplate{AdvancedStatefulSetTemplate: &v1beta1.AdvancedStatefulSetTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec:       v1beta1.StatefulSetSpec{ServiceName: "web", Template: udPodTemplate()},
	}}
}

func subsetReplicas(values ...*intstr.IntOrString) func(*v1beta1.UnitedDeployment) {
	return func(ud *v1beta1.UnitedDeployment) {
		for i, v := range values {
			ud.Spec.Topology.Subsets[i].Replicas = v
		}
	}
}

func intOrStr(v intstr.IntOrString) *intstr.IntOrString { return &v }

func TestUnitedDeploymentValidationRules(t *testing.T) {
	cases := []struct {
		name   string
		obj    *apps.UnitedDeployment
		errTyp field.ErrorType // empty: accepted
		path   string
	}{
		{name: "a defaulted UnitedDeployment is accepted", obj: validUnitedDeployment()},
		{name: "name that is not a DNS subdomain is rejected", obj: func() *apps.UnitedDeployment { o := validUnitedDeployment(); o.Name = "Web_1"; return o }(),
			errTyp: field.ErrorTypeInvalid, path: "metadata.name"},
		{name: "negative replicas are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Replicas = ptr.To[int32](-1)
			ud.Spec.Topology.Subsets[0].Replicas = intOrStr(intstr.FromInt32(0))
		}), errTyp: field.ErrorTypeInvalid, path: "spec.replicas"},
		{name: "missing selector is rejected", obj: func() *apps.UnitedDeployment { o := validUnitedDeployment(); o.Spec.Selector = nil; return o }(),
			errTyp: field.ErrorTypeRequired, path: "spec.selector"},
		{name: "empty selector is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Selector = &metav1.LabelSelector{}
			return o
		}(),
			errTyp: field.ErrorTypeInvalid, path: "spec.selector"},
		{name: "negative revision history limit is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.RevisionHistoryLimit = ptr.To[int32](-1)
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.revisionHistoryLimit"},

		{name: "no template is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template = apps.SubsetTemplate{}
			return o
		}(),
			errTyp: field.ErrorTypeRequired, path: "spec.template"},
		{name: "two templates are rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.CloneSetTemplate = &apps.CloneSetTemplateSpec{}
			return o
		}(), errTyp: field.ErrorTypeForbidden, path: "spec.template"},
		{name: "a CloneSet template is not validated in depth", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template = apps.SubsetTemplate{CloneSetTemplate: &apps.CloneSetTemplateSpec{}}
			return o
		}()},
		{name: "deployment template labels the selector misses are rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.DeploymentTemplate.Labels = map[string]string{"app": "other"}
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.template.deploymentTemplate.metadata.labels"},
		{name: "deployment template with replicas is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.DeploymentTemplate.Spec.Replicas = ptr.To[int32](2)
			return o
		}(), errTyp: field.ErrorTypeForbidden, path: "spec.template.deploymentTemplate.spec.replicas"},
		{name: "deployment pod template labels the selector misses are rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.DeploymentTemplate.Spec.Template.Labels = map[string]string{"app": "other"}
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.template.deploymentTemplate.spec.template.metadata.labels"},
		{name: "deployment pod template is validated like a pod", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.DeploymentTemplate.Spec.Template.Spec.Containers[0].Image = ""
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.template.deploymentTemplate.spec.template.spec.containers[0].image"},
		{name: "deployment pod template with a non-Always restart policy is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Template.DeploymentTemplate.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.template.deploymentTemplate.spec.template.spec.restartPolicy"},

		{name: "statefulSet template is accepted", obj: defaultedUnitedDeployment(withStatefulSetTemplate)},
		{name: "statefulSet template with replicas is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.Replicas = ptr.To[int32](1)
		}), errTyp: field.ErrorTypeForbidden, path: "spec.template.statefulSetTemplate.spec.replicas"},
		{name: "statefulSet template with a partition is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.UpdateStrategy = appsv1.StatefulSetUpdateStrategy{
				Type: appsv1.RollingUpdateStatefulSetStrategyType, RollingUpdate: &appsv1.RollingUpdateStatefulSetStrategy{Partition: ptr.To[int32](1)}}
		}), errTyp: field.ErrorTypeForbidden, path: "spec.template.statefulSetTemplate.spec.updateStrategy.rollingUpdate.partition"},
		{name: "statefulSet template with an unknown pod management policy is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.PodManagementPolicy = "Random"
		}), errTyp: field.ErrorTypeNotSupported, path: "spec.template.statefulSetTemplate.spec.podManagementPolicy"},
		{name: "statefulSet template with OnDelete and rollingUpdate is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.UpdateStrategy = appsv1.StatefulSetUpdateStrategy{
				Type: appsv1.OnDeleteStatefulSetStrategyType, RollingUpdate: &appsv1.RollingUpdateStatefulSetStrategy{}}
		}), errTyp: field.ErrorTypeForbidden, path: "spec.template.statefulSetTemplate.spec.updateStrategy.rollingUpdate"},
		{name: "statefulSet template with maxUnavailable 0 is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.UpdateStrategy = appsv1.StatefulSetUpdateStrategy{
				RollingUpdate: &appsv1.RollingUpdateStatefulSetStrategy{MaxUnavailable: intOrStr(intstr.FromInt32(0))}}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.template.statefulSetTemplate.spec.updateStrategy.rollingUpdate.maxUnavailable"},
		{name: "statefulSet template with an unknown PVC retention policy is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.PersistentVolumeClaimRetentionPolicy = &appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy{
				WhenDeleted: appsv1.RetainPersistentVolumeClaimRetentionPolicyType, WhenScaled: "Keep"}
		}), errTyp: field.ErrorTypeNotSupported, path: "spec.template.statefulSetTemplate.spec.persistentVolumeClaimRetentionPolicy.whenScaled"},
		{name: "statefulSet pod template labels the selector misses are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Template.StatefulSetTemplate.Spec.Template.Labels = nil
		}), errTyp: field.ErrorTypeInvalid, path: "spec.template.statefulSetTemplate.spec.template.metadata.labels"},

		{name: "advanced statefulSet template is accepted", obj: defaultedUnitedDeployment(withAdvancedStatefulSetTemplate)},
		{name: "advanced statefulSet template with replicas is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withAdvancedStatefulSetTemplate(ud)
			ud.Spec.Template.AdvancedStatefulSetTemplate.Spec.Replicas = ptr.To[int32](1)
		}), errTyp: field.ErrorTypeForbidden, path: "spec.template.advancedStatefulSetTemplate.spec.replicas"},
		{name: "advanced statefulSet template with a partition is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withAdvancedStatefulSetTemplate(ud)
			ud.Spec.Template.AdvancedStatefulSetTemplate.Spec.UpdateStrategy = v1beta1.StatefulSetUpdateStrategy{
				Type: appsv1.RollingUpdateStatefulSetStrategyType, RollingUpdate: &v1beta1.RollingUpdateStatefulSetStrategy{Partition: ptr.To[int32](1)}}
		}), errTyp: field.ErrorTypeForbidden, path: "spec.template.advancedStatefulSetTemplate.spec.updateStrategy.rollingUpdate.partition"},
		{name: "advanced statefulSet template labels the selector misses are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withAdvancedStatefulSetTemplate(ud)
			ud.Spec.Template.AdvancedStatefulSetTemplate.Labels = map[string]string{"app": "db"}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.template.advancedStatefulSetTemplate.metadata.labels"},

		{name: "reserving unschedulable pods with a Deployment template is accepted", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.ScheduleStrategy = v1beta1.UnitedDeploymentScheduleStrategy{
				Type: v1beta1.AdaptiveUnitedDeploymentScheduleStrategyType, Adaptive: &v1beta1.AdaptiveUnitedDeploymentStrategy{ReserveUnschedulablePods: true}}
		})},
		{name: "reserving unschedulable pods with a StatefulSet template is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			withStatefulSetTemplate(ud)
			ud.Spec.Topology.ScheduleStrategy = v1beta1.UnitedDeploymentScheduleStrategy{
				Type: v1beta1.AdaptiveUnitedDeploymentScheduleStrategyType, Adaptive: &v1beta1.AdaptiveUnitedDeploymentStrategy{ReserveUnschedulablePods: true}}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.topology.scheduleStrategy.adaptive.reserveUnschedulablePods"},
		{name: "unknown schedule strategy type is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.ScheduleStrategy.Type = "Random"
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.topology.scheduleStrategy.type"},
		{name: "fixed subset replicas with the Adaptive strategy are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.ScheduleStrategy.Type = v1beta1.AdaptiveUnitedDeploymentScheduleStrategyType
			ud.Spec.Topology.Subsets[0].Replicas = intOrStr(intstr.FromInt32(1))
		}), errTyp: field.ErrorTypeForbidden, path: "spec.topology.subsets[0].replicas"},

		{name: "subset without name is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[1].Name = ""
			return o
		}(),
			errTyp: field.ErrorTypeRequired, path: "spec.topology.subsets[1].name"},
		{name: "duplicate subset name is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[1].Name = "zone-a"
			return o
		}(), errTyp: field.ErrorTypeDuplicate, path: "spec.topology.subsets[1].name"},
		{name: "subset name that is not a DNS label is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[1].Name = "zone.b"
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[1].name"},
		{name: "unknown node selector operator is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[0].NodeSelectorTerm.MatchExpressions[0].Operator = "Near"
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].nodeSelectorTerm.matchExpressions[0].operator"},
		{name: "node field selector on a field other than metadata.name is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[0].NodeSelectorTerm.MatchFields = []corev1.NodeSelectorRequirement{{Key: "spec.unschedulable", Operator: corev1.NodeSelectorOpIn, Values: []string{"x"}}}
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].nodeSelectorTerm.matchFields[0].key"},
		{name: "unknown toleration operator is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[1].Tolerations[0].Operator = "Maybe"
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.topology.subsets[1].tolerations[0].operator"},
		{name: "toleration seconds without NoExecute are rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.Topology.Subsets[1].Tolerations[0].TolerationSeconds = ptr.To[int64](30)
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[1].tolerations[0].effect"},

		{name: "fixed and percentage subset replicas adding up to the total are accepted",
			obj: defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromInt32(1)), intOrStr(intstr.FromString("75%"))))},
		{name: "fixed subset replicas exceeding the total are rejected",
			obj:    defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromInt32(5)))),
			errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets"},
		{name: "fixed replicas on every subset that do not add up are rejected",
			obj:    defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromInt32(1)), intOrStr(intstr.FromInt32(1)))),
			errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets"},
		{name: "percentage above 100 is rejected",
			obj:    defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromString("150%")))),
			errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].replicas"},
		{name: "replicas that are neither integer nor percentage are rejected",
			obj:    defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromString("two")))),
			errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].replicas"},
		{name: "without total replicas every subset must set replicas", obj: func() *apps.UnitedDeployment {
			o := defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromInt32(1))))
			o.Spec.Replicas = nil
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets"},
		{name: "without total replicas a percentage is rejected", obj: func() *apps.UnitedDeployment {
			o := defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromString("50%")), intOrStr(intstr.FromInt32(1))))
			o.Spec.Replicas = nil
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].replicas"},
		{name: "min and max replicas with one unbounded subset are accepted", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.Subsets[0].MinReplicas = intOrStr(intstr.FromInt32(1))
			ud.Spec.Topology.Subsets[0].MaxReplicas = intOrStr(intstr.FromString("50%"))
		})},
		{name: "fixed replicas mixed with min replicas are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.Subsets[0].Replicas = intOrStr(intstr.FromInt32(1))
			ud.Spec.Topology.Subsets[1].MinReplicas = intOrStr(intstr.FromInt32(1))
		}), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets"},
		{name: "min replicas above max replicas are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.Subsets[0].MinReplicas = intOrStr(intstr.FromInt32(3))
			ud.Spec.Topology.Subsets[0].MaxReplicas = intOrStr(intstr.FromInt32(2))
		}), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets[0].minReplicas"},
		{name: "max replicas on every subset are rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.Topology.Subsets[0].MaxReplicas = intOrStr(intstr.FromInt32(2))
			ud.Spec.Topology.Subsets[1].MaxReplicas = intOrStr(intstr.FromInt32(2))
		}), errTyp: field.ErrorTypeInvalid, path: "spec.topology.subsets"},
		{name: "min and max replicas without total replicas are rejected", obj: func() *apps.UnitedDeployment {
			o := defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
				ud.Spec.Topology.Subsets[0].MaxReplicas = intOrStr(intstr.FromInt32(2))
			})
			o.Spec.Replicas = nil
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.replicas"},

		{name: "unknown update strategy type is rejected", obj: func() *apps.UnitedDeployment {
			o := validUnitedDeployment()
			o.Spec.UpdateStrategy.Type = "Auto"
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.updateStrategy.type"},
		{name: "partitions of existing subsets are accepted", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.UpdateStrategy.ManualUpdate = &v1beta1.ManualUpdate{Partitions: map[string]int32{"zone-a": 1}}
		})},
		{name: "partition of an unknown subset is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.UpdateStrategy.ManualUpdate = &v1beta1.ManualUpdate{Partitions: map[string]int32{"zone-c": 1}}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.manualUpdate.partitions[zone-c]"},
		{name: "negative partition is rejected", obj: defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
			ud.Spec.UpdateStrategy.ManualUpdate = &v1beta1.ManualUpdate{Partitions: map[string]int32{"zone-a": -1}}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.manualUpdate.partitions[zone-a]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := ValidateUnitedDeployment(tc.obj)
			if tc.errTyp == "" {
				expectNoFieldErrors(t, errs)
			} else {
				expectFieldError(t, errs, tc.errTyp, tc.path)
			}
		})
	}
}

func TestUnitedDeploymentUpdateRules(t *testing.T) {
	cases := []struct {
		name   string
		old    *apps.UnitedDeployment
		mutate func(*apps.UnitedDeployment)
		errTyp field.ErrorType
		path   string
	}{
		{name: "changing replicas and the pod template is accepted", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Replicas = ptr.To[int32](6)
			o.Spec.Template.DeploymentTemplate.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
		}},
		{name: "adding a subset is accepted", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Topology.Subsets = append(o.Spec.Topology.Subsets, apps.Subset{Name: "zone-c"})
		}},
		{name: "changing a subset's node selector is rejected", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Topology.Subsets[0].NodeSelectorTerm.MatchExpressions[0].Values = []string{"b"}
		}, errTyp: field.ErrorTypeForbidden, path: "spec.topology.subsets[0].nodeSelectorTerm"},
		{name: "changing a subset's tolerations is rejected", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Topology.Subsets[1].Tolerations = nil
		}, errTyp: field.ErrorTypeForbidden, path: "spec.topology.subsets[1].tolerations"},
		{name: "changing the statefulSet pod template and strategy is accepted", old: defaultedUnitedDeployment(withStatefulSetTemplate), mutate: func(o *apps.UnitedDeployment) {
			s := &o.Spec.Template.StatefulSetTemplate.Spec
			s.Template.Spec.Containers[0].Image = "nginx:1.26"
			s.UpdateStrategy.Type = appsv1.OnDeleteStatefulSetStrategyType
			s.MinReadySeconds = 5
			s.PodManagementPolicy = appsv1.OrderedReadyPodManagement // what an empty policy means
		}},
		{name: "changing the statefulSet service name is rejected", old: defaultedUnitedDeployment(withStatefulSetTemplate), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Template.StatefulSetTemplate.Spec.ServiceName = "db"
		}, errTyp: field.ErrorTypeForbidden, path: "spec.template.statefulSetTemplate.spec"},
		{name: "changing the advanced statefulSet pod template is accepted", old: defaultedUnitedDeployment(withAdvancedStatefulSetTemplate), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Template.AdvancedStatefulSetTemplate.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
		}},
		{name: "changing the advanced statefulSet service name is rejected", old: defaultedUnitedDeployment(withAdvancedStatefulSetTemplate), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Template.AdvancedStatefulSetTemplate.Spec.ServiceName = "db"
		}, errTyp: field.ErrorTypeForbidden, path: "spec.template.advancedStatefulSetTemplate.spec"},
		{name: "switching the template kind is accepted", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) {
			o.Spec.Template = defaultedUnitedDeployment(withStatefulSetTemplate).Spec.Template
		}},
		{name: "spec rules still apply on update", old: validUnitedDeployment(), mutate: func(o *apps.UnitedDeployment) { o.Spec.Selector = nil },
			errTyp: field.ErrorTypeRequired, path: "spec.selector"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.old.DeepCopy()
			tc.mutate(obj)
			errs := ValidateUnitedDeploymentUpdate(obj, tc.old)
			if tc.errTyp == "" {
				expectNoFieldErrors(t, errs)
			} else {
				expectFieldError(t, errs, tc.errTyp, tc.path)
			}
		})
	}
}

func TestUnitedDeploymentStatusUpdateRejectsNegativeCounts(t *testing.T) {
	old := validUnitedDeployment()
	obj := old.DeepCopy()
	obj.Status = apps.UnitedDeploymentStatus{Replicas: 4, ReadyReplicas: 4, UpdatedReplicas: 4, CurrentRevision: "r"}
	expectNoFieldErrors(t, ValidateUnitedDeploymentStatusUpdate(obj, old))
	obj.Status.UpdatedReplicas = -1
	expectFieldError(t, ValidateUnitedDeploymentStatusUpdate(obj, old), field.ErrorTypeInvalid, "status.updatedReplicas")
}

func TestUnitedDeploymentDefaults(t *testing.T) {
	o := defaultedUnitedDeployment(func(ud *v1beta1.UnitedDeployment) {
		ud.Spec.Replicas = nil
		withStatefulSetTemplate(ud)
		ud.Spec.Topology.Subsets[0].MaxReplicas = intOrStr(intstr.FromInt32(2))
	})
	s := &o.Spec
	if *s.Replicas != 1 || *s.RevisionHistoryLimit != 10 {
		t.Errorf("replicas %d, revisionHistoryLimit %d", *s.Replicas, *s.RevisionHistoryLimit)
	}
	if s.UpdateStrategy.Type != apps.ManualUpdateStrategyType || s.UpdateStrategy.ManualUpdate == nil {
		t.Errorf("update strategy %+v", s.UpdateStrategy)
	}
	for i, subset := range s.Topology.Subsets {
		if subset.MinReplicas == nil || subset.MinReplicas.IntValue() != 0 {
			t.Errorf("subset %d minReplicas = %v, want 0", i, subset.MinReplicas)
		}
	}
	pod := s.Template.StatefulSetTemplate.Spec.Template.Spec
	if pod.RestartPolicy != corev1.RestartPolicyAlways || pod.Containers[0].ImagePullPolicy != corev1.PullAlways {
		t.Errorf("statefulSet pod template not defaulted: %+v", pod)
	}

	// Other templates are stored as written, as in OpenKruise.
	d := validUnitedDeployment().Spec.Template.DeploymentTemplate.Spec.Template.Spec
	if d.RestartPolicy != "" || d.Containers[0].ImagePullPolicy != "" {
		t.Errorf("deployment pod template was defaulted: %+v", d)
	}
	// Fixed replicas anywhere: no minReplicas are added.
	f := defaultedUnitedDeployment(subsetReplicas(intOrStr(intstr.FromInt32(1))))
	if f.Spec.Topology.Subsets[1].MinReplicas != nil {
		t.Errorf("minReplicas defaulted next to fixed replicas")
	}
}

// Random objects (any pointer may be nil, any string may be garbage) must produce field errors,
// never a panic.
func TestUnitedDeploymentValidationNeverPanicsOnRandomObjects(t *testing.T) {
	f := randomAppsFiller(t)
	for i := 0; i < 300; i++ {
		obj, old := &apps.UnitedDeployment{}, &apps.UnitedDeployment{}
		f.Fill(obj)
		f.Fill(old)
		if i%2 == 0 {
			old.Spec.Topology.Subsets = obj.Spec.Topology.Subsets
		}
		ValidateUnitedDeployment(obj)
		ValidateUnitedDeploymentUpdate(obj, old)
		ValidateUnitedDeploymentStatusUpdate(obj, old)
	}
}
