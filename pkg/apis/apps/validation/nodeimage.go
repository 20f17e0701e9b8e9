package validation

import (
	"sort"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

// maxImagesPerNode bounds the images of one NodeImage.
const maxImagesPerNode = 256

// DefaultNodeImageCreatedAt sets createdAt to now on every tag that lacks it. It depends on the
// request time, so it is not a scheme default: the REST strategy calls it on create and update,
// before validation (which requires createdAt).
func DefaultNodeImageCreatedAt(obj *apps.NodeImage, now metav1.Time) {
	for _, image := range obj.Spec.Images {
		// Tags shares its backing array with the map entry, so the loop edits the object.
		for i := range image.Tags {
			if image.Tags[i].CreatedAt == nil {
				t := now
				image.Tags[i].CreatedAt = &t
			}
		}
	}
}

// SortNodeImageTags orders the tags of every image in spec and status by tag, as OpenKruise's
// mutating webhook does; the REST strategy calls it on create and update.
func SortNodeImageTags(obj *apps.NodeImage) {
	for _, image := range obj.Spec.Images {
		sort.SliceStable(image.Tags, func(i, j int) bool { return image.Tags[i].Tag < image.Tags[j].Tag })
	}
	for _, status := range obj.Status.ImageStatuses {
		sort.SliceStable(status.Tags, func(i, j int) bool { return status.Tags[i].Tag < status.Tags[j].Tag })
	}
}

// ValidateNodeImage checks a NodeImage on create.
func ValidateNodeImage(obj *apps.NodeImage) field.ErrorList {
	allErrs := ValidateObjectMeta(&obj.ObjectMeta, false)
	return append(allErrs, validateNodeImageSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateNodeImageUpdate checks a NodeImage update; the spec may change freely.
func ValidateNodeImageUpdate(obj, old *apps.NodeImage) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	return append(allErrs, validateNodeImageSpec(&obj.Spec, field.NewPath("spec"))...)
}

// ValidateNodeImageStatusUpdate checks a write to the status subresource.
func ValidateNodeImageStatusUpdate(obj, old *apps.NodeImage) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Desired), p.Child("desired"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Succeeded), p.Child("succeeded"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Failed), p.Child("failed"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.Pulling), p.Child("pulling"))...)
	return append(allErrs, ValidateNonNegative(int64(st.Waiting), p.Child("waiting"))...)
}

// validateNodeImageSpec checks at most 256 images with non-empty names, and for each tag: a
// non-empty name unique within its image, createdAt, a non-negative version, and a pull policy
// with ttlSecondsAfterFinished.
func validateNodeImageSpec(spec *apps.NodeImageSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	ip := fldPath.Child("images")
	if len(spec.Images) > maxImagesPerNode {
		allErrs = append(allErrs, field.TooMany(ip, len(spec.Images), maxImagesPerNode))
	}
	names := make([]string, 0, len(spec.Images))
	for name := range spec.Images {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := ip.Key(name)
		if name == "" {
			allErrs = append(allErrs, field.Invalid(p, name, "image name must not be empty"))
		}
		seen := sets.New[string]()
		for i, tag := range spec.Images[name].Tags {
			tp := p.Child("tags").Index(i)
			switch {
			case tag.Tag == "":
				allErrs = append(allErrs, field.Required(tp.Child("tag"), ""))
			case seen.Has(tag.Tag):
				allErrs = append(allErrs, field.Duplicate(tp.Child("tag"), tag.Tag))
			}
			seen.Insert(tag.Tag)
			if tag.CreatedAt == nil {
				allErrs = append(allErrs, field.Required(tp.Child("createdAt"), ""))
			}
			if tag.Version < 0 {
				allErrs = append(allErrs, field.Invalid(tp.Child("version"), tag.Version, "must be greater than or equal to 0"))
			}
			if tag.PullPolicy == nil {
				allErrs = append(allErrs, field.Required(tp.Child("pullPolicy"), ""))
			} else if tag.PullPolicy.TTLSecondsAfterFinished == nil {
				allErrs = append(allErrs, field.Required(tp.Child("pullPolicy", "ttlSecondsAfterFinished"), ""))
			}
		}
	}
	return allErrs
}
