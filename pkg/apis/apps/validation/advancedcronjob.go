package validation

import (
	"fmt"
	"strings"
	"time"
	// The server validates time zone names with its own copy of the IANA database, so the
	// result does not depend on the host's files.
	_ "time/tzdata"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// maxCronPullActiveDeadlineSeconds bounds activeDeadlineSeconds of an ImageListPullJob template.
const maxCronPullActiveDeadlineSeconds = 24 * 3600

// ValidateAdvancedCronJob checks an AdvancedCronJob on create.
func ValidateAdvancedCronJob(obj *apps.AdvancedCronJob) field.ErrorList {
	allErrs := validateJobObjectMeta(&obj.ObjectMeta)
	return append(allErrs, validateAdvancedCronJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateAdvancedCronJobUpdate checks an AdvancedCronJob update. Only the schedule, time zone,
// concurrency policy, history limits, starting deadline, paused and an existing ImageListPullJob
// template may change; Job and BroadcastJob templates are immutable.
func ValidateAdvancedCronJobUpdate(obj, old *apps.AdvancedCronJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, validateAdvancedCronJobSpec(&obj.Spec, field.NewPath("spec"))...)

	fixed := obj.Spec
	fixed.Schedule = old.Spec.Schedule
	fixed.TimeZone = old.Spec.TimeZone
	fixed.ConcurrencyPolicy = old.Spec.ConcurrencyPolicy
	fixed.SuccessfulJobsHistoryLimit = old.Spec.SuccessfulJobsHistoryLimit
	fixed.FailedJobsHistoryLimit = old.Spec.FailedJobsHistoryLimit
	fixed.StartingDeadlineSeconds = old.Spec.StartingDeadlineSeconds
	fixed.Paused = old.Spec.Paused
	if old.Spec.Template.ImageListPullJobTemplate != nil {
		fixed.Template.ImageListPullJobTemplate = old.Spec.Template.ImageListPullJobTemplate
	}
	if !apiequality.Semantic.DeepEqual(fixed, old.Spec) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec"),
			"only schedule, timeZone, concurrencyPolicy, successfulJobsHistoryLimit, failedJobsHistoryLimit, "+
				"startingDeadlineSeconds, paused and an existing imageListPullJobTemplate may be updated"))
	}
	return allErrs
}

// ValidateAdvancedCronJobStatusUpdate checks a write to the status subresource.
func ValidateAdvancedCronJobStatusUpdate(obj, old *apps.AdvancedCronJob) field.ErrorList {
	return ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
}

func validateAdvancedCronJobSpec(spec *apps.AdvancedCronJobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	sp := fldPath.Child("schedule")
	if spec.Schedule == "" {
		allErrs = append(allErrs, field.Required(sp, "a cron schedule is required"))
	} else if err := ParseCronSchedule(spec.Schedule); err != nil {
		allErrs = append(allErrs, field.Invalid(sp, spec.Schedule, err.Error()))
	}
	if spec.TimeZone != nil && strings.Contains(spec.Schedule, "TZ") {
		allErrs = append(allErrs, field.Invalid(sp, spec.Schedule, "cannot use both timeZone and a TZ or CRON_TZ prefix in the schedule"))
	}
	allErrs = append(allErrs, validateTimeZone(spec.TimeZone, fldPath.Child("timeZone"))...)
	if v := spec.StartingDeadlineSeconds; v != nil {
		allErrs = append(allErrs, ValidateNonNegative(*v, fldPath.Child("startingDeadlineSeconds"))...)
	}
	if v := spec.SuccessfulJobsHistoryLimit; v != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*v), fldPath.Child("successfulJobsHistoryLimit"))...)
	}
	if v := spec.FailedJobsHistoryLimit; v != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*v), fldPath.Child("failedJobsHistoryLimit"))...)
	}
	switch spec.ConcurrencyPolicy {
	case "", apps.AllowConcurrent, apps.ForbidConcurrent, apps.ReplaceConcurrent:
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("concurrencyPolicy"), spec.ConcurrencyPolicy,
			[]string{string(apps.AllowConcurrent), string(apps.ForbidConcurrent), string(apps.ReplaceConcurrent)}))
	}
	return append(allErrs, validateCronJobTemplate(spec, fldPath)...)
}

