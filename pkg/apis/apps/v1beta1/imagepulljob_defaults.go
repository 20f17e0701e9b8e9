package v1beta1

import (
	"k8s.io/utils/ptr"
)

// Pull task defaults shared by ImagePullJob, ImageListPullJob and NodeImage.
const (
	DefaultPullTimeoutSeconds int32 = 600
	DefaultPullBackoffLimit   int32 = 3
)

// SetDefaults_ImagePullJob fills what OpenKruise's mutating webhook fills in an ImagePullJob:
// completion policy Always, pull policy {600s, 3 retries} and imagePullPolicy IfNotPresent.
func SetDefaults_ImagePullJob(obj *ImagePullJob) {
	spec := &obj.Spec
	if spec.CompletionPolicy.Type == "" {
		spec.CompletionPolicy.Type = Always
	}
	if spec.PullPolicy == nil {
		spec.PullPolicy = &PullPolicy{}
	}
	setDefaultsPullPolicy(spec.PullPolicy)
	if spec.ImagePullPolicy == "" {
		spec.ImagePullPolicy = PullIfNotPresent
	}
}

func setDefaultsPullPolicy(p *PullPolicy) {
	if p.TimeoutSeconds == nil {
		p.TimeoutSeconds = ptr.To(DefaultPullTimeoutSeconds)
	}
	if p.BackoffLimit == nil {
		p.BackoffLimit = ptr.To(DefaultPullBackoffLimit)
	}
}
