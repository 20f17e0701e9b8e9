package pub

import (
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Pod condition types Kruise controllers write; both are used as readiness gates.
const (
	InPlaceUpdateReady          v1.PodConditionType = "InPlaceUpdateReady"
	KruisePodReadyConditionType v1.PodConditionType = "KruisePodReady"
)

// Pod annotations used by in-place update, and their pre-1.0 spellings that are still read.
const (
	InPlaceUpdateStateKey    = "apps.kruise.io/inplace-update-state"
	InPlaceUpdateStateKeyOld = "inplace-update-state"
	InPlaceUpdateGraceKey    = "apps.kruise.io/inplace-update-grace"
	InPlaceUpdateGraceKeyOld = "inplace-update-grace"
	RuntimeContainerMetaKey  = "apps.kruise.io/runtime-containers-meta"
	// PubUnavailablePodLabelPrefix marks a pod unavailable, whatever its readiness, while any label with it is present.
	PubUnavailablePodLabelPrefix = "unavailable-pod.kruise.io/"
)

// InPlaceUpdateState is the JSON stored in the inplace-update-state pod annotation.
type InPlaceUpdateState struct {
	// Revision the pod is being updated to.
	Revision string `json:"revision"`
	// UpdateTimestamp is when the update started.
	UpdateTimestamp metav1.Time `json:"updateTimestamp"`
	// LastContainerStatuses records the image IDs seen before the update, by container name.
	LastContainerStatuses map[string]InPlaceUpdateContainerStatus `json:"lastContainerStatuses"`
	// UpdateEnvFromMetadata is true when env taken from pod metadata changed.
	// +optional
	UpdateEnvFromMetadata bool `json:"updateEnvFromMetadata,omitempty"`
	// UpdateResources is true when container resources changed in place.
	// +optional
	UpdateResources bool `json:"updateResources,omitempty"`
	// UpdateImages is true when container images changed.
	// +optional
	UpdateImages bool `json:"updateImages,omitempty"`
	// NextContainerImages are images still to apply in a later batch.
	// +optional
	NextContainerImages map[string]string `json:"nextContainerImages,omitempty"`
	// NextContainerRefMetadata is metadata still to apply in a later batch.
	// +optional
	NextContainerRefMetadata map[string]metav1.ObjectMeta `json:"nextContainerRefMetadata,omitempty"`
	// NextContainerResources are resources still to apply in a later batch.
	// +optional
	NextContainerResources map[string]v1.ResourceRequirements `json:"nextContainerResources,omitempty"`
	// PreCheckBeforeNext lists what must hold before the next batch.
	// +optional
	PreCheckBeforeNext *InPlaceUpdatePreCheckBeforeNext `json:"preCheckBeforeNext,omitempty"`
	// ContainerBatchesRecord lists the batches applied so far.
	// +optional
	// +listType=atomic
	ContainerBatchesRecord []InPlaceUpdateContainerBatch `json:"containerBatchesRecord,omitempty"`
}

// InPlaceUpdatePreCheckBeforeNext lists conditions for starting the next batch.
type InPlaceUpdatePreCheckBeforeNext struct {
	// +optional
	// +listType=atomic
	ContainersRequiredReady []string `json:"containersRequiredReady,omitempty"`
}

// InPlaceUpdateContainerBatch records one batch of containers updated together.
type InPlaceUpdateContainerBatch struct {
	Timestamp metav1.Time `json:"timestamp"`
	// +listType=atomic
	Containers []string `json:"containers"`
}

// InPlaceUpdateContainerStatus is a container's state before the update.
type InPlaceUpdateContainerStatus struct {
	// +optional
	ImageID string `json:"imageID,omitempty"`
}

// InPlaceUpdateStrategy tunes in-place updates.
type InPlaceUpdateStrategy struct {
	// GracePeriodSeconds is the time between marking a pod not-ready and updating its containers.
	// +optional
	GracePeriodSeconds int32 `json:"gracePeriodSeconds,omitempty"`
	// ImagePreDownloadParallelism is how many nodes pull the new image at once (integer only).
	// +optional
	ImagePreDownloadParallelism *intstr.IntOrString `json:"imagePreDownloadParallelism,omitempty"`
	// ImagePreDownloadTimeoutSeconds is the timeout of each image pre-download (600 when unset).
	// +optional
	ImagePreDownloadTimeoutSeconds *int32 `json:"imagePreDownloadTimeoutSeconds,omitempty"`
	// ImagePreDownloadMinUpdatedReadyPods is how many updated pods must be ready before pre-download starts.
	// +optional
	ImagePreDownloadMinUpdatedReadyPods *int32 `json:"imagePreDownloadMinUpdatedReadyPods,omitempty"`
}

// RuntimeContainerMetaSet is the JSON of the runtime-containers-meta pod annotation.
type RuntimeContainerMetaSet struct {
	// +listType=atomic
	Containers []RuntimeContainerMeta `json:"containers"`
}

// RuntimeContainerMeta is what the node daemon reports about one running container.
type RuntimeContainerMeta struct {
	Name         string                 `json:"name"`
	ContainerID  string                 `json:"containerID"`
	RestartCount int32                  `json:"restartCount"`
	Hashes       RuntimeContainerHashes `json:"hashes"`
}

// RuntimeContainerHashes are the hashes the runtime computed for a container.
type RuntimeContainerHashes struct {
	PlainHash uint64 `json:"plainHash"`
	// +optional
	ExtractedEnvFromMetadataHash uint64 `json:"extractedEnvFromMetadataHash,omitempty"`
}
