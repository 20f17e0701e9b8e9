package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ImageListPullJobSpec is the desired state of an ImageListPullJob.
type ImageListPullJobSpec struct {
	// Images are the references to pull, one ImagePullJob each.
	// +listType=atomic
	Images               []string `json:"images"`
	ImagePullJobTemplate `json:",inline"`
}

// ImageListPullJobStatus is the observed state of an ImageListPullJob.
type ImageListPullJobStatus struct {
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Desired counts the ImagePullJobs, one per image.
	Desired int32 `json:"desired"`
	// Active counts running ImagePullJobs.
	// +optional
	Active int32 `json:"active"`
	// Completed counts finished ImagePullJobs.
	// +optional
	Completed int32 `json:"completed"`
	// Succeeded counts ImagePullJobs that succeeded on every node.
	// +optional
	Succeeded int32 `json:"succeeded"`
	// FailedImageStatuses describes the ImagePullJobs with failed nodes.
	// +optional
	// +listType=atomic
	FailedImageStatuses []*FailedImageStatus `json:"failedImageStatuses,omitempty"`
}

// FailedImageStatus describes an ImagePullJob that failed on some nodes.
type FailedImageStatus struct {
	// +optional
	ImagePullJob string `json:"imagePullJob,omitempty"`
	// +optional
	Name string `json:"name,omitempty"`
	// +optional
	Message string `json:"message,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImageListPullJob pre-pulls a list of images by creating one ImagePullJob per image.
type ImageListPullJob struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec ImageListPullJobSpec `json:"spec,omitempty"`
	// +optional
	Status ImageListPullJobStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImageListPullJobList is a list of ImageListPullJobs.
type ImageListPullJobList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ImageListPullJob `json:"items"`
}

func init() {
	register(&ImageListPullJob{}, &ImageListPullJobList{})
}
