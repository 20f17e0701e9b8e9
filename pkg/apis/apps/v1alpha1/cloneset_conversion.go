package v1alpha1

import (
	"strconv"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/conversion"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// preDownloadKeys are the v1alpha1 annotations that stand for the pre-download fields of inPlaceUpdateStrategy.
var preDownloadKeys = []string{
	pub.ImagePreDownloadParallelismKey,
	pub.ImagePreDownloadTimeoutSecondsKey,
	pub.ImagePreDownloadMinUpdatedReadyPodsKey,
}

// cloneSetPreserved holds what a v1alpha1 CloneSet cannot express, in v1beta1 form.
// +k8s:openapi-gen=false
type cloneSetPreserved struct {
	UpdateStrategy *v1beta1.CloneSetUpdateStrategy `json:"updateStrategy,omitempty"`
}

// Convert_apps_CloneSet_To_v1alpha1_CloneSet converts down, moving fields v1alpha1 keeps in metadata
// there and carrying whatever it cannot express in the preserve annotation.
func Convert_apps_CloneSet_To_v1alpha1_CloneSet(in *apps.CloneSet, out *CloneSet, s conversion.Scope) error {
	if err := autoConvert_apps_CloneSet_To_v1alpha1_CloneSet(in, out, s); err != nil {
		return err
	}
	if in.Spec.ScaleStrategy.ExcludePreparingDelete {
		preserve.SetLabel(&out.ObjectMeta, CloneSetScalingExcludePreparingDeleteKey, "true")
	}
	strategy, annotations := downCloneSetUpdateStrategy(&in.Spec.UpdateStrategy)
	out.Spec.UpdateStrategy = strategy
	for _, key := range preDownloadKeys {
		if v, ok := annotations[key]; ok {
			preserve.SetAnnotation(&out.ObjectMeta, key, v)
		}
	}
	var extra cloneSetPreserved
	if up := upCloneSetUpdateStrategy(&strategy, annotations); !apiequality.Semantic.DeepEqual(up, in.Spec.UpdateStrategy) {
		extra.UpdateStrategy = &v1beta1.CloneSetUpdateStrategy{}
		if err := v1beta1.Convert_apps_CloneSetUpdateStrategy_To_v1beta1_CloneSetUpdateStrategy(in.Spec.UpdateStrategy.DeepCopy(), extra.UpdateStrategy, s); err != nil {
			return err
		}
	}
	return preserve.Save(&out.ObjectMeta, &extra)
}

// Convert_v1alpha1_CloneSet_To_apps_CloneSet converts up. Metadata that stands for fields (the
// exclude-preparing-delete label, the pre-download annotations) moves into the fields.
func Convert_v1alpha1_CloneSet_To_apps_CloneSet(in *CloneSet, out *apps.CloneSet, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_CloneSet_To_apps_CloneSet(in, out, s); err != nil {
		return err
	}
	var extra cloneSetPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &extra); err != nil {
		return err
	}
	var preserved *apps.CloneSetUpdateStrategy
	if extra.UpdateStrategy != nil {
		preserved = &apps.CloneSetUpdateStrategy{}
		if err := v1beta1.Convert_v1beta1_CloneSetUpdateStrategy_To_apps_CloneSetUpdateStrategy(extra.UpdateStrategy, preserved, s); err != nil {
			return err
		}
	}
	if out.Labels[CloneSetScalingExcludePreparingDeleteKey] == "true" {
		out.Spec.ScaleStrategy.ExcludePreparingDelete = true
		preserve.RemoveLabel(&out.ObjectMeta, CloneSetScalingExcludePreparingDeleteKey)
	}
	annotations := map[string]string{}
	for _, key := range preDownloadKeys {
		if v, ok := in.Annotations[key]; ok {
			annotations[key] = v
		}
	}
	strategy := upCloneSetUpdateStrategy(&in.Spec.UpdateStrategy, annotations)
	// The preserved strategy wins only if the client left the v1alpha1 view of it untouched
	// (as it was served, or as v1alpha1 defaulting completed it when the object was sent back).
	if preserved != nil {
		served, servedAnnotations := downCloneSetUpdateStrategy(preserved)
		defaulted := *served.DeepCopy()
		setDefaultsCloneSetUpdateStrategy(&defaulted)
		unchanged := apiequality.Semantic.DeepEqual(served, in.Spec.UpdateStrategy) || apiequality.Semantic.DeepEqual(defaulted, in.Spec.UpdateStrategy)
		if unchanged && equalStringMaps(servedAnnotations, annotations) {
			strategy = *preserved
		}
	}
	out.Spec.UpdateStrategy = strategy
	for key := range annotations {
		if movedPreDownloadAnnotation(&strategy, key) {
			preserve.RemoveAnnotation(&out.ObjectMeta, key)
		}
	}
	return nil
}

