package v1beta1

import (
	"k8s.io/utils/ptr"
)

// SetDefaults_NodeImage gives every tag a pull policy with timeout 600s and 3 retries.
// The createdAt default depends on the request time, so the REST strategy sets it instead
// (validation.DefaultNodeImageCreatedAt).
func SetDefaults_NodeImage(obj *NodeImage) {
	for _, image := range obj.Spec.Images {
		// Tags shares its backing array with the map entry, so the loop edits the object.
		for i := range image.Tags {
			tag := &image.Tags[i]
			if tag.PullPolicy == nil {
				tag.PullPolicy = &ImageTagPullPolicy{}
			}
			if tag.PullPolicy.TimeoutSeconds == nil {
				tag.PullPolicy.TimeoutSeconds = ptr.To(DefaultPullTimeoutSeconds)
			}
			if tag.PullPolicy.BackoffLimit == nil {
				tag.PullPolicy.BackoffLimit = ptr.To(DefaultPullBackoffLimit)
			}
		}
	}
}
