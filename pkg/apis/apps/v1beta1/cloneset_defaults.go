package v1beta1

import (
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_CloneSet applies the defaults OpenKruise's webhook applies to a v1beta1 CloneSet.
func SetDefaults_CloneSet(obj *CloneSet) {
	spec := &obj.Spec
	if spec.Replicas == nil {
		spec.Replicas = ptr.To[int32](1)
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	podtemplate.SetDefaultsPodTemplate(&spec.Template)
	for i := range spec.VolumeClaimTemplates {
		podtemplate.SetDefaultsPersistentVolumeClaim(&spec.VolumeClaimTemplates[i])
	}
	if spec.UpdateStrategy.Type == "" {
		spec.UpdateStrategy.Type = RollingUpdateCloneSetUpdateStrategyType
	}
	if spec.UpdateStrategy.Type != RollingUpdateCloneSetUpdateStrategyType {
		return
	}
	if spec.UpdateStrategy.RollingUpdate == nil {
		spec.UpdateStrategy.RollingUpdate = &RollingUpdateCloneSetStrategy{}
	}
	ru := spec.UpdateStrategy.RollingUpdate
	if ru.PodUpdatePolicy == "" {
		ru.PodUpdatePolicy = RecreateCloneSetPodUpdateStrategyType
	}
	if ru.PodUpdatePolicy != RecreateCloneSetPodUpdateStrategyType && ru.InPlaceUpdateStrategy == nil {
		ru.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{}
	}
	if ru.Partition == nil {
		ru.Partition = ptr.To(intstr.FromInt32(0))
	}
	if ru.MaxUnavailable == nil {
		ru.MaxUnavailable = ptr.To(intstr.FromString(DefaultCloneSetMaxUnavailable))
	}
	if ru.MaxSurge == nil {
		ru.MaxSurge = ptr.To(intstr.FromInt32(0))
	}
}