// Convert_apps_CloneSetScaleStrategy_To_v1alpha1_CloneSetScaleStrategy inverts enablePVCReuse.
func Convert_apps_CloneSetScaleStrategy_To_v1alpha1_CloneSetScaleStrategy(in *apps.CloneSetScaleStrategy, out *CloneSetScaleStrategy, s conversion.Scope) error {
	if err := autoConvert_apps_CloneSetScaleStrategy_To_v1alpha1_CloneSetScaleStrategy(in, out, s); err != nil {
		return err
	}
	out.DisablePVCReuse = !in.EnablePVCReuse
	return nil
}

// Convert_v1alpha1_CloneSetScaleStrategy_To_apps_CloneSetScaleStrategy inverts disablePVCReuse.
func Convert_v1alpha1_CloneSetScaleStrategy_To_apps_CloneSetScaleStrategy(in *CloneSetScaleStrategy, out *apps.CloneSetScaleStrategy, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_CloneSetScaleStrategy_To_apps_CloneSetScaleStrategy(in, out, s); err != nil {
		return err
	}
	out.EnablePVCReuse = !in.DisablePVCReuse
	return nil
}

// Convert_apps_CloneSetUpdateStrategy_To_v1alpha1_CloneSetUpdateStrategy flattens the strategy;
// the object-level conversion also writes the pre-download annotations.
func Convert_apps_CloneSetUpdateStrategy_To_v1alpha1_CloneSetUpdateStrategy(in *apps.CloneSetUpdateStrategy, out *CloneSetUpdateStrategy, _ conversion.Scope) error {
	*out, _ = downCloneSetUpdateStrategy(in)
	return nil
}

// Convert_v1alpha1_CloneSetUpdateStrategy_To_apps_CloneSetUpdateStrategy nests the strategy under rollingUpdate.
func Convert_v1alpha1_CloneSetUpdateStrategy_To_apps_CloneSetUpdateStrategy(in *CloneSetUpdateStrategy, out *apps.CloneSetUpdateStrategy, _ conversion.Scope) error {
	*out = upCloneSetUpdateStrategy(in, nil)
	return nil
}

// downCloneSetUpdateStrategy maps the v1beta1-shaped strategy onto the flat v1alpha1 one and
// returns the pre-download settings as v1alpha1 annotations.
func downCloneSetUpdateStrategy(in *apps.CloneSetUpdateStrategy) (CloneSetUpdateStrategy, map[string]string) {
	out := CloneSetUpdateStrategy{Type: RecreateCloneSetUpdateStrategyType}
	ru := in.RollingUpdate
	if in.Type == apps.OnDeleteCloneSetUpdateStrategyType {
		out.Type = OnDeleteCloneSetUpdateStrategyType
	} else if ru != nil {
		switch ru.PodUpdatePolicy {
		case apps.InPlaceIfPossibleCloneSetPodUpdateStrategyType:
			out.Type = InPlaceIfPossibleCloneSetUpdateStrategyType
		case apps.InPlaceOnlyCloneSetPodUpdateStrategyType:
			out.Type = InPlaceOnlyCloneSetUpdateStrategyType
		}
	}
	if ru == nil {
		return out, nil
	}
	out.Partition = ru.Partition
	out.MaxUnavailable = ru.MaxUnavailable
	out.MaxSurge = ru.MaxSurge
	out.Paused = ru.Paused
	out.PriorityStrategy = ru.PriorityStrategy
	out.ScatterStrategy = downScatter(ru.ScatterStrategy)
	ips := ru.InPlaceUpdateStrategy
	if ips == nil {
		return out, nil
	}
	if ips.GracePeriodSeconds != 0 {
		out.InPlaceUpdateStrategy = &pub.InPlaceUpdateStrategy{GracePeriodSeconds: ips.GracePeriodSeconds}
	}
	annotations := map[string]string{}
	if ips.ImagePreDownloadParallelism != nil {
		annotations[pub.ImagePreDownloadParallelismKey] = ips.ImagePreDownloadParallelism.String()
	}
	if ips.ImagePreDownloadTimeoutSeconds != nil {
		annotations[pub.ImagePreDownloadTimeoutSecondsKey] = strconv.FormatInt(int64(*ips.ImagePreDownloadTimeoutSeconds), 10)
	}
	if ips.ImagePreDownloadMinUpdatedReadyPods != nil {
		annotations[pub.ImagePreDownloadMinUpdatedReadyPodsKey] = strconv.FormatInt(int64(*ips.ImagePreDownloadMinUpdatedReadyPods), 10)
	}
	return out, annotations
}

