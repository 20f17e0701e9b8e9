package v1alpha1

import (
	"sort"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// unitedDeploymentPreserved holds the subset statuses when the v1alpha1 maps would rewrite them
// (several statuses with one name); v1alpha1 otherwise expresses the v1beta1 status fully.
// +k8s:openapi-gen=false
type unitedDeploymentPreserved struct {
	SubsetStatuses []UnitedDeploymentSubsetStatus `json:"subsetStatuses,omitempty"`
}

// Convert_apps_UnitedDeployment_To_v1alpha1_UnitedDeployment converts down and preserves the subset
// statuses if converting back up would not reproduce them.
func Convert_apps_UnitedDeployment_To_v1alpha1_UnitedDeployment(in *apps.UnitedDeployment, out *UnitedDeployment, s conversion.Scope) error {
	if err := autoConvert_apps_UnitedDeployment_To_v1alpha1_UnitedDeployment(in, out, s); err != nil {
		return err
	}
	var up apps.UnitedDeploymentStatus
	if err := Convert_v1alpha1_UnitedDeploymentStatus_To_apps_UnitedDeploymentStatus(&out.Status, &up, s); err != nil {
		return err
	}
	var extra unitedDeploymentPreserved
	if !apiequality.Semantic.DeepEqual(up.SubsetStatuses, in.Status.SubsetStatuses) {
		extra.SubsetStatuses = make([]UnitedDeploymentSubsetStatus, len(in.Status.SubsetStatuses))
		for i := range in.Status.SubsetStatuses {
			if err := Convert_apps_UnitedDeploymentSubsetStatus_To_v1alpha1_UnitedDeploymentSubsetStatus(in.Status.SubsetStatuses[i].DeepCopy(), &extra.SubsetStatuses[i], s); err != nil {
				return err
			}
		}
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_UnitedDeployment_To_apps_UnitedDeployment converts up. Preserved subset statuses
// are used only if the client left the v1alpha1 status as it was written.
func Convert_v1alpha1_UnitedDeployment_To_apps_UnitedDeployment(in *UnitedDeployment, out *apps.UnitedDeployment, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_UnitedDeployment_To_apps_UnitedDeployment(in, out, s); err != nil {
		return err
	}
	var extra unitedDeploymentPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	if extra.SubsetStatuses == nil {
		return nil
	}
	preserved := make([]apps.UnitedDeploymentSubsetStatus, len(extra.SubsetStatuses))
	for i := range extra.SubsetStatuses {
		if err := Convert_v1alpha1_UnitedDeploymentSubsetStatus_To_apps_UnitedDeploymentSubsetStatus(&extra.SubsetStatuses[i], &preserved[i], s); err != nil {
			return err
		}
	}
	candidate := out.Status
	candidate.SubsetStatuses = preserved
	var down UnitedDeploymentStatus
	if err := Convert_apps_UnitedDeploymentStatus_To_v1alpha1_UnitedDeploymentStatus(&candidate, &down, s); err != nil {
		return err
	}
	if apiequality.Semantic.DeepEqual(down, in.Status) {
		out.Status.SubsetStatuses = preserved
	}
	return nil
}

// Convert_apps_UnitedDeploymentStatus_To_v1alpha1_UnitedDeploymentStatus also fills the v1alpha1
// subsetReplicas map and updateStatus from updatedRevision and the subset statuses.
func Convert_apps_UnitedDeploymentStatus_To_v1alpha1_UnitedDeploymentStatus(in *apps.UnitedDeploymentStatus, out *UnitedDeploymentStatus, s conversion.Scope) error {
	if err := autoConvert_apps_UnitedDeploymentStatus_To_v1alpha1_UnitedDeploymentStatus(in, out, s); err != nil {
		return err
	}
	out.SubsetReplicas = nil
	out.UpdateStatus = nil
	replicas := map[string]int32{}
	partitions := map[string]int32{}
	for _, st := range in.SubsetStatuses {
		if st.Name == "" {
			continue
		}
		replicas[st.Name] = st.Replicas
		partitions[st.Name] = st.Partition
	}
	if len(replicas) > 0 {
		out.SubsetReplicas = replicas
	}
	if in.UpdatedRevision != "" || len(in.SubsetStatuses) > 0 {
		out.UpdateStatus = &UpdateStatus{UpdatedRevision: in.UpdatedRevision}
		if len(partitions) > 0 {
			out.UpdateStatus.CurrentPartitions = partitions
		}
	}
	return nil
}

// Convert_v1alpha1_UnitedDeploymentStatus_To_apps_UnitedDeploymentStatus takes updatedRevision from
// updateStatus and writes subsetReplicas and currentPartitions into the subset statuses, appending a
// status (in name order) for each subset not listed yet.
func Convert_v1alpha1_UnitedDeploymentStatus_To_apps_UnitedDeploymentStatus(in *UnitedDeploymentStatus, out *apps.UnitedDeploymentStatus, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_UnitedDeploymentStatus_To_apps_UnitedDeploymentStatus(in, out, s); err != nil {
		return err
	}
	out.UpdatedRevision = ""
	var partitions map[string]int32
	if in.UpdateStatus != nil {
		out.UpdatedRevision = in.UpdateStatus.UpdatedRevision
		partitions = in.UpdateStatus.CurrentPartitions
	}
	if len(in.SubsetReplicas) == 0 && len(partitions) == 0 {
		return nil
	}
	// Never write through the slice shared with the v1alpha1 object.
	statuses := make([]apps.UnitedDeploymentSubsetStatus, len(out.SubsetStatuses))
	copy(statuses, out.SubsetStatuses)
	subset := func(name string) *apps.UnitedDeploymentSubsetStatus {
		for i := range statuses {
			if statuses[i].Name == name {
				return &statuses[i]
			}
		}
		statuses = append(statuses, apps.UnitedDeploymentSubsetStatus{Name: name})
		return &statuses[len(statuses)-1]
	}
	for _, name := range sortedKeys(in.SubsetReplicas) {
		subset(name).Replicas = in.SubsetReplicas[name]
	}
	for _, name := range sortedKeys(partitions) {
		subset(name).Partition = partitions[name]
	}
	out.SubsetStatuses = statuses
	return nil
}

func sortedKeys(m map[string]int32) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
