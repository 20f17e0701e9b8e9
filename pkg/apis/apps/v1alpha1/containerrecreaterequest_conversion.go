package v1alpha1

import (
	"encoding/json"
	"time"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// preRecreateGraceMessage is the message OpenKruise gives the PreRecreateGrace condition it builds
// from the unready-acquired annotation.
const preRecreateGraceMessage = "Pod has been forced to not-ready for unreadyGracePeriodSeconds drain"

// crrAnnotationKeys are the annotations v1alpha1 uses for status fields.
var crrAnnotationKeys = []string{
	ContainerRecreateRequestSyncContainerStatusesKey,
	ContainerRecreateRequestUnreadyAcquiredKey,
}

// crrPreserved holds what a v1alpha1 ContainerRecreateRequest cannot express.
// +k8s:openapi-gen=false
type crrPreserved struct {
	// Conditions is the whole condition list, kept when the unready-acquired annotation alone
	// would not rebuild it.
	Conditions []metav1.Condition `json:"conditions,omitempty"`
	// Annotations are values the object itself carried under crrAnnotationKeys; the v1alpha1 view
	// uses those keys for the status fields instead.
	Annotations map[string]string `json:"annotations,omitempty"`
}

// Convert_apps_ContainerRecreateRequest_To_v1alpha1_ContainerRecreateRequest converts down: the
// container status snapshot and the PreRecreateGrace time become annotations, and anything else
// v1alpha1 cannot hold goes into the preserve annotation.
func Convert_apps_ContainerRecreateRequest_To_v1alpha1_ContainerRecreateRequest(in *apps.ContainerRecreateRequest, out *ContainerRecreateRequest, s conversion.Scope) error {
	if err := autoConvert_apps_ContainerRecreateRequest_To_v1alpha1_ContainerRecreateRequest(in, out, s); err != nil {
		return err
	}
	var extra crrPreserved
	for _, key := range crrAnnotationKeys {
		if v, ok := in.Annotations[key]; ok {
			if extra.Annotations == nil {
				extra.Annotations = map[string]string{}
			}
			extra.Annotations[key] = v
			preserve.RemoveAnnotation(&out.ObjectMeta, key)
		}
	}
	if in.Status.ContainerStatusSnapshot != nil {
		statuses := make([]ContainerRecreateRequestSyncContainerStatus, len(in.Status.ContainerStatusSnapshot))
		for i := range in.Status.ContainerStatusSnapshot {
			if err := Convert_apps_ContainerRecreateRequestSyncContainerStatus_To_v1alpha1_ContainerRecreateRequestSyncContainerStatus(&in.Status.ContainerStatusSnapshot[i], &statuses[i], s); err != nil {
				return err
			}
		}
		data, err := json.Marshal(statuses)
		if err != nil {
			return err
		}
		preserve.SetAnnotation(&out.ObjectMeta, ContainerRecreateRequestSyncContainerStatusesKey, string(data))
	}
	acquired, ok := unreadyAcquiredTime(in.Status.Conditions)
	if ok {
		formatted := acquired.UTC().Format(time.RFC3339)
		preserve.SetAnnotation(&out.ObjectMeta, ContainerRecreateRequestUnreadyAcquiredKey, formatted)
		// Compare against what the up conversion will parse back (whole seconds).
		acquired, _ = time.Parse(time.RFC3339, formatted)
	}
	if !apiequality.Semantic.DeepEqual(applyUnreadyAcquired(nil, acquired, ok), in.Status.Conditions) {
		extra.Conditions = in.Status.Conditions
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_ContainerRecreateRequest_To_apps_ContainerRecreateRequest converts up: the
// sync-container-statuses and unready-acquired annotations move into status and are removed. An
// annotation that does not parse is left in place and its field stays unset.
func Convert_v1alpha1_ContainerRecreateRequest_To_apps_ContainerRecreateRequest(in *ContainerRecreateRequest, out *apps.ContainerRecreateRequest, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_ContainerRecreateRequest_To_apps_ContainerRecreateRequest(in, out, s); err != nil {
		return err
	}
	var extra crrPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}

	if raw, ok := in.Annotations[ContainerRecreateRequestSyncContainerStatusesKey]; ok {
		var statuses []ContainerRecreateRequestSyncContainerStatus
		if err := json.Unmarshal([]byte(raw), &statuses); err == nil {
			var snapshot []apps.ContainerRecreateRequestSyncContainerStatus
			if statuses != nil {
				snapshot = make([]apps.ContainerRecreateRequestSyncContainerStatus, len(statuses))
			}
			for i := range statuses {
				if err := Convert_v1alpha1_ContainerRecreateRequestSyncContainerStatus_To_apps_ContainerRecreateRequestSyncContainerStatus(&statuses[i], &snapshot[i], s); err != nil {
					return err
				}
			}
			out.Status.ContainerStatusSnapshot = snapshot
			preserve.RemoveAnnotation(&out.ObjectMeta, ContainerRecreateRequestSyncContainerStatusesKey)
		}
	}

	out.Status.Conditions = extra.Conditions
	raw, present := in.Annotations[ContainerRecreateRequestUnreadyAcquiredKey]
	var acquired time.Time
	parsed := true
	if present {
		t, err := time.Parse(time.RFC3339, raw)
		if err == nil {
			acquired = t
			preserve.RemoveAnnotation(&out.ObjectMeta, ContainerRecreateRequestUnreadyAcquiredKey)
		} else {
			parsed = false
		}
	}
	if parsed {
		// The preserved list wins only if the client left the annotation as the down conversion wrote it.
		kept, keptOK := unreadyAcquiredTime(extra.Conditions)
		untouched := keptOK == present && (!present || kept.Equal(acquired))
		if extra.Conditions == nil || !untouched {
			out.Status.Conditions = applyUnreadyAcquired(extra.Conditions, acquired, present)
		}
	}

	for key, v := range extra.Annotations {
		if _, kept := out.Annotations[key]; !kept {
			preserve.SetAnnotation(&out.ObjectMeta, key, v)
		}
	}
	return nil
}

// unreadyAcquiredTime returns the time of the first PreRecreateGrace condition that is True.
func unreadyAcquiredTime(conditions []metav1.Condition) (time.Time, bool) {
	for i := range conditions {
		c := &conditions[i]
		if c.Type == apps.ContainerRecreateRequestPreRecreateGraceType && c.Status == metav1.ConditionTrue {
			return c.LastTransitionTime.Time, true
		}
	}
	return time.Time{}, false
}

// applyUnreadyAcquired returns a copy of conditions that carries a True PreRecreateGrace condition
// at acquired when present is set (replacing any PreRecreateGrace entry), and none otherwise.
func applyUnreadyAcquired(conditions []metav1.Condition, acquired time.Time, present bool) []metav1.Condition {
	var out []metav1.Condition
	replaced := false
	for _, c := range conditions {
		if c.Type == apps.ContainerRecreateRequestPreRecreateGraceType {
			if present && !replaced {
				out = append(out, preRecreateGraceCondition(acquired))
				replaced = true
				continue
			}
			if c.Status == metav1.ConditionTrue {
				continue
			}
		}
		out = append(out, c)
	}
	if present && !replaced {
		out = append(out, preRecreateGraceCondition(acquired))
	}
	return out
}

func preRecreateGraceCondition(acquired time.Time) metav1.Condition {
	return metav1.Condition{
		Type:               apps.ContainerRecreateRequestPreRecreateGraceType,
		Status:             metav1.ConditionTrue,
		LastTransitionTime: metav1.NewTime(acquired),
		Reason:             apps.ContainerRecreateRequestPreRecreateGraceType,
		Message:            preRecreateGraceMessage,
	}
}

// Convert_apps_ContainerRecreateRequestStatus_To_v1alpha1_ContainerRecreateRequestStatus copies the
// fields v1alpha1 has; the object-level conversion handles the snapshot and the conditions.
func Convert_apps_ContainerRecreateRequestStatus_To_v1alpha1_ContainerRecreateRequestStatus(in *apps.ContainerRecreateRequestStatus, out *ContainerRecreateRequestStatus, s conversion.Scope) error {
	return autoConvert_apps_ContainerRecreateRequestStatus_To_v1alpha1_ContainerRecreateRequestStatus(in, out, s)
}

// Convert_v1alpha1_ProbeHandler_To_apps_CRRProbeHandler maps the renamed preStop type.
func Convert_v1alpha1_ProbeHandler_To_apps_CRRProbeHandler(in *ProbeHandler, out *apps.CRRProbeHandler, _ conversion.Scope) error {
	out.Exec = in.Exec
	out.HTTPGet = in.HTTPGet
	out.TCPSocket = in.TCPSocket
	return nil
}

// Convert_apps_CRRProbeHandler_To_v1alpha1_ProbeHandler maps the renamed preStop type.
func Convert_apps_CRRProbeHandler_To_v1alpha1_ProbeHandler(in *apps.CRRProbeHandler, out *ProbeHandler, _ conversion.Scope) error {
	out.Exec = in.Exec
	out.HTTPGet = in.HTTPGet
	out.TCPSocket = in.TCPSocket
	return nil
}