// upCloneSetUpdateStrategy maps a flat v1alpha1 strategy (plus its pre-download annotations) onto
// the v1beta1 shape. Unlike OpenKruise, an OnDelete strategy keeps any rolling-update settings.
func upCloneSetUpdateStrategy(in *CloneSetUpdateStrategy, annotations map[string]string) apps.CloneSetUpdateStrategy {
	out := apps.CloneSetUpdateStrategy{Type: apps.RollingUpdateCloneSetUpdateStrategyType}
	policy := apps.RecreateCloneSetPodUpdateStrategyType
	switch in.Type {
	case OnDeleteCloneSetUpdateStrategyType:
		out.Type = apps.OnDeleteCloneSetUpdateStrategyType
		policy = ""
	case InPlaceIfPossibleCloneSetUpdateStrategyType:
		policy = apps.InPlaceIfPossibleCloneSetPodUpdateStrategyType
	case InPlaceOnlyCloneSetUpdateStrategyType:
		policy = apps.InPlaceOnlyCloneSetPodUpdateStrategyType
	}
	ips := upInPlaceUpdateStrategy(in.InPlaceUpdateStrategy, annotations)
	flatIsEmpty := in.Partition == nil && in.MaxUnavailable == nil && in.MaxSurge == nil && !in.Paused &&
		in.PriorityStrategy == nil && in.ScatterStrategy == nil && ips == nil
	if out.Type == apps.OnDeleteCloneSetUpdateStrategyType && flatIsEmpty {
		return out
	}
	out.RollingUpdate = &apps.RollingUpdateCloneSetStrategy{
		Partition:             in.Partition,
		MaxUnavailable:        in.MaxUnavailable,
		MaxSurge:              in.MaxSurge,
		PodUpdatePolicy:       policy,
		Paused:                in.Paused,
		PriorityStrategy:      in.PriorityStrategy,
		ScatterStrategy:       upScatter(in.ScatterStrategy),
		InPlaceUpdateStrategy: ips,
	}
	return out
}

// upInPlaceUpdateStrategy merges v1alpha1's inPlaceUpdateStrategy with the pre-download annotations;
// an annotation that does not parse is left where it is (validation reports it).
func upInPlaceUpdateStrategy(in *pub.InPlaceUpdateStrategy, annotations map[string]string) *pub.InPlaceUpdateStrategy {
	var out pub.InPlaceUpdateStrategy
	if in != nil {
		out = *in.DeepCopy()
	}
	if v, ok := annotations[pub.ImagePreDownloadParallelismKey]; ok && v != "" {
		p := intstr.Parse(v)
		out.ImagePreDownloadParallelism = &p
	}
	if n, ok := parseInt32Annotation(annotations, pub.ImagePreDownloadTimeoutSecondsKey); ok {
		out.ImagePreDownloadTimeoutSeconds = &n
	}
	if n, ok := parseInt32Annotation(annotations, pub.ImagePreDownloadMinUpdatedReadyPodsKey); ok {
		out.ImagePreDownloadMinUpdatedReadyPods = &n
	}
	if in == nil && out == (pub.InPlaceUpdateStrategy{}) {
		return nil
	}
	return &out
}

// movedPreDownloadAnnotation reports whether the annotation key's value now lives in the strategy.
func movedPreDownloadAnnotation(s *apps.CloneSetUpdateStrategy, key string) bool {
	if s.RollingUpdate == nil || s.RollingUpdate.InPlaceUpdateStrategy == nil {
		return false
	}
	ips := s.RollingUpdate.InPlaceUpdateStrategy
	switch key {
	case pub.ImagePreDownloadParallelismKey:
		return ips.ImagePreDownloadParallelism != nil
	case pub.ImagePreDownloadTimeoutSecondsKey:
		return ips.ImagePreDownloadTimeoutSeconds != nil
	case pub.ImagePreDownloadMinUpdatedReadyPodsKey:
		return ips.ImagePreDownloadMinUpdatedReadyPods != nil
	}
	return false
}

func parseInt32Annotation(annotations map[string]string, key string) (int32, bool) {
	v, ok := annotations[key]
	if !ok || v == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0, false
	}
	return int32(n), true
}

func downScatter(in apps.UpdateScatterStrategy) UpdateScatterStrategy {
	if in == nil {
		return nil
	}
	out := make(UpdateScatterStrategy, len(in))
	for i := range in {
		out[i] = UpdateScatterTerm{Key: in[i].Key, Value: in[i].Value}
	}
	return out
}

func upScatter(in UpdateScatterStrategy) apps.UpdateScatterStrategy {
	if in == nil {
		return nil
	}
	out := make(apps.UpdateScatterStrategy, len(in))
	for i := range in {
		out[i] = apps.UpdateScatterTerm{Key: in[i].Key, Value: in[i].Value}
	}
	return out
}

func equalStringMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
