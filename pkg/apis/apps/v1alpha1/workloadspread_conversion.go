package v1alpha1

import (
	"sort"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// unknownConditionReason stands in for an empty v1alpha1 reason, which metav1.Condition does not allow.
const unknownConditionReason = "Unknown"

// workloadSpreadPreserved holds what a v1alpha1 WorkloadSpread cannot express.
// +k8s:openapi-gen=false
type workloadSpreadPreserved struct {
	ConditionGenerations []wsConditionGeneration `json:"conditionGenerations,omitempty"`
}

// wsConditionGeneration is the observedGeneration of one subset condition, located by position.
// +k8s:openapi-gen=false
type wsConditionGeneration struct {
	// Revision is the versionedSubsetStatuses key; nil means status.subsetStatuses.
	Revision           *string `json:"revision,omitempty"`
	Subset             int     `json:"subset"`
	Condition          int     `json:"condition"`
	Type               string  `json:"type"`
	ObservedGeneration int64   `json:"observedGeneration"`
}

// Convert_apps_WorkloadSpread_To_v1alpha1_WorkloadSpread converts down, keeping the subset
// conditions' observedGeneration (which v1alpha1 lacks) in the preserve annotation.
func Convert_apps_WorkloadSpread_To_v1alpha1_WorkloadSpread(in *apps.WorkloadSpread, out *WorkloadSpread, s conversion.Scope) error {
	if err := autoConvert_apps_WorkloadSpread_To_v1alpha1_WorkloadSpread(in, out, s); err != nil {
		return err
	}
	var extra workloadSpreadPreserved
	collect := func(revision *string, statuses []apps.WorkloadSpreadSubsetStatus) {
		for i := range statuses {
			for j, c := range statuses[i].Conditions {
				if c.ObservedGeneration != 0 {
					extra.ConditionGenerations = append(extra.ConditionGenerations, wsConditionGeneration{
						Revision: revision, Subset: i, Condition: j, Type: c.Type, ObservedGeneration: c.ObservedGeneration,
					})
				}
			}
		}
	}
	collect(nil, in.Status.SubsetStatuses)
	revisions := make([]string, 0, len(in.Status.VersionedSubsetStatuses))
	for revision := range in.Status.VersionedSubsetStatuses {
		revisions = append(revisions, revision)
	}
	sort.Strings(revisions)
	for _, revision := range revisions {
		collect(&revision, in.Status.VersionedSubsetStatuses[revision])
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_WorkloadSpread_To_apps_WorkloadSpread converts up, restoring the preserved
// observedGeneration of each condition still at the same place with the same type.
func Convert_v1alpha1_WorkloadSpread_To_apps_WorkloadSpread(in *WorkloadSpread, out *apps.WorkloadSpread, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_WorkloadSpread_To_apps_WorkloadSpread(in, out, s); err != nil {
		return err
	}
	var extra workloadSpreadPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	for _, g := range extra.ConditionGenerations {
		statuses := out.Status.SubsetStatuses
		if g.Revision != nil {
			statuses = out.Status.VersionedSubsetStatuses[*g.Revision]
		}
		if g.Subset < 0 || g.Subset >= len(statuses) {
			continue
		}
		conditions := statuses[g.Subset].Conditions
		if g.Condition < 0 || g.Condition >= len(conditions) || conditions[g.Condition].Type != g.Type {
			continue
		}
		conditions[g.Condition].ObservedGeneration = g.ObservedGeneration
	}
	return nil
}

// Convert_apps_WorkloadSpreadSubset_To_v1alpha1_WorkloadSpreadSubset renames the node selector fields.
func Convert_apps_WorkloadSpreadSubset_To_v1alpha1_WorkloadSpreadSubset(in *apps.WorkloadSpreadSubset, out *WorkloadSpreadSubset, s conversion.Scope) error {
	if err := autoConvert_apps_WorkloadSpreadSubset_To_v1alpha1_WorkloadSpreadSubset(in, out, s); err != nil {
		return err
	}
	out.RequiredNodeSelectorTerm = in.RequiredNodeSelector
	out.PreferredNodeSelectorTerms = in.PreferredNodeSelector
	return nil
}

// Convert_v1alpha1_WorkloadSpreadSubset_To_apps_WorkloadSpreadSubset renames the node selector fields.
func Convert_v1alpha1_WorkloadSpreadSubset_To_apps_WorkloadSpreadSubset(in *WorkloadSpreadSubset, out *apps.WorkloadSpreadSubset, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_WorkloadSpreadSubset_To_apps_WorkloadSpreadSubset(in, out, s); err != nil {
		return err
	}
	out.RequiredNodeSelector = in.RequiredNodeSelectorTerm
	out.PreferredNodeSelector = in.PreferredNodeSelectorTerms
	return nil
}

// Convert_v1_Condition_To_v1alpha1_WorkloadSpreadSubsetCondition converts a subset condition down;
// observedGeneration is carried by the object-level conversion.
func Convert_v1_Condition_To_v1alpha1_WorkloadSpreadSubsetCondition(in *metav1.Condition, out *WorkloadSpreadSubsetCondition, _ conversion.Scope) error {
	out.Type = WorkloadSpreadSubsetConditionType(in.Type)
	out.Status = corev1.ConditionStatus(in.Status)
	out.LastTransitionTime = in.LastTransitionTime
	out.Reason = in.Reason
	out.Message = in.Message
	return nil
}

// Convert_v1alpha1_WorkloadSpreadSubsetCondition_To_v1_Condition converts a subset condition up;
// an empty reason becomes "Unknown", as in OpenKruise.
func Convert_v1alpha1_WorkloadSpreadSubsetCondition_To_v1_Condition(in *WorkloadSpreadSubsetCondition, out *metav1.Condition, _ conversion.Scope) error {
	out.Type = string(in.Type)
	out.Status = metav1.ConditionStatus(in.Status)
	out.LastTransitionTime = in.LastTransitionTime
	out.Reason = in.Reason
	if out.Reason == "" {
		out.Reason = unknownConditionReason
	}
	out.Message = in.Message
	out.ObservedGeneration = 0
	return nil
}

// Convert_Slice_v1alpha1_WorkloadSpreadSubsetStatus_To_Slice_apps_WorkloadSpreadSubsetStatus
// converts one revision's entry of versionedSubsetStatuses.
func Convert_Slice_v1alpha1_WorkloadSpreadSubsetStatus_To_Slice_apps_WorkloadSpreadSubsetStatus(in *[]WorkloadSpreadSubsetStatus, out *[]apps.WorkloadSpreadSubsetStatus, s conversion.Scope) error {
	if *in == nil {
		*out = nil
		return nil
	}
	*out = make([]apps.WorkloadSpreadSubsetStatus, len(*in))
	for i := range *in {
		if err := Convert_v1alpha1_WorkloadSpreadSubsetStatus_To_apps_WorkloadSpreadSubsetStatus(&(*in)[i], &(*out)[i], s); err != nil {
			return err
		}
	}
	return nil
}

// Convert_Slice_apps_WorkloadSpreadSubsetStatus_To_Slice_v1alpha1_WorkloadSpreadSubsetStatus
// converts one revision's entry of versionedSubsetStatuses.
func Convert_Slice_apps_WorkloadSpreadSubsetStatus_To_Slice_v1alpha1_WorkloadSpreadSubsetStatus(in *[]apps.WorkloadSpreadSubsetStatus, out *[]WorkloadSpreadSubsetStatus, s conversion.Scope) error {
	if *in == nil {
		*out = nil
		return nil
	}
	*out = make([]WorkloadSpreadSubsetStatus, len(*in))
	for i := range *in {
		if err := Convert_apps_WorkloadSpreadSubsetStatus_To_v1alpha1_WorkloadSpreadSubsetStatus(&(*in)[i], &(*out)[i], s); err != nil {
			return err
		}
	}
	return nil
}
