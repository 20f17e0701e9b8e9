package v1alpha1

import (
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SetDefaults_AdvancedCronJob fills what OpenKruise's mutating webhook fills in an AdvancedCronJob.
// Only the pod templates of the Job and BroadcastJob templates are defaulted (the children get
// their own defaults when created). v1alpha1 has no ImageListPullJob template, so the
// concurrency policy defaults to Allow.
func SetDefaults_AdvancedCronJob(obj *AdvancedCronJob) {
	spec := &obj.Spec
	if t := spec.Template.JobTemplate; t != nil {
		podtemplate.SetDefaultsPodTemplate(&t.Spec.Template)
	}
	if t := spec.Template.BroadcastJobTemplate; t != nil {
		podtemplate.SetDefaultsPodTemplate(&t.Spec.Template)
	}
	if spec.ConcurrencyPolicy == "" {
		spec.ConcurrencyPolicy = AllowConcurrent
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
