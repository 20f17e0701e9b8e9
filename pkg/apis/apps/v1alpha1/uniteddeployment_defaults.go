package v1alpha1

import (
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_UnitedDeployment applies the defaults OpenKruise's webhook applies to a UnitedDeployment.
// Only the statefulSetTemplate's pod template and claim templates are defaulted, as in OpenKruise.
//
// It covers all defaulting of the object: the declarative defaults of the embedded Kubernetes types
// are not applied, because OpenKruise never applied them and adding them to stored objects would
// change their templates (and hashes) when read.
// +k8s:defaulter-gen=covers
func SetDefaults_UnitedDeployment(obj *UnitedDeployment) {
	spec := &obj.Spec
	if spec.Replicas == nil {
		spec.Replicas = ptr.To[int32](1)
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	if spec.UpdateStrategy.Type == "" {
		spec.UpdateStrategy.Type = ManualUpdateStrategyType
	}
	if spec.UpdateStrategy.Type == ManualUpdateStrategyType && spec.UpdateStrategy.ManualUpdate == nil {
		spec.UpdateStrategy.ManualUpdate = &ManualUpdate{}
	}
	if t := spec.Template.StatefulSetTemplate; t != nil {
		podtemplate.SetDefaultsPodTemplate(&t.Spec.Template)
		for i := range t.Spec.VolumeClaimTemplates {
			podtemplate.SetDefaultsPersistentVolumeClaim(&t.Spec.VolumeClaimTemplates[i])
		}
	}
	// With min/max capacities and no fixed replicas anywhere, every subset gets an explicit minimum.
	hasReplicas, hasCapacity := false, false
	for i := range spec.Topology.Subsets {
		s := &spec.Topology.Subsets[i]
		hasReplicas = hasReplicas || s.Replicas != nil
		hasCapacity = hasCapacity || s.MinReplicas != nil || s.MaxReplicas != nil
	}
	if hasCapacity && !hasReplicas {
		for i := range spec.Topology.Subsets {
			if s := &spec.Topology.Subsets[i]; s.MinReplicas == nil {
				s.MinReplicas = ptr.To(intstr.FromInt32(0))
			}
		}
	}
}
