package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// ImagePullJobDeletionProtectionFinalizer keeps an ImagePullJob until its synced pull secrets are cleaned up.
const ImagePullJobDeletionProtectionFinalizer = "apps.kruise.io/deletion-protection"

// ImagePullPolicy says when kruise-daemon pulls an image.
// +enum
type ImagePullPolicy string

// Image pull policies.
const (
	PullAlways       ImagePullPolicy = "Always"
	PullIfNotPresent ImagePullPolicy = "IfNotPresent"
)

// SandboxConfig is metadata passed to the CRI PullImage call.
type SandboxConfig struct {
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
}

// PullPolicy tunes each pull task.
type PullPolicy struct {
	// TimeoutSeconds bounds one pull attempt (600 when unset).
	// +optional
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty"`
	// BackoffLimit is how many retries a pull gets (3 when unset).
	// +optional
	BackoffLimit *int32 `json:"backoffLimit,omitempty"`
}

// ImagePullJobTemplate is what ImagePullJob and ImageListPullJob share.
type ImagePullJobTemplate struct {
	// PullSecrets name secrets in the job's namespace used to pull; immutable.
	// +optional
	// +listType=atomic
	PullSecrets []string `json:"pullSecrets,omitempty"`
	// Selector picks nodes; nil means every node.
	// +optional
	Selector *ImagePullJobNodeSelector `json:"selector,omitempty"`
	// PodSelector picks the nodes running matching pods; exclusive with Selector.
	// +optional
	PodSelector *ImagePullJobPodSelector `json:"podSelector,omitempty"`
	// Parallelism caps concurrent pulls (an integer, 1 when unset).
	// +optional
	Parallelism *intstr.IntOrString `json:"parallelism,omitempty"`
	// PullPolicy tunes each pull task.
	// +optional
	PullPolicy *PullPolicy `json:"pullPolicy,omitempty"`
	// CompletionPolicy decides when the job is finished (Always when unset).
	CompletionPolicy CompletionPolicy `json:"completionPolicy"`
	// SandboxConfig is passed to the CRI PullImage call.
	// +optional
	SandboxConfig *SandboxConfig `json:"sandboxConfig,omitempty"`
	// ImagePullPolicy is Always or IfNotPresent.
	// +optional
	ImagePullPolicy ImagePullPolicy `json:"imagePullPolicy,omitempty"`
}

// ImagePullJobPodSelector selects pods whose nodes pull the image.
type ImagePullJobPodSelector struct {
	// +optional
	metav1.LabelSelector `json:",inline"`
}

// ImagePullJobNodeSelector selects nodes by name or by labels (not both).
type ImagePullJobNodeSelector struct {
	// Names lists nodes by name.
	// +optional
	// +listType=atomic
	Names []string `json:"names,omitempty"`
	// +optional
	metav1.LabelSelector `json:",inline"`
}

// ImagePullJobSpec is the desired state of an ImagePullJob.
type ImagePullJobSpec struct {
	// Image is the reference to pull.
	Image                string `json:"image"`
	ImagePullJobTemplate `json:",inline"`
}

// ImagePullJobStatus is the observed state of an ImagePullJob.
type ImagePullJobStatus struct {
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`
	// +optional
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
	// Desired counts the target nodes.
	Desired int32 `json:"desired"`
	// Active counts running pull tasks.
	// +optional
	Active int32 `json:"active"`
	// Succeeded counts finished pull tasks.
	// +optional
	Succeeded int32 `json:"succeeded"`
	// Failed counts failed pull tasks.
	// +optional
	Failed int32 `json:"failed"`
	// Message summarises the job's state.
	// +optional
	Message string `json:"message,omitempty"`
	// FailedNodes lists the nodes whose pull failed.
	// +optional
	// +listType=atomic
	FailedNodes []string `json:"failedNodes,omitempty"`
}

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImagePullJob pre-pulls one image on a set of nodes.
type ImagePullJob struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +optional
	Spec ImagePullJobSpec `json:"spec,omitempty"`
	// +optional
	Status ImagePullJobStatus `json:"status,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// ImagePullJobList is a list of ImagePullJobs.
type ImagePullJobList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ImagePullJob `json:"items"`
}

func init() {
	register(&ImagePullJob{}, &ImagePullJobList{})
}
