package apps

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// ImagePullJobDeletionProtectionFinalizer keeps an ImagePullJob until its synced pull secrets are cleaned up.
const ImagePullJobDeletionProtectionFinalizer = "apps.kruise.io/deletion-protection"

// ImagePullPolicy says when kruise-daemon pulls an image.
type ImagePullPolicy string

// Image pull policies.
const (
	PullAlways       ImagePullPolicy = "Always"
	PullIfNotPresent ImagePullPolicy = "IfNotPresent"
)

// SandboxConfig is metadata passed to the CRI PullImage call.
type SandboxConfig struct {
	Labels      map[string]string
	Annotations map[string]string
}

// PullPolicy tunes each pull task.
type PullPolicy struct {
	// TimeoutSeconds bounds one pull attempt (600 when unset).
	TimeoutSeconds *int32
	// BackoffLimit is how many retries a pull gets (3 when unset).
	BackoffLimit *int32
}

// ImagePullJobTemplate is what ImagePullJob and ImageListPullJob share.
type ImagePullJobTemplate struct {
	// PullSecrets name secrets in the job's namespace used to pull.
	PullSecrets []string
	// Selector picks nodes; nil means every node.
	Selector *ImagePullJobNodeSelector
	// PodSelector picks the nodes running matching pods; exclusive with Selector.
	PodSelector *ImagePullJobPodSelector
	// Parallelism caps concurrent pulls (an integer).
	Parallelism *intstr.IntOrString
	// PullPolicy tunes each pull task.
	PullPolicy *PullPolicy
	// CompletionPolicy decides when the job is finished.
	CompletionPolicy CompletionPolicy
	// SandboxConfig is passed to the CRI PullImage call.
	SandboxConfig *SandboxConfig
	// ImagePullPolicy is Always or IfNotPresent.
	ImagePullPolicy ImagePullPolicy
}

// ImagePullJobPodSelector selects pods whose nodes pull the image.
type ImagePullJobPodSelector struct {
	metav1.LabelSelector
}

// ImagePullJobNodeSelector selects nodes by name or by labels (not both).
type ImagePullJobNodeSelector struct {
	Names []string
	metav1.LabelSelector
}

// ImagePullJobSpec is the desired state of an ImagePullJob.
type ImagePullJobSpec struct {
	// Image is the reference to pull.
	Image string
	ImagePullJobTemplate
}

// ImagePullJobStatus is the observed state of an ImagePullJob.
type ImagePullJobStatus struct {
	StartTime      *metav1.Time
	CompletionTime *metav1.Time
	// Desired counts target nodes; Active, Succeeded and Failed count pull tasks.
	Desired   int32
	Active    int32
	Succeeded int32
	Failed    int32
	Message   string
	// FailedNodes lists the nodes whose pull failed.
	FailedNodes []string
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImagePullJob pre-pulls one image on a set of nodes.
type ImagePullJob struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   ImagePullJobSpec
	Status ImagePullJobStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImagePullJobList is a list of ImagePullJobs.
type ImagePullJobList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []ImagePullJob
}

func init() {
	register(&ImagePullJob{}, &ImagePullJobList{})
}
