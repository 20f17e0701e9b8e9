package validation

import (
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func validJobCronJob() *apps.AdvancedCronJob {
	return &apps.AdvancedCronJob{
		ObjectMeta: metav1.ObjectMeta{Name: "nightly", Namespace: "default", ResourceVersion: "1"},
		Spec: apps.AdvancedCronJobSpec{
			Schedule:                   "0 2 * * *",
			ConcurrencyPolicy:          apps.AllowConcurrent,
			Paused:                     ptr.To(false),
			SuccessfulJobsHistoryLimit: ptr.To[int32](3),
			FailedJobsHistoryLimit:     ptr.To[int32](1),
			Template: apps.CronJobTemplate{
				JobTemplate: &batchv1.JobTemplateSpec{Spec: batchv1.JobSpec{Template: defaultedJobPodTemplate()}},
			},
		},
	}
}

func validBroadcastCronJob() *apps.AdvancedCronJob {
	obj := validJobCronJob()
	obj.Spec.Template = apps.CronJobTemplate{
		BroadcastJobTemplate: &apps.BroadcastJobTemplateSpec{Spec: apps.BroadcastJobSpec{Template: defaultedJobPodTemplate()}},
	}
	return obj
}

func validPullCronJob() *apps.AdvancedCronJob {
	obj := validJobCronJob()
	obj.Spec.ConcurrencyPolicy = apps.ReplaceConcurrent
	obj.Spec.Template = apps.CronJobTemplate{
		ImageListPullJobTemplate: &apps.ImageListPullJobTemplateSpec{Spec: apps.ImageListPullJobSpec{
			Images: []string{"nginx:1.25"},
			ImagePullJobTemplate: apps.ImagePullJobTemplate{
				PullPolicy:       &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)},
				CompletionPolicy: apps.CompletionPolicy{Type: apps.Always},
				ImagePullPolicy:  apps.PullIfNotPresent,
			},
		}},
	}
	return obj
}

