package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EphemeralContainerEnvKey is the env var the controller injects into each ephemeral container, holding the job's UID.
const EphemeralContainerEnvKey = "KRUISE_EJOB_ID"

// EphemeralJobSpec is the desired state of an EphemeralJob.
type EphemeralJobSpec struct {
	// Selector picks the pods that get the ephemeral containers.
	Selector *metav1.LabelSelector
	// Replicas caps how many of the matched pods are targeted; unset means all.
	Replicas *int32
	// Parallelism caps how many pods run the ephemeral containers at once (controller default 1).
	Parallelism *int32
	// Template holds the ephemeral containers to add.
	Template EphemeralContainerTemplateSpec
	// Paused stops the job from targeting more pods.
	Paused bool
	// ActiveDeadlineSeconds bounds the job's run time, counted from status.startTime.
	ActiveDeadlineSeconds *int64
	// TTLSecondsAfterFinished is how long a finished job is kept (controller default 1800; 0 deletes at once).
	TTLSecondsAfterFinished *int32
}

// EphemeralContainerTemplateSpec holds the ephemeral containers of an EphemeralJob.
type EphemeralContainerTemplateSpec struct {
	// EphemeralContainers are added to every targeted pod.
	EphemeralContainers []v1.EphemeralContainer
}

// EphemeralJobStatus is the observed state of an EphemeralJob.
type EphemeralJobStatus struct {
	// Conditions of the job.
	Conditions []EphemeralJobCondition
	// StartTime is when the controller first acted on the job.
	StartTime *metav1.Time
	// CompletionTime is when the job finished.
	CompletionTime *metav1.Time
	// Phase summarises the job.
	Phase EphemeralJobPhase
	// Matches counts the pods the selector matched.
	Matches int32
	// Running counts pods whose ephemeral containers are running.
	Running int32
	// Succeeded counts pods whose ephemeral containers succeeded.
	Succeeded int32
	// Waiting counts pods whose ephemeral containers are waiting.
	Waiting int32
	// Failed counts pods whose ephemeral containers failed.
	Failed int32
}

// EphemeralJobCondition is one observation about an EphemeralJob.
type EphemeralJobCondition struct {
	Type               EphemeralJobConditionType
	Status             v1.ConditionStatus
	LastProbeTime      metav1.Time
	LastTransitionTime metav1.Time
	Reason             string
	Message            string
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

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// EphemeralJob adds ephemeral containers to the pods a selector matches.
type EphemeralJob struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   EphemeralJobSpec
	Status EphemeralJobStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// EphemeralJobList is a list of EphemeralJobs.
type EphemeralJobList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []EphemeralJob
}

func init() {
	register(&EphemeralJob{}, &EphemeralJobList{})
}
