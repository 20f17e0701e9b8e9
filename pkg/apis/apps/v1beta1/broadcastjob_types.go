package v1beta1

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Pod labels the BroadcastJob controller owns; users may not preset them in the template.
const (
	BroadcastJobNameLabelKey          = "broadcastjob-name"
	BroadcastJobControllerUIDLabelKey = "broadcastjob-controller-uid"
)

// BroadcastJobSpec is the desired state of a BroadcastJob.
type BroadcastJobSpec struct {
	// Parallelism caps how many pods run at once (unlimited when unset).
	// +optional
	Parallelism *intstr.IntOrString `json:"parallelism,omitempty"`
	// Template is the pod run once on every eligible node.
	Template v1.PodTemplateSpec `json:"template"`
	// CompletionPolicy decides when the job is finished (Always when unset).
	// +optional
	CompletionPolicy CompletionPolicy `json:"completionPolicy"`
	// Paused stops creating new pods.
	// +optional
	Paused bool `json:"paused,omitempty"`
	// FailurePolicy decides what a failed pod does to the job.
	// +optional
	FailurePolicy FailurePolicy `json:"failurePolicy,omitempty"`
}

// CompletionPolicy decides when a job is finished.
type CompletionPolicy struct {
	// Type is Always (finish once every pod is done) or Never (keep running for new nodes).
	// +optional
	Type CompletionPolicyType `json:"type,omitempty"`
	// ActiveDeadlineSeconds bounds the job's run time (Always only).
	// +optional
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// TTLSecondsAfterFinished delays deletion of a finished job (Always only).
	// +optional
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
}

// CompletionPolicyType names a completion policy.
type CompletionPolicyType string

// Completion policies.
const (
	Always CompletionPolicyType = "Always"
	Never  CompletionPolicyType = "Never"
)

// BroadcastJobStatus is the observed state of a BroadcastJob.
type BroadcastJobStatus struct {
	// Conditions are Complete and Failed.
	// +optional
	// +patchMergeKey=type
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=type
	Conditions []JobCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// StartTime is when the controller picked the job up.
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`
	// CompletionTime is when the job finished.
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Active counts running pods.
	// +optional
	Active int32 `json:"active"`
	// Succeeded counts pods that succeeded.
	// +optional
	Succeeded int32 `json:"succeeded"`
	// Failed counts pods that failed.
	// +optional
	Failed int32 `json:"failed"`
	// Desired counts the eligible nodes.
	// +optional
	Desired int32 `json:"desired"`
	// Phase is completed, running, paused or failed.
	// +optional
	Phase BroadcastJobPhase `json:"phase"`
}

// BroadcastJobPhase is the lower-case phase of a BroadcastJob.
type BroadcastJobPhase string

// BroadcastJob phases.
const (
	PhaseCompleted BroadcastJobPhase = "completed"
	PhaseRunning   BroadcastJobPhase = "running"
	PhasePaused    BroadcastJobPhase = "paused"
	PhaseFailed    BroadcastJobPhase = "failed"
)

// FailurePolicy decides what a failed pod does to the job.
type FailurePolicy struct {
	// Type is FailFast (default), Continue or Pause.
	// +optional
	Type FailurePolicyType `json:"type,omitempty"`
	// RestartLimit is how many restarts a pod gets before it counts as failed.
	// +optional
	RestartLimit int32 `json:"restartLimit,omitempty"`
}

// FailurePolicyType names a failure policy.
type FailurePolicyType string

// Failure policies.
const (
	FailurePolicyTypeContinue FailurePolicyType = "Continue"
	FailurePolicyTypeFailFast FailurePolicyType = "FailFast"
	FailurePolicyTypePause    FailurePolicyType = "Pause"
)

// JobConditionType names a BroadcastJob condition.
type JobConditionType string

// BroadcastJob condition types.
const (
	JobComplete JobConditionType = "Complete"
	JobFailed   JobConditionType = "Failed"
)

// JobCondition is one observed condition of a BroadcastJob.
type JobCondition struct {
	// Type is Complete or Failed.
	Type JobConditionType `json:"type"`
	// Status is True, False or Unknown.
	Status v1.ConditionStatus `json:"status"`
	// +optional
	LastProbeTime metav1.Time `json:"lastProbeTime,omitempty"`
	// +optional
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	// +optional
	Reason string `json:"reason,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// BroadcastJob runs one pod on each eligible node.
type BroadcastJob struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec BroadcastJobSpec `json:"spec,omitempty"`
	// +optional
	Status BroadcastJobStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// BroadcastJobList is a list of BroadcastJobs.
type BroadcastJobList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []BroadcastJob `json:"items"`
}

func init() {
	register(&BroadcastJob{}, &BroadcastJobList{})
}
