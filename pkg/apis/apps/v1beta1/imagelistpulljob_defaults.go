package v1beta1

// SetDefaults_ImageListPullJob fills what OpenKruise's mutating webhook fills in an
// ImageListPullJob: completion policy Always and pull policy {600s, 3 retries}. Unlike
// ImagePullJob, imagePullPolicy stays unset.
func SetDefaults_ImageListPullJob(obj *ImageListPullJob) {
	spec := &obj.Spec
	if spec.CompletionPolicy.Type == "" {
		spec.CompletionPolicy.Type = Always
	}
	if spec.PullPolicy == nil {
		spec.PullPolicy = &PullPolicy{}
	}
	setDefaultsPullPolicy(spec.PullPolicy)
}
