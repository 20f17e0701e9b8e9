package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

func TestUnitedDeploymentBetaSubsetStatusesFillAlphaMapsAndUpdateStatus(t *testing.T) {
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"UnitedDeployment","metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}}},
		"status":{"replicas":5,"updatedReplicas":3,"currentRevision":"r1","updatedRevision":"r2",
			"subsetStatuses":[{"name":"b","replicas":2,"partition":1,"readyReplicas":2},{"name":"a","replicas":3,"reservedPods":1}]}}`
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":5,"updatedReplicas":3,"currentRevision":"r1",
			"subsetReplicas":{"a":3,"b":2},
			"subsetStatuses":[{"name":"b","replicas":2,"partition":1,"readyReplicas":2},{"name":"a","replicas":3,"reservedPods":1}],
			"updateStatus":{"updatedRevision":"r2","currentPartitions":{"a":0,"b":1}}}}`)
}

func TestUnitedDeploymentAlphaMapsBecomeSubsetStatusesInNameOrder(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"UnitedDeployment","metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}}},
		"status":{"replicas":5,"updatedReplicas":0,"currentRevision":"r1",
			"subsetReplicas":{"z":2,"a":3},
			"updateStatus":{"updatedRevision":"r2","currentPartitions":{"a":1,"m":4}}}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":5,"updatedReplicas":0,"currentRevision":"r1","updatedRevision":"r2",
			"subsetStatuses":[{"name":"a","replicas":3,"partition":1},{"name":"z","replicas":2},{"name":"m","partition":4}]}}`)
}

func TestUnitedDeploymentAlphaMapsOverrideAlphaSubsetStatuses(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"UnitedDeployment","metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}}},
		"status":{"replicas":1,"updatedReplicas":1,"currentRevision":"r1",
			"subsetReplicas":{"a":7},
			"subsetStatuses":[{"name":"a","replicas":1,"readyReplicas":1,"conditions":[{"type":"Schedulable","status":"False","reason":"Pending"}]}]}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":1,"updatedReplicas":1,"currentRevision":"r1",
			"subsetStatuses":[{"name":"a","replicas":7,"readyReplicas":1,"conditions":[{"type":"Schedulable","status":"False","lastTransitionTime":null,"reason":"Pending"}]}]}}`)
}

func TestUnitedDeploymentWithoutRevisionOrSubsetsHasNoAlphaUpdateStatus(t *testing.T) {
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"UnitedDeployment","metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}}},"status":{"replicas":0,"updatedReplicas":0,"currentRevision":""}}`
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":0,"updatedReplicas":0,"currentRevision":""}}`)
}

// Two statuses with one name cannot both be described by the v1alpha1 maps; the v1beta1 list travels
// in the preserve annotation and comes back unchanged.
func TestUnitedDeploymentDuplicateSubsetStatusesSurviveAlphaRoundTrip(t *testing.T) {
	scheme := newScheme()
	beta := `{"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"ud","namespace":"default"},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":3,"updatedReplicas":0,"currentRevision":"r1",
			"subsetStatuses":[{"name":"a","replicas":1},{"name":"a","replicas":2}]}}`
	alpha := conversiontest.Convert(t, scheme, beta, v1alpha1.SchemeGroupVersion)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"ud","namespace":"default","annotations":{"kruise-aggregated.io/preserved-fields":
			"{\"subsetStatuses\":[{\"name\":\"a\",\"replicas\":1},{\"name\":\"a\",\"replicas\":2}]}"}},
		"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{},"topology":{"scheduleStrategy":{}},"updateStrategy":{}},
		"status":{"replicas":3,"updatedReplicas":0,"currentRevision":"r1",
			"subsetReplicas":{"a":2},
			"subsetStatuses":[{"name":"a","replicas":1},{"name":"a","replicas":2}],
			"updateStatus":{"currentPartitions":{"a":0}}}}`)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

// The v1alpha1 cloneSetTemplate already has the v1beta1 CloneSet shape (rollingUpdate, enablePVCReuse),
// so it passes through unchanged in both directions.
func TestUnitedDeploymentAlphaCloneSetTemplateUsesBetaCloneSetShape(t *testing.T) {
	spec := `"spec":{"selector":{"matchLabels":{"app":"a"}},
			"template":{"cloneSetTemplate":{"metadata":{"labels":{"app":"a"}},
				"spec":{"selector":null,"template":{"metadata":{},"spec":{"containers":null}},
					"scaleStrategy":{"enablePVCReuse":true},
					"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible","partition":2}}}}},
			"topology":{"subsets":[{"name":"a","nodeSelectorTerm":{},"replicas":"50%","patch":{"metadata":{"labels":{"zone":"a"}}}}],"scheduleStrategy":{}},
			"updateStrategy":{}}`
	status := `"status":{"replicas":0,"updatedReplicas":0,"currentRevision":""}`
	alpha := `{"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1alpha1","metadata":{"name":"ud","namespace":"default"},` + spec + `,` + status + `}`
	beta := `{"kind":"UnitedDeployment","apiVersion":"apps.kruise.io/v1beta1","metadata":{"name":"ud","namespace":"default"},` + spec + `,` + status + `}`
	scheme := newScheme()
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
}
