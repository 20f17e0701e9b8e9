package apps

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
	Parallelism *intstr.IntOrString
	// Template is the pod run once on every eligible node.
	Template v1.PodTemplateSpec
	// CompletionPolicy decides when the job is finished.
	CompletionPolicy CompletionPolicy
	// Paused stops creating new pods.
	Paused bool
	// FailurePolicy decides what a failed pod does to the job.
	FailurePolicy FailurePolicy
}

// CompletionPolicy decides when a job is finished.
type CompletionPolicy struct {
	// Type is Always (finish once every pod is done) or Never (keep running for new nodes).
	Type CompletionPolicyType
	// ActiveDeadlineSeconds bounds the job's run time (Always only).
	ActiveDeadlineSeconds *int64
	// TTLSecondsAfterFinished delays deletion of a finished job (Always only).
	TTLSecondsAfterFinished *int32
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
	Conditions     []JobCondition
	StartTime      *metav1.Time
	CompletionTime *metav1.Time
	// Active, Succeeded and Failed count pods; Desired counts eligible nodes.
	Active    int32
	Succeeded int32
	Failed    int32
	Desired   int32
	Phase     BroadcastJobPhase
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
	Type FailurePolicyType
	// RestartLimit is how many restarts a pod gets before it counts as failed.
	RestartLimit int32
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
	Type               JobConditionType
	Status             v1.ConditionStatus
	LastProbeTime      metav1.Time
	LastTransitionTime metav1.Time
	Reason             string
	Message            string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// BroadcastJob runs one pod on each eligible node.
type BroadcastJob struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   BroadcastJobSpec
	Status BroadcastJobStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// BroadcastJobList is a list of BroadcastJobs.
type BroadcastJobList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []BroadcastJob
}

func init() {
	register(&BroadcastJob{}, &BroadcastJobList{})
}
