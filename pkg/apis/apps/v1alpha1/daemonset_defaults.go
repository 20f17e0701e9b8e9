package v1alpha1

import (
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

// SetDefaults_DaemonSet applies the defaults OpenKruise's webhook applies to a v1alpha1 Advanced
// DaemonSet. The deprecated Surging type becomes Standard, with a surge of 1 and no unavailability
// unless those were set. The pod template is left as written.
func SetDefaults_DaemonSet(obj *DaemonSet) {
	spec := &obj.Spec
	if spec.BurstReplicas == nil {
		spec.BurstReplicas = ptr.To(intstr.FromInt32(250))
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	if spec.UpdateStrategy.Type == "" {
		spec.UpdateStrategy.Type = RollingUpdateDaemonSetStrategyType
	}
	if spec.UpdateStrategy.Type != RollingUpdateDaemonSetStrategyType {
		return
	}
	if spec.UpdateStrategy.RollingUpdate == nil {
		spec.UpdateStrategy.RollingUpdate = &RollingUpdateDaemonSet{}
	}
	ru := spec.UpdateStrategy.RollingUpdate
	if ru.Type == DeprecatedSurgingRollingUpdateType {
		if ru.MaxSurge == nil {
			ru.MaxSurge = ptr.To(intstr.FromInt32(1))
		}
		if ru.MaxUnavailable == nil {
			ru.MaxUnavailable = ptr.To(intstr.FromInt32(0))
		}
		ru.Type = StandardRollingUpdateType
	}
	if ru.Type == "" {
		ru.Type = StandardRollingUpdateType
	}
	if ru.MaxUnavailable == nil && ru.MaxSurge == nil {
		ru.MaxUnavailable = ptr.To(intstr.FromInt32(1))
		ru.MaxSurge = ptr.To(intstr.FromInt32(0))
	}
}
