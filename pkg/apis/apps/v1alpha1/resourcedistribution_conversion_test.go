package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

func TestResourceDistributionSelectorAndFailedNamespacesAreRenamedBetweenVersions(t *testing.T) {
	scheme := newScheme()
	resource := `"resource":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"b"}}`
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"ResourceDistribution","metadata":{"name":"cfg"},
		"spec":{` + resource + `,"targets":{
			"excludedNamespaces":{"list":[{"name":"legacy"}]},
			"includedNamespaces":{"list":[{"name":"team-a"}]},
			"namespaceLabelSelector":{"matchLabels":{"team":"web"}}}},
		"status":{"desired":2,"succeeded":1,"failed":1,"observedGeneration":3,"conditions":[
			{"type":"NamespaceNotExists","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Missing","failedNamespace":["team-a"]}]}}`
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"ResourceDistribution","metadata":{"name":"cfg"},
		"spec":{` + resource + `,"targets":{
			"excludedNamespaces":{"list":[{"name":"legacy"}]},
			"includedNamespaces":{"list":[{"name":"team-a"}]},
			"namespaceSelector":{"matchLabels":{"team":"web"}}}},
		"status":{"desired":2,"succeeded":1,"failed":1,"observedGeneration":3,"conditions":[
			{"type":"NamespaceNotExists","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Missing","failedNamespaces":["team-a"]}]}}`
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
}

func TestResourceDistributionEmptyTargetsAreWrittenAsEmptyObjects(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"ResourceDistribution","metadata":{"name":"cfg"},
		"spec":{"resource":{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}},"targets":{"allNamespaces":true}}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"apiVersion":"apps.kruise.io/v1beta1","kind":"ResourceDistribution","metadata":{"name":"cfg"},
		"spec":{"resource":{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}},
			"targets":{"allNamespaces":true,"excludedNamespaces":{},"includedNamespaces":{},"namespaceSelector":{}}},
		"status":{}}`)
}