// validateTimeZone accepts an unset zone or an explicit IANA zone name ("Local" is not explicit).
func validateTimeZone(tz *string, fldPath *field.Path) field.ErrorList {
	switch {
	case tz == nil:
		return nil
	case *tz == "":
		return field.ErrorList{field.Invalid(fldPath, *tz, "must not be empty when set")}
	case strings.EqualFold(*tz, "Local"):
		return field.ErrorList{field.Invalid(fldPath, *tz, "must be an explicit IANA time zone name")}
	}
	if _, err := time.LoadLocation(*tz); err != nil {
		return field.ErrorList{field.Invalid(fldPath, *tz, fmt.Sprintf("unknown time zone: %v", err))}
	}
	return nil
}

// validateCronJobTemplate requires exactly one template and checks it.
func validateCronJobTemplate(spec *apps.AdvancedCronJobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	tp := fldPath.Child("template")
	count := 0
	if jt := spec.Template.JobTemplate; jt != nil {
		count++
		allErrs = append(allErrs, podtemplate.ValidatePodTemplateSpec(&jt.Spec.Template, tp.Child("jobTemplate", "spec", "template"))...)
	}
	if bt := spec.Template.BroadcastJobTemplate; bt != nil {
		count++
		allErrs = append(allErrs, podtemplate.ValidatePodTemplateSpec(&bt.Spec.Template, tp.Child("broadcastJobTemplate", "spec", "template"))...)
	}
	if it := spec.Template.ImageListPullJobTemplate; it != nil {
		count++
		if cp := spec.ConcurrencyPolicy; cp != apps.ReplaceConcurrent && cp != apps.ForbidConcurrent {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("concurrencyPolicy"), cp,
				[]string{string(apps.ForbidConcurrent), string(apps.ReplaceConcurrent)}))
		}
		allErrs = append(allErrs, validateCronImageListPullJobTemplate(it, tp.Child("imageListPullJobTemplate"))...)
	}
	switch {
	case count == 0:
		allErrs = append(allErrs, field.Required(tp, "one of jobTemplate, broadcastJobTemplate or imageListPullJobTemplate is required"))
	case count > 1:
		allErrs = append(allErrs, field.Forbidden(tp, "only one of jobTemplate, broadcastJobTemplate or imageListPullJobTemplate may be set"))
	}
	return allErrs
}

// validateCronImageListPullJobTemplate checks an ImageListPullJob template: the ImageListPullJob
// rules, except that the completion policy must be Always, with a deadline of at most a day that
// is not shorter than the pull timeout, and no TTL.
func validateCronImageListPullJobTemplate(t *apps.ImageListPullJobTemplateSpec, fldPath *field.Path) field.ErrorList {
	sp := fldPath.Child("spec")
	spec := &t.Spec
	allErrs := validateImageList(spec.Images, sp.Child("images"))
	allErrs = append(allErrs, validateImagePullJobTemplate(&spec.ImagePullJobTemplate, sp)...)
	cp := &spec.CompletionPolicy
	cpPath := sp.Child("completionPolicy")
	if cp.Type != apps.Always {
		return append(allErrs, field.NotSupported(cpPath.Child("type"), cp.Type, []string{string(apps.Always)}))
	}
	if ads := cp.ActiveDeadlineSeconds; ads != nil {
		adsPath := cpPath.Child("activeDeadlineSeconds")
		if *ads > maxCronPullActiveDeadlineSeconds {
			allErrs = append(allErrs, field.Invalid(adsPath, *ads, fmt.Sprintf("must not be greater than %d", maxCronPullActiveDeadlineSeconds)))
		}
		if pp := spec.PullPolicy; pp != nil && pp.TimeoutSeconds != nil && int64(*pp.TimeoutSeconds) > *ads {
			allErrs = append(allErrs, field.Invalid(adsPath, *ads, fmt.Sprintf("must not be less than pullPolicy.timeoutSeconds (%d)", *pp.TimeoutSeconds)))
		}
	}
	if cp.TTLSecondsAfterFinished != nil {
		allErrs = append(allErrs, field.Forbidden(cpPath.Child("ttlSecondsAfterFinished"), "is not supported in an AdvancedCronJob template"))
	}
	return allErrs
}
