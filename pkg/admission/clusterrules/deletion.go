package clusterrules

import (
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"
	utilfeature "k8s.io/apiserver/pkg/util/feature"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	policyv1alpha1 "github.com/kruise-aggregated/kruise/pkg/apis/policy/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/features"
)

// validateDeletionProtection refuses (403) to delete a CloneSet, Advanced StatefulSet or
// UnitedDeployment labelled policy.kruise.io/delete-protection=Always, or =Cascading while its
// spec.replicas is above zero. Only with the ResourcesDeletionProtection gate; an object that is
// already being deleted is let through.
func validateDeletionProtection(a admission.Attributes) error {
	if !utilfeature.DefaultFeatureGate.Enabled(features.ResourcesDeletionProtection) {
		return nil
	}
	obj, replicas, ok := workloadOf(a.GetOldObject())
	if !ok || obj.GetDeletionTimestamp() != nil {
		return nil
	}
	key := policyv1alpha1.DeletionProtectionKey
	path := field.NewPath("metadata", "labels").Key(key)
	switch value := obj.GetLabels()[key]; value {
	case policyv1alpha1.DeletionProtectionTypeAlways:
		return forbidden(a, path, fmt.Sprintf("deletion is blocked by label %s=%s", key, value))
	case policyv1alpha1.DeletionProtectionTypeCascading:
		if replicas != nil && *replicas > 0 {
			return forbidden(a, path, fmt.Sprintf("deletion is blocked by label %s=%s while spec.replicas (%d) is above 0", key, value, *replicas))
		}
	}
	return nil
}

// workloadOf returns the metadata and spec.replicas of the workloads deletion protection covers.
func workloadOf(obj runtime.Object) (metav1.Object, *int32, bool) {
	switch o := obj.(type) {
	case *apps.CloneSet:
		if o != nil {
			return o, o.Spec.Replicas, true
		}
	case *apps.StatefulSet:
		if o != nil {
			return o, o.Spec.Replicas, true
		}
	case *apps.UnitedDeployment:
		if o != nil {
			return o, o.Spec.Replicas, true
		}
	}
	return nil, nil, false
}
