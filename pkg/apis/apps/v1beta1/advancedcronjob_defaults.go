package v1beta1

import (
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_AdvancedCronJob fills what OpenKruise's mutating webhook fills in an AdvancedCronJob.
// Only the pod templates of the Job and BroadcastJob templates are defaulted (the children get
// their own defaults when created); an ImageListPullJob template whose completion policy is unset
// gets completion policy Always, pull policy {600s, 3 retries} and imagePullPolicy IfNotPresent.
func SetDefaults_AdvancedCronJob(obj *AdvancedCronJob) {
	spec := &obj.Spec
	if t := spec.Template.JobTemplate; t != nil {
		podtemplate.SetDefaultsPodTemplate(&t.Spec.Template)
	}
	if t := spec.Template.BroadcastJobTemplate; t != nil {
		podtemplate.SetDefaultsPodTemplate(&t.Spec.Template)
	}
	if t := spec.Template.ImageListPullJobTemplate; t != nil && t.Spec.CompletionPolicy.Type == "" {
		t.Spec.CompletionPolicy.Type = Always
		if t.Spec.PullPolicy == nil {
			t.Spec.PullPolicy = &PullPolicy{}
		}
		setDefaultsPullPolicy(t.Spec.PullPolicy)
		if t.Spec.ImagePullPolicy == "" {
			t.Spec.ImagePullPolicy = PullIfNotPresent
		}
	}
	if spec.ConcurrencyPolicy == "" {
		if spec.Template.ImageListPullJobTemplate != nil {
			// Overlapping pulls of the same images gain nothing.
			spec.ConcurrencyPolicy = ReplaceConcurrent
		} else {
			spec.ConcurrencyPolicy = AllowConcurrent
		}
	}
	if spec.Paused == nil {
		spec.Paused = ptr.To(false)
	}
	if spec.SuccessfulJobsHistoryLimit == nil {
		spec.SuccessfulJobsHistoryLimit = ptr.To[int32](3)
	}
	if spec.FailedJobsHistoryLimit == nil {
		spec.FailedJobsHistoryLimit = ptr.To[int32](1)
	}
}
