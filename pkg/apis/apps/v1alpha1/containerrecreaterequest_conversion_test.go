package v1alpha1_test

import (
	"encoding/json"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

// jsonQuoted returns s as a JSON string literal, for annotations that hold JSON.
func jsonQuoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const crrAlphaMeta = `"apiVersion":"apps.kruise.io/v1alpha1","kind":"ContainerRecreateRequest"`
const crrBetaMeta = `"apiVersion":"apps.kruise.io/v1beta1","kind":"ContainerRecreateRequest"`
const crrSpec = `"spec":{"podName":"pod-0","containers":[{"name":"app","preStop":{"exec":{"command":["sleep","5"]}}}],"strategy":{"failurePolicy":"Fail"}}`

func TestContainerRecreateRequestAlphaAnnotationsMoveIntoBetaStatus(t *testing.T) {
	alpha := `{` + crrAlphaMeta + `,"metadata":{"name":"crr","namespace":"default","annotations":{
		"crr.apps.kruise.io/sync-container-statuses":` + jsonQuoted(`[{"name":"app","ready":true,"restartCount":1,"containerID":"containerd://abc"}]`) + `,
		"crr.apps.kruise.io/unready-acquired":"2024-05-01T10:00:00Z","team":"a"}},
		` + crrSpec + `,"status":{"phase":"Recreating"}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{`+crrBetaMeta+`,
		"metadata":{"name":"crr","namespace":"default","annotations":{"team":"a"}},
		`+crrSpec+`,
		"status":{"phase":"Recreating",
			"containerStatusSnapshot":[{"name":"app","ready":true,"restartCount":1,"containerID":"containerd://abc"}],
			"conditions":[{"type":"PreRecreateGrace","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z",
				"reason":"PreRecreateGrace","message":"Pod has been forced to not-ready for unreadyGracePeriodSeconds drain"}]}}`)
}

func TestContainerRecreateRequestBetaStatusBecomesAlphaAnnotations(t *testing.T) {
	beta := `{` + crrBetaMeta + `,"metadata":{"name":"crr","namespace":"default"},` + crrSpec + `,
		"status":{"phase":"Recreating",
			"containerStatusSnapshot":[{"name":"app","ready":false,"restartCount":2}],
			"conditions":[{"type":"PreRecreateGrace","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z",
				"reason":"PreRecreateGrace","message":"Pod has been forced to not-ready for unreadyGracePeriodSeconds drain"}]}}`
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, `{`+crrAlphaMeta+`,
		"metadata":{"name":"crr","namespace":"default","annotations":{
			"crr.apps.kruise.io/sync-container-statuses":`+jsonQuoted(`[{"name":"app","ready":false,"restartCount":2}]`)+`,
			"crr.apps.kruise.io/unready-acquired":"2024-05-01T10:00:00Z"}},
		`+crrSpec+`,"status":{"phase":"Recreating"}}`)
}

func TestContainerRecreateRequestConditionsAlphaCannotRebuildArePreservedAndRestored(t *testing.T) {
	scheme := newScheme()
	conditions := `[{"type":"PreRecreateGrace","status":"True","observedGeneration":3,"lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Drain","message":"draining"},` +
		`{"type":"Ready","status":"False","lastTransitionTime":"2024-05-01T10:00:05Z","reason":"Waiting","message":""}]`
	beta := `{` + crrBetaMeta + `,"metadata":{"name":"crr","namespace":"default"},` + crrSpec + `,
		"status":{"phase":"Recreating","conditions":` + conditions + `}}`
	alpha := `{` + crrAlphaMeta + `,
		"metadata":{"name":"crr","namespace":"default","annotations":{
			"crr.apps.kruise.io/unready-acquired":"2024-05-01T10:00:00Z",
			"` + preserve.AnnotationKey + `":` + jsonQuoted(`{"conditions":`+conditions+`}`) + `}},
		` + crrSpec + `,"status":{"phase":"Recreating"}}`
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestContainerRecreateRequestRemovingUnreadyAcquiredInAlphaDropsTheCondition(t *testing.T) {
	conditions := `[{"type":"PreRecreateGrace","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Drain","message":""},` +
		`{"type":"Ready","status":"False","lastTransitionTime":"2024-05-01T10:00:05Z","reason":"Waiting","message":""}]`
	alpha := `{` + crrAlphaMeta + `,"metadata":{"name":"crr","namespace":"default","annotations":{
		"` + preserve.AnnotationKey + `":` + jsonQuoted(`{"conditions":`+conditions+`}`) + `}},` + crrSpec + `,"status":{"phase":"Recreating"}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{`+crrBetaMeta+`,
		"metadata":{"name":"crr","namespace":"default"},`+crrSpec+`,
		"status":{"phase":"Recreating","conditions":[
			{"type":"Ready","status":"False","lastTransitionTime":"2024-05-01T10:00:05Z","reason":"Waiting","message":""}]}}`)
}

