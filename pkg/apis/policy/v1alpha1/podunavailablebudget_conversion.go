package v1alpha1

import (
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/conversion"

	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// In v1alpha1, spec.protectOperations and spec.protectTotalReplicas are written as two annotations, and
// spec.ignoredPodSelector does not exist. Converting up moves annotations whose values are valid into the
// fields and removes them; an invalid value stays in the annotation so that validation can reject it with
// a field path (OpenKruise fails the conversion instead). Converting down writes set fields into the
// annotations. Whatever the annotations cannot carry exactly travels in the preserve annotation.

// pubPreserved is the JSON kept in the preserve annotation of a v1alpha1 PodUnavailableBudget.
// +k8s:openapi-gen=false
type pubPreserved struct {
	IgnoredPodSelector *metav1.LabelSelector `json:"ignoredPodSelector,omitempty"`
	Protection         *pubProtectionRecord  `json:"protection,omitempty"`
}

// pubProtectionRecord holds the hub's exact protection settings when the annotations shown in
// v1alpha1 would convert back to something else. It applies only while both annotations still hold
// the values they were shown with: a v1alpha1 client that edits either of them wins.
// +k8s:openapi-gen=false
type pubProtectionRecord struct {
	ShownOperations    *string `json:"shownOperations,omitempty"`
	ShownTotalReplicas *string `json:"shownTotalReplicas,omitempty"`
	pubProtection
}

// pubProtection is the part of a hub object that the two annotations stand for in v1alpha1.
// +k8s:openapi-gen=false
type pubProtection struct {
	Operations              []policy.PubOperation `json:"operations,omitempty"`
	TotalReplicas           *int32                `json:"totalReplicas,omitempty"`
	OperationsAnnotation    *string               `json:"operationsAnnotation,omitempty"`
	TotalReplicasAnnotation *string               `json:"totalReplicasAnnotation,omitempty"`
}

// Convert_policy_PodUnavailableBudget_To_v1alpha1_PodUnavailableBudget writes the beta-only fields into annotations.
func Convert_policy_PodUnavailableBudget_To_v1alpha1_PodUnavailableBudget(in *policy.PodUnavailableBudget, out *PodUnavailableBudget, s conversion.Scope) error {
	if err := autoConvert_policy_PodUnavailableBudget_To_v1alpha1_PodUnavailableBudget(in, out, s); err != nil {
		return err
	}
	if len(in.Spec.ProtectOperations) > 0 {
		preserve.SetAnnotation(&out.ObjectMeta, PubProtectOperationAnnotation, joinPubOperations(in.Spec.ProtectOperations))
	}
	if in.Spec.ProtectTotalReplicas != nil {
		preserve.SetAnnotation(&out.ObjectMeta, PubProtectTotalReplicasAnnotation, strconv.FormatInt(int64(*in.Spec.ProtectTotalReplicas), 10))
	}

	kept := pubPreserved{IgnoredPodSelector: in.Spec.IgnoredPodSelector}
	hub := hubProtection(in)
	if !protectionFromAnnotations(out.Annotations).equal(hub) {
		kept.Protection = &pubProtectionRecord{
			ShownOperations:    lookupAnnotation(out.Annotations, PubProtectOperationAnnotation),
			ShownTotalReplicas: lookupAnnotation(out.Annotations, PubProtectTotalReplicasAnnotation),
			pubProtection:      hub,
		}
	}
	return preserve.Save(&out.ObjectMeta, &kept)
}

// Convert_v1alpha1_PodUnavailableBudget_To_policy_PodUnavailableBudget moves valid annotations into the beta-only fields.
func Convert_v1alpha1_PodUnavailableBudget_To_policy_PodUnavailableBudget(in *PodUnavailableBudget, out *policy.PodUnavailableBudget, s conversion.Scope) error {
	if err := autoConvert_v1alpha1_PodUnavailableBudget_To_policy_PodUnavailableBudget(in, out, s); err != nil {
		return err
	}
	var kept pubPreserved
	if _, err := preserve.Restore(&out.ObjectMeta, &kept); err != nil {
		// Only a client can have broken the reserved annotation; drop it rather than fail the request.
		preserve.RemoveAnnotation(&out.ObjectMeta, preserve.AnnotationKey)
		kept = pubPreserved{}
	}
	out.Spec.IgnoredPodSelector = kept.IgnoredPodSelector

	protection := protectionFromAnnotations(out.Annotations)
	if r := kept.Protection; r != nil &&
		sameAnnotation(r.ShownOperations, lookupAnnotation(out.Annotations, PubProtectOperationAnnotation)) &&
		sameAnnotation(r.ShownTotalReplicas, lookupAnnotation(out.Annotations, PubProtectTotalReplicasAnnotation)) {
		protection = r.pubProtection
	}
	out.Spec.ProtectOperations = protection.Operations
	out.Spec.ProtectTotalReplicas = protection.TotalReplicas
	setOrRemoveAnnotation(&out.ObjectMeta, PubProtectOperationAnnotation, protection.OperationsAnnotation)
	setOrRemoveAnnotation(&out.ObjectMeta, PubProtectTotalReplicasAnnotation, protection.TotalReplicasAnnotation)
	return nil
}

// Convert_policy_PodUnavailableBudgetSpec_To_v1alpha1_PodUnavailableBudgetSpec leaves the beta-only fields
// to the object conversion, which has the annotations.
func Convert_policy_PodUnavailableBudgetSpec_To_v1alpha1_PodUnavailableBudgetSpec(in *policy.PodUnavailableBudgetSpec, out *PodUnavailableBudgetSpec, s conversion.Scope) error {
	return autoConvert_policy_PodUnavailableBudgetSpec_To_v1alpha1_PodUnavailableBudgetSpec(in, out, s)
}

// hubProtection reads the protection settings of a hub object.
func hubProtection(in *policy.PodUnavailableBudget) pubProtection {
	return pubProtection{
		Operations:              in.Spec.ProtectOperations,
		TotalReplicas:           in.Spec.ProtectTotalReplicas,
		OperationsAnnotation:    lookupAnnotation(in.Annotations, PubProtectOperationAnnotation),
		TotalReplicasAnnotation: lookupAnnotation(in.Annotations, PubProtectTotalReplicasAnnotation),
	}
}

// protectionFromAnnotations is what the annotations of a v1alpha1 object mean on the hub: each valid
// value becomes its field and leaves metadata, an invalid one stays as it is.
func protectionFromAnnotations(annotations map[string]string) pubProtection {
	p := pubProtection{
		OperationsAnnotation:    lookupAnnotation(annotations, PubProtectOperationAnnotation),
		TotalReplicasAnnotation: lookupAnnotation(annotations, PubProtectTotalReplicasAnnotation),
	}
	if p.OperationsAnnotation != nil {
		if ops, ok := policy.ParsePubOperations(*p.OperationsAnnotation); ok && len(ops) > 0 {
			p.Operations, p.OperationsAnnotation = ops, nil
		}
	}
	if p.TotalReplicasAnnotation != nil {
		if n, err := strconv.ParseInt(*p.TotalReplicasAnnotation, 10, 32); err == nil {
			total := int32(n)
			p.TotalReplicas, p.TotalReplicasAnnotation = &total, nil
		}
	}
	return p
}

func (p pubProtection) equal(o pubProtection) bool {
	if len(p.Operations) != len(o.Operations) {
		return false
	}
	for i := range p.Operations {
		if p.Operations[i] != o.Operations[i] {
			return false
		}
	}
	if (p.TotalReplicas == nil) != (o.TotalReplicas == nil) || (p.TotalReplicas != nil && *p.TotalReplicas != *o.TotalReplicas) {
		return false
	}
	return sameAnnotation(p.OperationsAnnotation, o.OperationsAnnotation) &&
		sameAnnotation(p.TotalReplicasAnnotation, o.TotalReplicasAnnotation)
}

func joinPubOperations(ops []policy.PubOperation) string {
	items := make([]string, len(ops))
	for i, op := range ops {
		items[i] = string(op)
	}
	return strings.Join(items, ",")
}

func lookupAnnotation(annotations map[string]string, key string) *string {
	if v, ok := annotations[key]; ok {
		return &v
	}
	return nil
}

func sameAnnotation(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func setOrRemoveAnnotation(meta *metav1.ObjectMeta, key string, value *string) {
	if value == nil {
		preserve.RemoveAnnotation(meta, key)
		return
	}
	if current, ok := meta.Annotations[key]; !ok || current != *value {
		preserve.SetAnnotation(meta, key, *value)
	}
}
