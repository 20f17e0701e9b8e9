package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

func TestSidecarSetNamespaceBecomesNamespaceSelectorAndWinsOverAlphaSelector(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"SidecarSet","metadata":{"name":"s"},
		"spec":{"namespace":"ns1","namespaceSelector":{"matchLabels":{"team":"a"}},
		"containers":[{"name":"log","image":"log:1"}]}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"s"},
		"spec":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ns1"}},
			"containers":[{"name":"log","image":"log:1","resources":{},"upgradeStrategy":{},"shareVolumePolicy":{}}],
			"updateStrategy":{},"injectionStrategy":{}},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`)
}

func TestSidecarSetAlphaNamespaceSelectorIsKeptWithoutNamespace(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"SidecarSet","metadata":{"name":"s"},
		"spec":{"namespaceSelector":{"matchLabels":{"team":"a"}}}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"s"},
		"spec":{"namespaceSelector":{"matchLabels":{"team":"a"}},"updateStrategy":{},"injectionStrategy":{}},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`)
}

func TestSidecarSetCustomVersionLabelMovesIntoSpec(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"SidecarSet",
		"metadata":{"name":"s","labels":{"apps.kruise.io/sidecarset-custom-version":"v2","app":"x"}},"spec":{}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"s","labels":{"app":"x"}},
		"spec":{"updateStrategy":{},"injectionStrategy":{},"customVersion":"v2"},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`)
}

func TestSidecarSetCustomVersionBecomesAlphaLabelAndSelectorIsCopied(t *testing.T) {
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"SidecarSet",
		"metadata":{"name":"s","labels":{"app":"x"}},
		"spec":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ns1"}},"customVersion":"v2"},
		"status":{"matchedPods":3,"updatedPods":2,"readyPods":1,"latestRevision":"s-abc"}}`
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"s","labels":{"app":"x","apps.kruise.io/sidecarset-custom-version":"v2"}},
		"spec":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ns1"}},"updateStrategy":{},"injectionStrategy":{}},
		"status":{"matchedPods":3,"updatedPods":2,"readyPods":1,"latestRevision":"s-abc"}}`)
}

// A v1beta1 object may carry the custom-version label itself; v1alpha1 shows spec.customVersion in
// that label and keeps the original label in the preserve annotation, so the trip back is exact.
func TestSidecarSetCustomVersionLabelOnBetaObjectSurvivesAlphaRoundTrip(t *testing.T) {
	scheme := newScheme()
	beta := `{"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"s","labels":{"apps.kruise.io/sidecarset-custom-version":"old"}},
		"spec":{"updateStrategy":{},"injectionStrategy":{},"customVersion":"new"},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`
	alpha := conversiontest.Convert(t, scheme, beta, v1alpha1.SchemeGroupVersion)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"s",
			"labels":{"apps.kruise.io/sidecarset-custom-version":"new"},
			"annotations":{"kruise-aggregated.io/preserved-fields":"{\"customVersionLabel\":\"old\",\"customVersion\":\"new\"}"}},
		"spec":{"updateStrategy":{},"injectionStrategy":{}},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

// If a v1alpha1 client changes the label, the preserved value no longer applies: the label wins.
func TestSidecarSetEditedAlphaLabelWinsOverPreservedLabel(t *testing.T) {
	alpha := `{"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"s","labels":{"apps.kruise.io/sidecarset-custom-version":"edited"},
			"annotations":{"kruise-aggregated.io/preserved-fields":"{\"customVersionLabel\":\"old\",\"customVersion\":\"new\"}"}},
		"spec":{}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"SidecarSet","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"s"},
		"spec":{"updateStrategy":{},"injectionStrategy":{},"customVersion":"edited"},
		"status":{"matchedPods":0,"updatedPods":0,"readyPods":0}}`)
}
