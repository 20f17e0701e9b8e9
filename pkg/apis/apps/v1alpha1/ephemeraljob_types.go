package v1alpha1

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EphemeralContainerEnvKey is the env var the controller injects into each ephemeral container, holding the job's UID.
const EphemeralContainerEnvKey = "KRUISE_EJOB_ID"

// EphemeralJobSpec is the desired state of an EphemeralJob.
type EphemeralJobSpec struct {
	// Selector picks the pods that get the ephemeral containers.
	Selector *metav1.LabelSelector `json:"selector"`
	// Replicas caps how many of the matched pods are targeted; unset means all.
	// +optional
	Replicas *int32 `json:"replicas,omitempty"`
	// Parallelism caps how many pods run the ephemeral containers at once (controller default 1).
	// +optional
	Parallelism *int32 `json:"parallelism,omitempty"`
	// Template holds the ephemeral containers to add.
	Template EphemeralContainerTemplateSpec `json:"template"`
	// Paused stops the job from targeting more pods.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// ActiveDeadlineSeconds bounds the job's run time, counted from status.startTime.
	// +optional
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// TTLSecondsAfterFinished is how long a finished job is kept (controller default 1800; 0 deletes at once).
	// +optional
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
}

// EphemeralContainerTemplateSpec holds the ephemeral containers of an EphemeralJob.
type EphemeralContainerTemplateSpec struct {
	// EphemeralContainers are added to every targeted pod.
	// +listType=map
	// +listMapKey=name
	// +patchStrategy=merge
	// +patchMergeKey=name
	EphemeralContainers []v1.EphemeralContainer `json:"ephemeralContainers" patchStrategy:"merge" patchMergeKey:"name"`
}

// EphemeralJobStatus is the observed state of an EphemeralJob.
type EphemeralJobStatus struct {
	// Conditions of the job.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +patchStrategy=merge
	// +patchMergeKey=type
	Conditions []EphemeralJobCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// StartTime is when the controller first acted on the job.
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`
	// CompletionTime is when the job finished.
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Phase summarises the job.
	// +optional
	Phase EphemeralJobPhase `json:"phase"`
	// Matches counts the pods the selector matched.
	// +optional
	Matches int32 `json:"match"`
	// Running counts pods whose ephemeral containers are running.
	// +optional
	Running int32 `json:"running"`
	// Succeeded counts pods whose ephemeral containers succeeded.
	// +optional
	Succeeded int32 `json:"succeeded"`
	// Waiting counts pods whose ephemeral containers are waiting.
	// +optional
	Waiting int32 `json:"waiting"`
	// Failed counts pods whose ephemeral containers failed.
	// +optional
	Failed int32 `json:"failed"`
}

// EphemeralJobCondition is one observation about an EphemeralJob.
type EphemeralJobCondition struct {
	// Type of the condition.
	Type EphemeralJobConditionType `json:"type"`
	// Status is True, False or Unknown.
	Status v1.ConditionStatus `json:"status"`
	// LastProbeTime is when the condition was last checked.
	// +optional
	LastProbeTime metav1.Time `json:"lastProbeTime,omitempty"`
	// LastTransitionTime is when Status last changed.
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// Reason is a machine-readable cause of the last transition.
	// +optional
	Reason string `json:"reason,omitempty"`
	// Message explains the last transition.
	// +optional
	Message string `json:"message,omitempty"`
}

// EphemeralJobConditionType is a kind of EphemeralJob condition.
type EphemeralJobConditionType string

// EphemeralJob condition types.
const (
	EJobSucceeded    EphemeralJobConditionType = "JobSucceeded"
	EJobFailed       EphemeralJobConditionType = "JobFailed"
	EJobError        EphemeralJobConditionType = "JobError"
	EJobInitialized  EphemeralJobConditionType = "Initialized"
	EJobMatchedEmpty EphemeralJobConditionType = "MatchedEmpty"
)

// EphemeralJobPhase summarises an EphemeralJob.
type EphemeralJobPhase string

// EphemeralJob phases.
const (
	EphemeralJobSucceeded EphemeralJobPhase = "Succeeded"
	EphemeralJobFailed    EphemeralJobPhase = "Failed"
	EphemeralJobWaiting   EphemeralJobPhase = "Waiting"
	EphemeralJobRunning   EphemeralJobPhase = "Running"
	EphemeralJobPause     EphemeralJobPhase = "Paused"
	EphemeralJobError     EphemeralJobPhase = "Error"
	EphemeralJobUnknown   EphemeralJobPhase = "Unknown"
)

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// EphemeralJob adds ephemeral containers to the pods a selector matches.
type EphemeralJob struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec EphemeralJobSpec `json:"spec,omitempty"`
	// +optional
	Status EphemeralJobStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// EphemeralJobList is a list of EphemeralJobs.
type EphemeralJobList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []EphemeralJob `json:"items"`
}

func init() {
	register(&EphemeralJob{}, &EphemeralJobList{})
}