func TestValidateAdvancedCronJob(t *testing.T) {
	cases := []struct {
		name   string
		obj    func() *apps.AdvancedCronJob
		mutate func(*apps.AdvancedCronJob)
		paths  []string
	}{
		{"a valid Job cron job is accepted", validJobCronJob, func(*apps.AdvancedCronJob) {}, nil},
		{"a valid BroadcastJob cron job is accepted", validBroadcastCronJob, func(*apps.AdvancedCronJob) {}, nil},
		{"a valid ImageListPullJob cron job is accepted", validPullCronJob, func(*apps.AdvancedCronJob) {}, nil},
		{"a name with a dot is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Name = "night.ly" }, []string{"metadata.name"}},
		{"an empty schedule is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.Schedule = "" }, []string{"spec.schedule"}},
		{"a descriptor schedule is accepted", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.Schedule = "@every 2h" }, nil},
		{"an unparsable schedule is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.Schedule = "0 25 * * *" }, []string{"spec.schedule"}},
		{"a TZ prefix alone is accepted", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.Schedule = "TZ=Asia/Tokyo 0 2 * * *" }, nil},
		{"a TZ prefix together with timeZone is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Schedule = "CRON_TZ=Asia/Tokyo 0 2 * * *"
			j.Spec.TimeZone = ptr.To("Asia/Tokyo")
		}, []string{"spec.schedule"}},
		{"an IANA time zone is accepted", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.TimeZone = ptr.To("America/New_York") }, nil},
		{"an empty time zone is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.TimeZone = ptr.To("") }, []string{"spec.timeZone"}},
		{"the Local time zone is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.TimeZone = ptr.To("local") }, []string{"spec.timeZone"}},
		{"an unknown time zone is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.TimeZone = ptr.To("Mars/Olympus") }, []string{"spec.timeZone"}},
		{"zero limits and deadline are accepted", validJobCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.StartingDeadlineSeconds = ptr.To[int64](0)
			j.Spec.SuccessfulJobsHistoryLimit = ptr.To[int32](0)
			j.Spec.FailedJobsHistoryLimit = ptr.To[int32](0)
		}, nil},
		{"negative limits and deadline are rejected", validJobCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.StartingDeadlineSeconds = ptr.To[int64](-1)
			j.Spec.SuccessfulJobsHistoryLimit = ptr.To[int32](-1)
			j.Spec.FailedJobsHistoryLimit = ptr.To[int32](-1)
		}, []string{"spec.startingDeadlineSeconds", "spec.successfulJobsHistoryLimit", "spec.failedJobsHistoryLimit"}},
		{"an unknown concurrency policy is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.ConcurrencyPolicy = "Sometimes" }, []string{"spec.concurrencyPolicy"}},
		{"no template is rejected", validJobCronJob, func(j *apps.AdvancedCronJob) { j.Spec.Template = apps.CronJobTemplate{} }, []string{"spec.template"}},
		{"two templates are rejected", validJobCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.BroadcastJobTemplate = validBroadcastCronJob().Spec.Template.BroadcastJobTemplate
		}, []string{"spec.template"}},
		{"the Job pod template is validated", validJobCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.JobTemplate.Spec.Template.Spec.Containers[0].Image = ""
		}, []string{"spec.template.jobTemplate.spec.template.spec.containers[0].image"}},
		{"the BroadcastJob pod template is validated", validBroadcastCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.BroadcastJobTemplate.Spec.Template.Spec.Containers[0].Image = ""
		}, []string{"spec.template.broadcastJobTemplate.spec.template.spec.containers[0].image"}},
		{"Forbid is accepted with an ImageListPullJob template", validPullCronJob, func(j *apps.AdvancedCronJob) { j.Spec.ConcurrencyPolicy = apps.ForbidConcurrent }, nil},
		{"Allow is rejected with an ImageListPullJob template", validPullCronJob, func(j *apps.AdvancedCronJob) { j.Spec.ConcurrencyPolicy = apps.AllowConcurrent }, []string{"spec.concurrencyPolicy"}},
		{"an ImageListPullJob template without images is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.Images = nil
		}, []string{"spec.template.imageListPullJobTemplate.spec.images"}},
		{"a duplicate image in the template is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.Images = []string{"nginx", "nginx"}
		}, []string{"spec.template.imageListPullJobTemplate.spec.images[1]"}},
		{"an invalid image in the template is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.Images = []string{"NGINX"}
		}, []string{"spec.template.imageListPullJobTemplate.spec.images[0]"}},
		{"the template's selector rules apply", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.Selector = &apps.ImagePullJobNodeSelector{Names: []string{"a", "a"}}
		}, []string{"spec.template.imageListPullJobTemplate.spec.selector.names[1]"}},
		{"a percentage parallelism in the template is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.Parallelism = ptr.To(intstr.FromString("5%"))
		}, []string{"spec.template.imageListPullJobTemplate.spec.parallelism"}},
		{"completion policy Never in the template is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.CompletionPolicy.Type = apps.Never
		}, []string{"spec.template.imageListPullJobTemplate.spec.completionPolicy.type"}},
		{"a deadline of one day is accepted", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](86400)
		}, nil},
		{"a deadline over one day is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](86401)
		}, []string{"spec.template.imageListPullJobTemplate.spec.completionPolicy.activeDeadlineSeconds"}},
		{"a deadline below the pull timeout is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.CompletionPolicy.ActiveDeadlineSeconds = ptr.To[int64](60)
		}, []string{"spec.template.imageListPullJobTemplate.spec.completionPolicy.activeDeadlineSeconds"}},
		{"a ttl in the template is rejected", validPullCronJob, func(j *apps.AdvancedCronJob) {
			j.Spec.Template.ImageListPullJobTemplate.Spec.CompletionPolicy.TTLSecondsAfterFinished = ptr.To[int32](60)
		}, []string{"spec.template.imageListPullJobTemplate.spec.completionPolicy.ttlSecondsAfterFinished"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.obj()
			tc.mutate(obj)
			assertJobErrorPaths(t, ValidateAdvancedCronJob(obj), tc.paths...)
		})
	}
}

func TestValidateAdvancedCronJobUpdateAllowsSchedulingFieldsOnly(t *testing.T) {
	old := validJobCronJob()
	obj := validJobCronJob()
	obj.Spec.Schedule = "@hourly"
	obj.Spec.TimeZone = ptr.To("UTC")
	obj.Spec.ConcurrencyPolicy = apps.ForbidConcurrent
	obj.Spec.Paused = ptr.To(true)
	obj.Spec.SuccessfulJobsHistoryLimit = ptr.To[int32](10)
	obj.Spec.FailedJobsHistoryLimit = ptr.To[int32](10)
	obj.Spec.StartingDeadlineSeconds = ptr.To[int64](30)
	assertJobErrorPaths(t, ValidateAdvancedCronJobUpdate(obj, old))

	obj.Spec.Template.JobTemplate.Spec.Template.Spec.Containers[0].Image = "busybox:1.37"
	assertJobErrorPaths(t, ValidateAdvancedCronJobUpdate(obj, old), "spec")
}

func TestValidateAdvancedCronJobUpdateAllowsChangingAnExistingImageListPullJobTemplate(t *testing.T) {
	old := validPullCronJob()
	obj := validPullCronJob()
	obj.Spec.Template.ImageListPullJobTemplate.Spec.Images = []string{"redis:7", "nginx:1.26"}
	assertJobErrorPaths(t, ValidateAdvancedCronJobUpdate(obj, old))

	// A Job cron job cannot be turned into an image pulling one.
	fromJob := validJobCronJob()
	fromJob.Spec.ConcurrencyPolicy = apps.ReplaceConcurrent
	obj.Spec.Template.JobTemplate = nil
	assertJobErrorPaths(t, ValidateAdvancedCronJobUpdate(obj, fromJob), "spec")
}
