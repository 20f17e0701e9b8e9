package v1alpha1

import (
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_CloneSet applies the defaults OpenKruise's webhook applies to a v1alpha1 CloneSet.
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
	setDefaultsCloneSetUpdateStrategy(&spec.UpdateStrategy)
}

// setDefaultsCloneSetUpdateStrategy defaults the flat v1alpha1 update strategy.
func setDefaultsCloneSetUpdateStrategy(us *CloneSetUpdateStrategy) {
	switch us.Type {
	case "":
		us.Type = RecreateCloneSetUpdateStrategyType
	case InPlaceIfPossibleCloneSetUpdateStrategyType, InPlaceOnlyCloneSetUpdateStrategyType:
		if us.InPlaceUpdateStrategy == nil {
			us.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{}
		}
	}
	if us.Partition == nil {
		us.Partition = ptr.To(intstr.FromInt32(0))
	}
	if us.MaxUnavailable == nil {
		us.MaxUnavailable = ptr.To(intstr.FromString(DefaultCloneSetMaxUnavailable))
	}
	if us.MaxSurge == nil {
		us.MaxSurge = ptr.To(intstr.FromInt32(0))
	}
}
