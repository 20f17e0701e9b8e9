package v1alpha1

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NodeImageSpec is the desired state of a NodeImage: the images its node should hold.
type NodeImageSpec struct {
	// Images maps an image repository (no tag) to what to pull of it; at most 256 entries.
	// +optional
	Images map[string]ImageSpec `json:"images,omitempty"`
}

// ImageSpec lists the tags of one repository to pull.
type ImageSpec struct {
	// PullSecrets reference the secrets used to pull.
	// +optional
	// +listType=atomic
	PullSecrets []ReferenceObject `json:"pullSecrets,omitempty"`
	// Tags are the versions to pull.
	// +listType=atomic
	Tags []ImageTagSpec `json:"tags"`
	// SandboxConfig is passed to the CRI PullImage call.
	// +optional
	SandboxConfig *SandboxConfig `json:"sandboxConfig,omitempty"`
}

// ReferenceObject names a secret as namespace and name. The v1beta1 mode has no field here;
// it travels in the preserve annotation.
type ReferenceObject struct {
	// +optional
	Namespace string `json:"namespace,omitempty"`
	// +optional
	Name string `json:"name,omitempty"`
}

// ImageTagSpec is one tag to pull.
type ImageTagSpec struct {
	// Tag is the image tag.
	Tag string `json:"tag"`
	// CreatedAt is when the tag was requested (set by the server when missing).
	// +optional
	CreatedAt *metav1.Time `json:"createdAt,omitempty"`
	// PullPolicy tunes the pull of this tag.
	// +optional
	PullPolicy *ImageTagPullPolicy `json:"pullPolicy,omitempty"`
	// OwnerReferences are the jobs that want this tag.
	// +optional
	// +listType=atomic
	OwnerReferences []v1.ObjectReference `json:"ownerReferences,omitempty"`
	// Version is bumped to ask for a new pull.
	// +optional
	Version int64 `json:"version,omitempty"`
	// ImagePullPolicy is Always or IfNotPresent.
	// +optional
	ImagePullPolicy ImagePullPolicy `json:"imagePullPolicy,omitempty"`
}

// ImageTagPullPolicy tunes the pull of one tag.
type ImageTagPullPolicy struct {
	// TimeoutSeconds bounds one pull attempt (600 when unset).
	// +optional
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty"`
	// BackoffLimit is how many retries a pull gets (3 when unset).
	// +optional
	BackoffLimit *int32 `json:"backoffLimit,omitempty"`
	// TTLSecondsAfterFinished is how long a finished pull task is kept; required.
	// +optional
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
	// ActiveDeadlineSeconds bounds the whole pull task.
	// +optional
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
}

// NodeImageStatus is the observed state of a NodeImage, written by kruise-daemon.
type NodeImageStatus struct {
	// Desired counts the pull tasks in spec.
	Desired int32 `json:"desired"`
	// +optional
	Succeeded int32 `json:"succeeded"`
	// +optional
	Failed int32 `json:"failed"`
	// +optional
	Pulling int32 `json:"pulling"`
	// +optional
	Waiting int32 `json:"waiting"`
	// ImageStatuses maps a repository to the state of its tags.
	// +optional
	ImageStatuses map[string]ImageStatus `json:"imageStatuses,omitempty"`
	// FirstSyncStatus records when every pull first finished.
	// +optional
	FirstSyncStatus *SyncStatus `json:"firstSyncStatus,omitempty"`
}

// ImageStatus is the pull state of the tags of one repository.
type ImageStatus struct {
	// +listType=atomic
	Tags []ImageTagStatus `json:"tags"`
}

// ImageTagStatus is the pull state of one tag.
type ImageTagStatus struct {
	Tag   string         `json:"tag"`
	Phase ImagePullPhase `json:"phase"`
	// Progress is a percentage, 0 to 100.
	// +optional
	Progress int32 `json:"progress,omitempty"`
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Version is the spec version this state belongs to.
	// +optional
	Version int64 `json:"version,omitempty"`
	// +optional
	ImageID string `json:"imageID,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// ImagePullPhase is the state of one pull task.
type ImagePullPhase string

// Pull task phases.
const (
	ImagePhaseWaiting   ImagePullPhase = "Waiting"
	ImagePhasePulling   ImagePullPhase = "Pulling"
	ImagePhaseSucceeded ImagePullPhase = "Succeeded"
	ImagePhaseFailed    ImagePullPhase = "Failed"
)

// SyncStatus records the first time every pull on the node finished.
type SyncStatus struct {
	// +optional
	SyncAt metav1.Time `json:"syncAt,omitempty"`
	// +optional
	Status SyncStatusPhase `json:"status,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// SyncStatusPhase is the outcome recorded in SyncStatus.
type SyncStatusPhase string

// Sync outcomes.
const (
	SyncStatusSucceeded SyncStatusPhase = "Succeeded"
	SyncStatusFailed    SyncStatusPhase = "Failed"
)

// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodeImage lists the images one node should pull; it is named after its node.
type NodeImage struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec NodeImageSpec `json:"spec,omitempty"`
	// +optional
	Status NodeImageStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodeImageList is a list of NodeImages.
type NodeImageList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []NodeImage `json:"items"`
}

func init() {
	register(&NodeImage{}, &NodeImageList{})
}
