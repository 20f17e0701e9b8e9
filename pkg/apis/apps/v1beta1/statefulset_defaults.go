package v1beta1

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_StatefulSet applies the defaults OpenKruise's webhook applies to a v1beta1
// Advanced StatefulSet (with the StatefulSetAutoDeletePVC gate on, its default; the
// volumeClaimUpdateStrategy default needs StatefulSetAutoResizePVCGate, off by default, and is not applied).
func SetDefaults_StatefulSet(obj *StatefulSet) {
	spec := &obj.Spec
	if spec.Replicas == nil {
		spec.Replicas = ptr.To[int32](1)
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	if spec.PodManagementPolicy == "" {
		spec.PodManagementPolicy = appsv1.OrderedReadyPodManagement
	}
	podtemplate.SetDefaultsPodTemplate(&spec.Template)
	for i := range spec.VolumeClaimTemplates {
		podtemplate.SetDefaultsPersistentVolumeClaim(&spec.VolumeClaimTemplates[i])
	}
	if spec.PersistentVolumeClaimRetentionPolicy == nil {
		spec.PersistentVolumeClaimRetentionPolicy = &StatefulSetPersistentVolumeClaimRetentionPolicy{}
	}
	if spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted == "" {
		spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted = RetainPersistentVolumeClaimRetentionPolicyType
	}
	if spec.PersistentVolumeClaimRetentionPolicy.WhenScaled == "" {
		spec.PersistentVolumeClaimRetentionPolicy.WhenScaled = RetainPersistentVolumeClaimRetentionPolicyType
	}
	if spec.UpdateStrategy.Type == "" {
		spec.UpdateStrategy.Type = appsv1.RollingUpdateStatefulSetStrategyType
	}
	if spec.UpdateStrategy.Type != appsv1.RollingUpdateStatefulSetStrategyType {
		return
	}
	if spec.UpdateStrategy.RollingUpdate == nil {
		spec.UpdateStrategy.RollingUpdate = &RollingUpdateStatefulSetStrategy{}
	}
	ru := spec.UpdateStrategy.RollingUpdate
	if ru.Partition == nil {
		ru.Partition = ptr.To[int32](0)
	}
	if ru.MaxUnavailable == nil {
		ru.MaxUnavailable = ptr.To(intstr.FromInt32(1))
	}
	if ru.PodUpdatePolicy == "" {
		ru.PodUpdatePolicy = RecreatePodUpdateStrategyType
	}
	if ru.MinReadySeconds == nil {
		ru.MinReadySeconds = ptr.To[int32](0)
	}
}