func TestContainerRecreateRequestUnparseableAlphaAnnotationsStayAsTheyAre(t *testing.T) {
	alpha := `{` + crrAlphaMeta + `,"metadata":{"name":"crr","namespace":"default","annotations":{
		"crr.apps.kruise.io/sync-container-statuses":"not-json","crr.apps.kruise.io/unready-acquired":"yesterday"}},
		` + crrSpec + `,"status":{"phase":"Pending"}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{`+crrBetaMeta+`,
		"metadata":{"name":"crr","namespace":"default","annotations":{
			"crr.apps.kruise.io/sync-container-statuses":"not-json","crr.apps.kruise.io/unready-acquired":"yesterday"}},
		`+crrSpec+`,"status":{"phase":"Pending"}}`)
}

func TestContainerRecreateRequestBetaObjectCarryingTheAlphaAnnotationsKeepsThem(t *testing.T) {
	scheme := newScheme()
	beta := `{` + crrBetaMeta + `,"metadata":{"name":"crr","namespace":"default","annotations":{
		"crr.apps.kruise.io/unready-acquired":"2020-01-01T00:00:00Z"}},` + crrSpec + `,
		"status":{"phase":"Succeeded","containerStatusSnapshot":[{"name":"app","ready":true,"restartCount":3}]}}`
	alpha := `{` + crrAlphaMeta + `,"metadata":{"name":"crr","namespace":"default","annotations":{
		"crr.apps.kruise.io/sync-container-statuses":` + jsonQuoted(`[{"name":"app","ready":true,"restartCount":3}]`) + `,
		"` + preserve.AnnotationKey + `":` + jsonQuoted(`{"annotations":{"crr.apps.kruise.io/unready-acquired":"2020-01-01T00:00:00Z"}}`) + `}},
		` + crrSpec + `,"status":{"phase":"Succeeded"}}`
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestContainerRecreateRequestDefaultsFailurePolicyFailAndPortProtocolTCPInBothVersions(t *testing.T) {
	scheme := newScheme()
	for _, obj := range []runtime.Object{
		&v1alpha1.ContainerRecreateRequest{Spec: v1alpha1.ContainerRecreateRequestSpec{
			Containers: []v1alpha1.ContainerRecreateRequestContainer{{Name: "app", Ports: []corev1.ContainerPort{{ContainerPort: 80}}}}}},
		&v1beta1.ContainerRecreateRequest{Spec: v1beta1.ContainerRecreateRequestSpec{
			Containers: []v1beta1.ContainerRecreateRequestContainer{{Name: "app", Ports: []corev1.ContainerPort{{ContainerPort: 80}}}}}},
	} {
		scheme.Default(obj)
		data, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		want := `{"metadata":{},"spec":{"podName":"","containers":[{"name":"app","ports":[{"containerPort":80,"protocol":"TCP"}]}],` +
			`"strategy":{"failurePolicy":"Fail"}},"status":{"phase":""}}`
		if string(data) != want {
			t.Errorf("%T defaulted to\n%s\nwant\n%s", obj, data, want)
		}
	}
}

func TestContainerRecreateRequestDefaultingKeepsFailurePolicyIgnore(t *testing.T) {
	obj := &v1beta1.ContainerRecreateRequest{Spec: v1beta1.ContainerRecreateRequestSpec{
		Strategy: &v1beta1.ContainerRecreateRequestStrategy{FailurePolicy: v1beta1.ContainerRecreateRequestFailurePolicyIgnore}}}
	newScheme().Default(obj)
	if obj.Spec.Strategy.FailurePolicy != v1beta1.ContainerRecreateRequestFailurePolicyIgnore {
		t.Errorf("failurePolicy = %q, want Ignore", obj.Spec.Strategy.FailurePolicy)
	}
}
