package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

const wsTarget = `"targetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}`

func TestWorkloadSpreadAlphaNodeSelectorTermsAreRenamedInBeta(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a",
			"requiredNodeSelectorTerm":{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]},
			"preferredNodeSelectorTerms":[{"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"Exists"}]}}],
			"maxReplicas":"50%","patch":{"metadata":{"labels":{"zone":"a"}}}}],
			"scheduleStrategy":{"type":"Adaptive","adaptive":{"rescheduleCriticalSeconds":30}}}}`
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a",
			"requiredNodeSelector":{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]},
			"preferredNodeSelector":[{"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"Exists"}]}}],
			"maxReplicas":"50%","patch":{"metadata":{"labels":{"zone":"a"}}}}],
			"scheduleStrategy":{"type":"Adaptive","adaptive":{"rescheduleCriticalSeconds":30}}},
		"status":{}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, alpha[:len(alpha)-1]+`,"status":{}}`)
}

func TestWorkloadSpreadAlphaConditionWithoutReasonGetsReasonUnknownInBeta(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"observedGeneration":2,"subsetStatuses":[{"name":"a","replicas":3,"missingReplicas":-1,
			"conditions":[{"type":"Schedulable","status":"False","lastTransitionTime":"2024-05-01T10:00:00Z"}],
			"creatingPods":{"web-1":"2024-05-01T10:00:01Z"}}]}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"apiVersion":"apps.kruise.io/v1beta1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{`+wsTarget+`,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"observedGeneration":2,"subsetStatuses":[{"name":"a","replicas":3,"missingReplicas":-1,
			"conditions":[{"type":"Schedulable","status":"False","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Unknown","message":""}],
			"creatingPods":{"web-1":"2024-05-01T10:00:01Z"}}]}}`)
}

func TestWorkloadSpreadConditionObservedGenerationIsPreservedThroughAlpha(t *testing.T) {
	scheme := newScheme()
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"subsetStatuses":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"True","observedGeneration":4,"lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Fits","message":"ok"}]}],
		"versionedSubsetStatuses":{"rev-1":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"False","observedGeneration":5,"lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Full","message":""}]}]}}}`
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default",
			"annotations":{"` + preserve.AnnotationKey + `":` + jsonQuoted(`{"conditionGenerations":[`+
		`{"subset":0,"condition":0,"type":"Schedulable","observedGeneration":4},`+
		`{"revision":"rev-1","subset":0,"condition":0,"type":"Schedulable","observedGeneration":5}]}`) + `}},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"subsetStatuses":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Fits","message":"ok"}]}],
		"versionedSubsetStatuses":{"rev-1":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"False","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Full"}]}]}}}`
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestWorkloadSpreadPreservedGenerationIsDroppedWhenTheConditionMoved(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default",
			"annotations":{"` + preserve.AnnotationKey + `":` + jsonQuoted(`{"conditionGenerations":[{"subset":1,"condition":0,"type":"Schedulable","observedGeneration":4}]}`) + `}},
		"spec":{` + wsTarget + `,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"subsetStatuses":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Fits"}]}]}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"apiVersion":"apps.kruise.io/v1beta1","kind":"WorkloadSpread","metadata":{"name":"ws","namespace":"default"},
		"spec":{`+wsTarget+`,"subsets":[{"name":"a","patch":null}],"scheduleStrategy":{}},
		"status":{"subsetStatuses":[{"name":"a","replicas":1,"missingReplicas":0,
			"conditions":[{"type":"Schedulable","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Fits","message":""}]}]}}`)
}
