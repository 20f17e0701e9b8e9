package apps

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ImageListPullJobSpec is the desired state of an ImageListPullJob.
type ImageListPullJobSpec struct {
	// Images are the references to pull, one ImagePullJob each.
	Images []string
	ImagePullJobTemplate
}

// ImageListPullJobStatus is the observed state of an ImageListPullJob.
type ImageListPullJobStatus struct {
	StartTime      *metav1.Time
	CompletionTime *metav1.Time
	// Desired counts ImagePullJobs; Active, Completed and Succeeded count them by state.
	Desired   int32
	Active    int32
	Completed int32
	Succeeded int32
	// FailedImageStatuses describes the ImagePullJobs with failed nodes.
	FailedImageStatuses []*FailedImageStatus
}

// FailedImageStatus describes an ImagePullJob that failed on some nodes.
type FailedImageStatus struct {
	ImagePullJob string
	Name         string
	Message      string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImageListPullJob pre-pulls a list of images by creating one ImagePullJob per image.
type ImageListPullJob struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   ImageListPullJobSpec
	Status ImageListPullJobStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImageListPullJobList is a list of ImageListPullJobs.
type ImageListPullJobList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []ImageListPullJob
}

func init() {
	register(&ImageListPullJob{}, &ImageListPullJobList{})
}
