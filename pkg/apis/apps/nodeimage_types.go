package apps

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NodeImageSpec is the desired state of a NodeImage: the images its node should hold.
type NodeImageSpec struct {
	// Images maps an image repository (no tag) to what to pull of it.
	Images map[string]ImageSpec
}

// ImageSpec lists the tags of one repository to pull.
type ImageSpec struct {
	PullSecrets   []ReferenceObject
	Tags          []ImageTagSpec
	SandboxConfig *SandboxConfig
}

// ReferenceObjectModeBatch marks a pull secret synced once and shared by jobs.
const ReferenceObjectModeBatch = "batch"

// ReferenceObject names a secret as namespace and name.
type ReferenceObject struct {
	Namespace string
	Name      string
	// Mode is "batch" for secrets of the shared-secret mode (v1beta1 only).
	Mode string
}

// ImageTagSpec is one tag to pull.
type ImageTagSpec struct {
	Tag string
	// CreatedAt is when the tag was requested (set by the server when missing).
	CreatedAt  *metav1.Time
	PullPolicy *ImageTagPullPolicy
	// OwnerReferences are the jobs that want this tag.
	OwnerReferences []v1.ObjectReference
	// Version is bumped to ask for a new pull.
	Version         int64
	ImagePullPolicy ImagePullPolicy
}

// ImageTagPullPolicy tunes the pull of one tag.
type ImageTagPullPolicy struct {
	TimeoutSeconds          *int32
	BackoffLimit            *int32
	TTLSecondsAfterFinished *int32
	ActiveDeadlineSeconds   *int64
}

// NodeImageStatus is the observed state of a NodeImage, written by kruise-daemon.
type NodeImageStatus struct {
	Desired         int32
	Succeeded       int32
	Failed          int32
	Pulling         int32
	Waiting         int32
	ImageStatuses   map[string]ImageStatus
	FirstSyncStatus *SyncStatus
}

// ImageStatus is the pull state of the tags of one repository.
type ImageStatus struct {
	Tags []ImageTagStatus
}

// ImageTagStatus is the pull state of one tag.
type ImageTagStatus struct {
	Tag            string
	Phase          ImagePullPhase
	Progress       int32
	StartTime      *metav1.Time
	CompletionTime *metav1.Time
	Version        int64
	ImageID        string
	Message        string
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
	SyncAt  metav1.Time
	Status  SyncStatusPhase
	Message string
}

// SyncStatusPhase is the outcome recorded in SyncStatus.
type SyncStatusPhase string

// Sync outcomes.
const (
	SyncStatusSucceeded SyncStatusPhase = "Succeeded"
	SyncStatusFailed    SyncStatusPhase = "Failed"
)

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodeImage lists the images one node should pull; it is named after its node.
type NodeImage struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   NodeImageSpec
	Status NodeImageStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// NodeImageList is a list of NodeImages.
type NodeImageList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []NodeImage
}

func init() {
	register(&NodeImage{}, &NodeImageList{})
}
