package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// advancedCronJobPreserved is what a v1alpha1 AdvancedCronJob carries in the preserve annotation.
// OpenKruise refuses to convert an AdvancedCronJob with an ImageListPullJob template to v1alpha1;
// here the template travels in the annotation instead, so reading such an object as v1alpha1
// works and writing it back keeps the template.
// +k8s:openapi-gen=false
type advancedCronJobPreserved struct {
	ImageListPullJobTemplate *imageListPullJobTemplate `json:"imageListPullJobTemplate,omitempty"`
}

// imageListPullJobTemplate has the JSON shape of the v1beta1 template.
// +k8s:openapi-gen=false
type imageListPullJobTemplate struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ImageListPullJobSpec `json:"spec,omitempty"`
}

// Convert_apps_CronJobTemplate_To_v1alpha1_CronJobTemplate drops the ImageListPullJob template,
// which Convert_apps_AdvancedCronJob_To_v1alpha1_AdvancedCronJob keeps in the preserve annotation.
func Convert_apps_CronJobTemplate_To_v1alpha1_CronJobTemplate(in *apps.CronJobTemplate, out *CronJobTemplate, s conversion.Scope) error {
	return autoConvert_apps_CronJobTemplate_To_v1alpha1_CronJobTemplate(in, out, s)
}

// Convert_apps_AdvancedCronJob_To_v1alpha1_AdvancedCronJob converts down, saving an
// ImageListPullJob template in the preserve annotation.
func Convert_apps_AdvancedCronJob_To_v1alpha1_AdvancedCronJob(in *apps.AdvancedCronJob, out *AdvancedCronJob, s conversion.Scope) error {
	if err := autoConvert_apps_AdvancedCronJob_To_v1alpha1_AdvancedCronJob(in, out, s); err != nil {
		return err
	}
	t := in.Spec.Template.ImageListPullJobTemplate
	if t == nil {
		return nil
	}
	kept := &imageListPullJobTemplate{ObjectMeta: t.ObjectMeta}
	if err := Convert_apps_ImageListPullJobSpec_To_v1alpha1_ImageListPullJobSpec(&t.Spec, &kept.Spec, s); err != nil {
		return err
	}
	return preserve.Save(&out.ObjectMeta, &advancedCronJobPreserved{ImageListPullJobTemplate: kept})
}

// Convert_v1alpha1_AdvancedCronJob_To_apps_AdvancedCronJob converts up, restoring an
// ImageListPullJob template from the preserve annotation.
func Convert_v1alpha1_AdvancedCronJob_To_apps_AdvancedCronJob(in *AdvancedCronJob, out *apps.AdvancedCronJob, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_AdvancedCronJob_To_apps_AdvancedCronJob(in, out, s); err != nil {
		return err
	}
	var kept advancedCronJobPreserved
	found, err := preserve.Restore(&out.ObjectMeta, &kept)
	if err != nil || !found || kept.ImageListPullJobTemplate == nil {
		return err
	}
	t := &apps.ImageListPullJobTemplateSpec{ObjectMeta: kept.ImageListPullJobTemplate.ObjectMeta}
	if err := Convert_v1alpha1_ImageListPullJobSpec_To_apps_ImageListPullJobSpec(&kept.ImageListPullJobTemplate.Spec, &t.Spec, s); err != nil {
		return err
	}
	out.Spec.Template.ImageListPullJobTemplate = t
	return nil
}
