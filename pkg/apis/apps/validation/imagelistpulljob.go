package validation

import (
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// maxImagesPerList bounds the images of one ImageListPullJob.
const maxImagesPerList = 255

// ValidateImageListPullJob checks an ImageListPullJob on create.
func ValidateImageListPullJob(obj *apps.ImageListPullJob) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, true)
	return append(allErrs, validateImageListPullJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateImageListPullJobUpdate checks an ImageListPullJob update; the spec may change freely.
func ValidateImageListPullJobUpdate(obj, old *apps.ImageListPullJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	return append(allErrs, validateImageListPullJobSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateImageListPullJobStatusUpdate checks a write to the status subresource.
func ValidateImageListPullJobStatusUpdate(obj, old *apps.ImageListPullJob) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Desired), p.Child("desired"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Active), p.Child("active"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Completed), p.Child("completed"))...)
	return append(allErrs, ValidateNonNegative(int64(st.Succeeded), p.Child("succeeded"))...)
}

func validateImageListPullJobSpec(spec *apps.ImageListPullJobSpec, fldPath *field.Path) field.ErrorList {
	allErrs := validateImageList(spec.Images, fldPath.Child("images"))
	allErrs = append(allErrs, validateImagePullJobTemplate(&spec.ImagePullJobTemplate, fldPath)...)
	cp := &spec.CompletionPolicy
	cpPath := fldPath.Child("completionPolicy")
	switch cp.Type {
	case apps.Always:
	case apps.Never:
		allErrs = append(allErrs, forbidAlwaysOnlyFields(cp, cpPath)...)
	default:
		allErrs = append(allErrs, field.NotSupported(cpPath.Child("type"), cp.Type, []string{string(apps.Always), string(apps.Never)}))
	}
	return allErrs
}

// validateImageList requires 1 to 255 distinct, valid image references.
func validateImageList(images []string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch {
	case len(images) == 0:
		return append(allErrs, field.Required(fldPath, "at least one image is required"))
	case len(images) > maxImagesPerList:
		allErrs = append(allErrs, field.TooMany(fldPath, len(images), maxImagesPerList))
	}
	seen := sets.New[string]()
	for i, image := range images {
		p := fldPath.Index(i)
		if seen.Has(image) {
			allErrs = append(allErrs, field.Duplicate(p, image))
			continue
		}
		seen.Insert(image)
		if err := ValidateImageReference(image); err != nil {
			allErrs = append(allErrs, field.Invalid(p, image, err.Error()))
		}
	}
	return allErrs
}
