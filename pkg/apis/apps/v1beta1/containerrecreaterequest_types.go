package v1beta1

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
	// ContainerRecreateRequestUnreadyAcquiredKey is the finalizer held while the Pod is kept not-ready.
	ContainerRecreateRequestUnreadyAcquiredKey = "crr.apps.kruise.io/unready-acquired"
	// ContainerRecreateRequestPreRecreateGraceType is the condition recording when the Pod was made not-ready.
	ContainerRecreateRequestPreRecreateGraceType = "PreRecreateGrace"
)

// ContainerRecreateRequestSpec is the desired state of a ContainerRecreateRequest; it never changes after create.
type ContainerRecreateRequestSpec struct {
	// PodName names the Pod whose containers are recreated.
	PodName string `json:"podName"`
	// Containers to recreate.
	// +patchMergeKey=name
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=name
	Containers []ContainerRecreateRequestContainer `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
	// Strategy tunes the recreation.
	// +optional
	Strategy *ContainerRecreateRequestStrategy `json:"strategy,omitempty"`
	// ActiveDeadlineSeconds bounds how long the request may run.
	// +optional
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// TTLSecondsAfterFinished is how long a finished request is kept.
	// +optional
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
}

// ContainerRecreateRequestContainer names one container to recreate; the other fields are
// copied from the Pod by the server and may not be set by clients.
type ContainerRecreateRequestContainer struct {
	// Name of the container.
	Name string `json:"name"`
	// PreStop is the container's preStop hook.
	// +optional
	PreStop *CRRProbeHandler `json:"preStop,omitempty"`
	// Ports are the container's ports (copied when preStop is an HTTP GET).
	// +optional
	// +listType=atomic
	Ports []v1.ContainerPort `json:"ports,omitempty"`
	// StatusContext is the container's status when the request was created.
	// +optional
	StatusContext *ContainerRecreateRequestContainerContext `json:"statusContext,omitempty"`
}

// CRRProbeHandler is the container's preStop action.
type CRRProbeHandler struct {
	// +optional
	Exec *v1.ExecAction `json:"exec,omitempty" protobuf:"bytes,1,opt,name=exec"`
	// +optional
	HTTPGet *v1.HTTPGetAction `json:"httpGet,omitempty" protobuf:"bytes,2,opt,name=httpGet"`
	// +optional
	TCPSocket *v1.TCPSocketAction `json:"tcpSocket,omitempty" protobuf:"bytes,3,opt,name=tcpSocket"`
}

// ContainerRecreateRequestContainerContext is the container's status when the request was created.
type ContainerRecreateRequestContainerContext struct {
	// ContainerID, such as 'containerd://<id>'.
	ContainerID string `json:"containerID"`
	// RestartCount of the container.
	RestartCount int32 `json:"restartCount"`
}

// ContainerRecreateRequestStrategy tunes the recreation.
type ContainerRecreateRequestStrategy struct {
	// FailurePolicy is Fail (default: stop at the first failure) or Ignore.
	// +optional
	FailurePolicy ContainerRecreateRequestFailurePolicyType `json:"failurePolicy,omitempty"`
	// OrderedRecreate recreates one container only after the previous one is done.
	// +optional
	OrderedRecreate bool `json:"orderedRecreate,omitempty"`
	// ForceRecreate kills a container even while the previous one is starting.
	// +optional
	ForceRecreate bool `json:"forceRecreate,omitempty"`
	// TerminationGracePeriodSeconds for stopping each container (the Pod's when unset).
	// +optional
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
	// UnreadyGracePeriodSeconds the Pod is kept not-ready before its containers stop.
	// +optional
	UnreadyGracePeriodSeconds *int64 `json:"unreadyGracePeriodSeconds,omitempty"`
	// MinStartedSeconds a new container must run before it counts as recreated.
	// +optional
	MinStartedSeconds int32 `json:"minStartedSeconds,omitempty"`
}

// ContainerRecreateRequestFailurePolicyType says what to do when a container fails to recreate.
// +enum
type ContainerRecreateRequestFailurePolicyType string

// Failure policies.
const (
	ContainerRecreateRequestFailurePolicyFail   ContainerRecreateRequestFailurePolicyType = "Fail"
	ContainerRecreateRequestFailurePolicyIgnore ContainerRecreateRequestFailurePolicyType = "Ignore"
)

// ContainerRecreateRequestStatus is the observed state of a ContainerRecreateRequest.
type ContainerRecreateRequestStatus struct {
	// Phase of the request.
	Phase ContainerRecreateRequestPhase `json:"phase"`
	// CompletionTime is when the request finished.
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Message explains the phase.
	// +optional
	Message string `json:"message,omitempty"`
	// ContainerRecreateStates is the progress of each container.
	// +optional
	// +listType=atomic
	ContainerRecreateStates []ContainerRecreateRequestContainerRecreateState `json:"containerRecreateStates,omitempty"`
	// ContainerStatusSnapshot is the Pod's container statuses, synced while recreating
	// (v1alpha1 keeps it in the crr.apps.kruise.io/sync-container-statuses annotation).
	// +optional
	// +listType=atomic
	ContainerStatusSnapshot []ContainerRecreateRequestSyncContainerStatus `json:"containerStatusSnapshot,omitempty"`
	// Conditions of the request; PreRecreateGrace records when the Pod was made not-ready
	// (v1alpha1 keeps that time in the crr.apps.kruise.io/unready-acquired annotation).
	// +optional
	// +patchMergeKey=type
	// +patchStrategy=merge
	// +listType=map
	// +listMapKey=type
	Conditions []metav1.Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ContainerRecreateRequestPhase is the phase of a request or of one container.
// +enum
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
	// Name of the container.
	Name string `json:"name"`
	// Phase of the container's recreation.
	Phase ContainerRecreateRequestPhase `json:"phase"`
	// Message explains the phase.
	// +optional
	Message string `json:"message,omitempty"`
	// IsKilled is set once kruise-daemon has stopped the container.
	// +optional
	IsKilled bool `json:"isKilled,omitempty"`
}

// ContainerRecreateRequestSyncContainerStatus is one container's status in the snapshot.
type ContainerRecreateRequestSyncContainerStatus struct {
	// Name of the container.
	Name string `json:"name"`
	// Ready is whether the container passes its readiness probe.
	Ready bool `json:"ready"`
	// RestartCount of the container.
	RestartCount int32 `json:"restartCount"`
	// ContainerID, such as 'containerd://<id>'.
	// +optional
	ContainerID string `json:"containerID,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ContainerRecreateRequest asks kruise-daemon to restart some containers of a Pod in place.
type ContainerRecreateRequest struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec ContainerRecreateRequestSpec `json:"spec,omitempty"`
	// +optional
	Status ContainerRecreateRequestStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ContainerRecreateRequestList is a list of ContainerRecreateRequests.
type ContainerRecreateRequestList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ContainerRecreateRequest `json:"items"`
}

func init() {
	register(&ContainerRecreateRequest{}, &ContainerRecreateRequestList{})
}
