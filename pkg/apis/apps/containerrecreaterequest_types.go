package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Well-known keys of ContainerRecreateRequest.
const (
	// ContainerRecreateRequestPodUIDKey labels a request with the UID of its Pod (immutable).
	ContainerRecreateRequestPodUIDKey = "crr.apps.kruise.io/pod-uid"
	// ContainerRecreateRequestNodeNameKey labels a request with the node of its Pod (immutable).
	ContainerRecreateRequestNodeNameKey = "crr.apps.kruise.io/node-name"
	// ContainerRecreateRequestActiveKey is "true" until the request completes.
	ContainerRecreateRequestActiveKey = "crr.apps.kruise.io/active"
	// ContainerRecreateRequestPreRecreateGraceType is the condition recording when the Pod was made not-ready.
	ContainerRecreateRequestPreRecreateGraceType = "PreRecreateGrace"
)

// ContainerRecreateRequestSpec is the desired state of a ContainerRecreateRequest; it never changes after create.
type ContainerRecreateRequestSpec struct {
	// PodName names the Pod whose containers are recreated.
	PodName string
	// Containers to recreate.
	Containers []ContainerRecreateRequestContainer
	// Strategy tunes the recreation.
	Strategy *ContainerRecreateRequestStrategy
	// ActiveDeadlineSeconds bounds how long the request may run.
	ActiveDeadlineSeconds *int64
	// TTLSecondsAfterFinished is how long a finished request is kept.
	TTLSecondsAfterFinished *int32
}

// ContainerRecreateRequestContainer names one container to recreate; the other fields are copied from the Pod.
type ContainerRecreateRequestContainer struct {
	Name          string
	PreStop       *CRRProbeHandler
	Ports         []v1.ContainerPort
	StatusContext *ContainerRecreateRequestContainerContext
}

// CRRProbeHandler is the container's preStop action.
type CRRProbeHandler struct {
	Exec      *v1.ExecAction
	HTTPGet   *v1.HTTPGetAction
	TCPSocket *v1.TCPSocketAction
}

// ContainerRecreateRequestContainerContext is the container's status when the request was created.
type ContainerRecreateRequestContainerContext struct {
	ContainerID  string
	RestartCount int32
}

// ContainerRecreateRequestStrategy tunes the recreation.
type ContainerRecreateRequestStrategy struct {
	// FailurePolicy is Fail (stop at the first failure) or Ignore.
	FailurePolicy ContainerRecreateRequestFailurePolicyType
	// OrderedRecreate recreates one container only after the previous one is done.
	OrderedRecreate bool
	// ForceRecreate kills a container even while the previous one is starting.
	ForceRecreate bool
	// TerminationGracePeriodSeconds for stopping each container.
	TerminationGracePeriodSeconds *int64
	// UnreadyGracePeriodSeconds the Pod is kept not-ready before its containers stop.
	UnreadyGracePeriodSeconds *int64
	// MinStartedSeconds a new container must run before it counts as recreated.
	MinStartedSeconds int32
}

// ContainerRecreateRequestFailurePolicyType says what to do when a container fails to recreate.
type ContainerRecreateRequestFailurePolicyType string

// Failure policies.
const (
	ContainerRecreateRequestFailurePolicyFail   ContainerRecreateRequestFailurePolicyType = "Fail"
	ContainerRecreateRequestFailurePolicyIgnore ContainerRecreateRequestFailurePolicyType = "Ignore"
)

// ContainerRecreateRequestStatus is the observed state of a ContainerRecreateRequest.
type ContainerRecreateRequestStatus struct {
	Phase                   ContainerRecreateRequestPhase
	CompletionTime          *metav1.Time
	Message                 string
	ContainerRecreateStates []ContainerRecreateRequestContainerRecreateState
	// ContainerStatusSnapshot is the Pod's container statuses, synced while recreating.
	ContainerStatusSnapshot []ContainerRecreateRequestSyncContainerStatus
	// Conditions, keyed by type (PreRecreateGrace).
	Conditions []metav1.Condition
}

// ContainerRecreateRequestPhase is the phase of a request or of one container.
type ContainerRecreateRequestPhase string

// Phases.
const (
	ContainerRecreateRequestPending    ContainerRecreateRequestPhase = "Pending"
	ContainerRecreateRequestRecreating ContainerRecreateRequestPhase = "Recreating"
	ContainerRecreateRequestSucceeded  ContainerRecreateRequestPhase = "Succeeded"
	ContainerRecreateRequestFailed     ContainerRecreateRequestPhase = "Failed"
	ContainerRecreateRequestCompleted  ContainerRecreateRequestPhase = "Completed"
)

// ContainerRecreateRequestContainerRecreateState is the progress of one container.
type ContainerRecreateRequestContainerRecreateState struct {
	Name     string
	Phase    ContainerRecreateRequestPhase
	Message  string
	IsKilled bool
}

// ContainerRecreateRequestSyncContainerStatus is one container's status in the snapshot.
type ContainerRecreateRequestSyncContainerStatus struct {
	Name         string
	Ready        bool
	RestartCount int32
	ContainerID  string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ContainerRecreateRequest asks kruise-daemon to restart some containers of a Pod in place.
type ContainerRecreateRequest struct {
	metav1.TypeMeta
	metav1.ObjectMeta

	Spec   ContainerRecreateRequestSpec
	Status ContainerRecreateRequestStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ContainerRecreateRequestList is a list of ContainerRecreateRequests.
type ContainerRecreateRequestList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []ContainerRecreateRequest
}

func init() {
	register(&ContainerRecreateRequest{}, &ContainerRecreateRequestList{})
}
