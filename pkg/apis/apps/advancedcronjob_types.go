package apps

import (
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// AdvancedCronJobKind is the kind name of AdvancedCronJob.
const AdvancedCronJobKind = "AdvancedCronJob"

// AdvancedCronJobSpec is the desired state of an AdvancedCronJob.
type AdvancedCronJobSpec struct {
	// Schedule is a cron expression (five fields or a descriptor such as @hourly).
	Schedule string
	// TimeZone is the IANA zone the schedule is read in (the controller's zone when unset).
	TimeZone *string
	// StartingDeadlineSeconds is how late a missed run may still start.
	StartingDeadlineSeconds *int64
	// ConcurrencyPolicy is Allow, Forbid or Replace.
	ConcurrencyPolicy ConcurrencyPolicy
	// Paused stops scheduling new runs.
	Paused *bool
	// SuccessfulJobsHistoryLimit and FailedJobsHistoryLimit are how many finished children to keep.
	SuccessfulJobsHistoryLimit *int32
	FailedJobsHistoryLimit     *int32
	// Template is the child object created on each run; exactly one member is set.
	Template CronJobTemplate
}

// CronJobTemplate holds the template of the child created on each run.
type CronJobTemplate struct {
	JobTemplate              *batchv1.JobTemplateSpec
	BroadcastJobTemplate     *BroadcastJobTemplateSpec
	ImageListPullJobTemplate *ImageListPullJobTemplateSpec
}

// TemplateKind is the kind of child an AdvancedCronJob creates.
type TemplateKind string

// Child kinds.
const (
	JobTemplate              TemplateKind = "Job"
	BroadcastJobTemplate     TemplateKind = "BroadcastJob"
	ImageListPullJobTemplate TemplateKind = "ImageListPullJob"
)

// BroadcastJobTemplateSpec is the metadata and spec of a BroadcastJob made from a template.
type BroadcastJobTemplateSpec struct {
	metav1.ObjectMeta
	Spec BroadcastJobSpec
}

// ImageListPullJobTemplateSpec is the metadata and spec of an ImageListPullJob made from a template.
type ImageListPullJobTemplateSpec struct {
	metav1.ObjectMeta
	Spec ImageListPullJobSpec
}

// ConcurrencyPolicy says what to do when a run is due while the previous one is still active.
type ConcurrencyPolicy string

// Concurrency policies.
const (
	AllowConcurrent   ConcurrencyPolicy = "Allow"
	ForbidConcurrent  ConcurrencyPolicy = "Forbid"
	ReplaceConcurrent ConcurrencyPolicy = "Replace"
)

// AdvancedCronJobStatus is the observed state of an AdvancedCronJob.
type AdvancedCronJobStatus struct {
	// Type is the kind of child the template creates.
	Type TemplateKind
	// Active references the children still running.
	Active []corev1.ObjectReference
	// LastScheduleTime is when a run was last started.
	LastScheduleTime *metav1.Time
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// AdvancedCronJob creates a Job, BroadcastJob or ImageListPullJob on a cron schedule.
type AdvancedCronJob struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	Spec   AdvancedCronJobSpec
	Status AdvancedCronJobStatus
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// AdvancedCronJobList is a list of AdvancedCronJobs.
type AdvancedCronJobList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []AdvancedCronJob
}

func init() {
	register(&AdvancedCronJob{}, &AdvancedCronJobList{})
}
