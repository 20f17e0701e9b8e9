package v1alpha1_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

// daemonSetJSON builds a DaemonSet document from its version, metadata, spec extras and status.
func daemonSetJSON(version, metadata, specExtra, status string) string {
	return `{"kind":"DaemonSet","apiVersion":"apps.kruise.io/` + version + `","metadata":` + metadata + `,
"spec":{"selector":{"matchLabels":{"app":"agent"}},
 "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"agent","image":"agent:1","resources":{}}]}}` + specExtra + `},
"status":` + status + `}`
}

const emptyDaemonSetStatus = `{"currentNumberScheduled":0,"numberMisscheduled":0,"desiredNumberScheduled":0,"numberReady":0,"updatedNumberScheduled":0}`

func TestDaemonSetV1alpha1ProgressiveAnnotationSurgingAndHashConvertUp(t *testing.T) {
	scheme := newScheme()
	alpha := daemonSetJSON("v1alpha1",
		`{"name":"agent","annotations":{"daemonset.kruise.io/progressive-create-pod":"true","team":"infra"}}`,
		`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"rollingUpdateType":"Surging","maxUnavailable":0,"maxSurge":1,"partition":2}}`,
		`{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"daemonSetHash":"agent-5d8f"}`)
	beta := daemonSetJSON("v1beta1",
		`{"name":"agent","annotations":{"team":"infra"}}`,
		`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"rollingUpdateType":"Standard","maxUnavailable":0,"maxSurge":1,"partition":2}},"scaleStrategy":{"partitionedScaling":true}`,
		`{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"updateRevision":"agent-5d8f"}`)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestDaemonSetPartitionedScalingAndRevisionConvertDown(t *testing.T) {
	scheme := newScheme()
	beta := daemonSetJSON("v1beta1", `{"name":"agent"}`,
		`,"updateStrategy":{"type":"OnDelete"},"scaleStrategy":{"partitionedScaling":true}`,
		`{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"updateRevision":"agent-5d8f"}`)
	alpha := daemonSetJSON("v1alpha1", `{"name":"agent","annotations":{"daemonset.kruise.io/progressive-create-pod":"true"}}`,
		`,"updateStrategy":{"type":"OnDelete"}`,
		`{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"daemonSetHash":"agent-5d8f"}`)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestDaemonSetProgressiveAnnotationOtherThanTrueStaysAnAnnotation(t *testing.T) {
	scheme := newScheme()
	alpha := daemonSetJSON("v1alpha1", `{"name":"agent","annotations":{"daemonset.kruise.io/progressive-create-pod":"false"}}`,
		`,"updateStrategy":{}`, emptyDaemonSetStatus)
	beta := daemonSetJSON("v1beta1", `{"name":"agent","annotations":{"daemonset.kruise.io/progressive-create-pod":"false"}}`,
		`,"updateStrategy":{}`, emptyDaemonSetStatus)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
}

func TestDaemonSetEmptyScaleStrategySurvivesV1alpha1(t *testing.T) {
	scheme := newScheme()
	beta := daemonSetJSON("v1beta1", `{"name":"agent"}`, `,"updateStrategy":{},"scaleStrategy":{}`, emptyDaemonSetStatus)
	alpha := daemonSetJSON("v1alpha1",
		`{"name":"agent","annotations":{"kruise-aggregated.io/preserved-fields":"{\"emptyScaleStrategy\":true}"}}`,
		`,"updateStrategy":{}`, emptyDaemonSetStatus)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

// A v1beta1 object may carry the annotation itself without partitionedScaling; v1alpha1 must not
// show it (it would read as partitionedScaling), so it is hidden in the preserve annotation.
func TestDaemonSetV1beta1ProgressiveAnnotationIsHiddenFromV1alpha1(t *testing.T) {
	scheme := newScheme()
	beta := daemonSetJSON("v1beta1", `{"name":"agent","annotations":{"daemonset.kruise.io/progressive-create-pod":"true"}}`,
		`,"updateStrategy":{}`, emptyDaemonSetStatus)
	alpha := daemonSetJSON("v1alpha1",
		`{"name":"agent","annotations":{"kruise-aggregated.io/preserved-fields":"{\"progressiveCreatePod\":\"true\"}"}}`,
		`,"updateStrategy":{}`, emptyDaemonSetStatus)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
}

// decodeDefaultConvert decodes in, applies the scheme defaults of its version (as a request body
// gets them) and converts it through the internal version to target.
func decodeDefaultConvert(t *testing.T, scheme *runtime.Scheme, in string, target schema.GroupVersion) string {
	t.Helper()
	obj, gvk, err := serializer.NewCodecFactory(scheme).UniversalDeserializer().Decode([]byte(in), nil, nil)
	require.NoError(t, err)
	scheme.Default(obj)
	internal, err := scheme.ConvertToVersion(obj, schema.GroupVersion{Group: gvk.Group, Version: runtime.APIVersionInternal})
	require.NoError(t, err)
	out, err := scheme.ConvertToVersion(internal, target)
	require.NoError(t, err)
	data, err := json.Marshal(out)
	require.NoError(t, err)
	return string(data)
}

func TestDaemonSetV1alpha1SurgingIsDefaultedToStandardWithSurge(t *testing.T) {
	scheme := newScheme()
	alpha := daemonSetJSON("v1alpha1", `{"name":"agent"}`,
		`,"updateStrategy":{"rollingUpdate":{"rollingUpdateType":"Surging"}}`, emptyDaemonSetStatus)
	beta := daemonSetJSON("v1beta1", `{"name":"agent"}`,
		`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"rollingUpdateType":"Standard","maxUnavailable":0,"maxSurge":1}},"burstReplicas":250,"revisionHistoryLimit":10`,
		emptyDaemonSetStatus)
	require.JSONEq(t, beta, decodeDefaultConvert(t, scheme, alpha, v1beta1.SchemeGroupVersion))
}

func TestDaemonSetDefaultsLeaveTheTemplateAlone(t *testing.T) {
	scheme := newScheme()
	for _, version := range []string{"v1alpha1", "v1beta1"} {
		in := daemonSetJSON(version, `{"name":"agent"}`, ``, emptyDaemonSetStatus)
		want := daemonSetJSON("v1beta1", `{"name":"agent"}`,
			`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"rollingUpdateType":"Standard","maxUnavailable":1,"maxSurge":0}},"burstReplicas":250,"revisionHistoryLimit":10`,
			emptyDaemonSetStatus)
		require.JSONEq(t, want, decodeDefaultConvert(t, scheme, in, v1beta1.SchemeGroupVersion), version)
	}
}

func TestDaemonSetSetMaxSurgeAloneIsNotDefaulted(t *testing.T) {
	scheme := newScheme()
	in := daemonSetJSON("v1beta1", `{"name":"agent"}`,
		`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"10%"}}`, emptyDaemonSetStatus)
	want := daemonSetJSON("v1beta1", `{"name":"agent"}`,
		`,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"rollingUpdateType":"Standard","maxSurge":"10%"}},"burstReplicas":250,"revisionHistoryLimit":10`,
		emptyDaemonSetStatus)
	require.JSONEq(t, want, decodeDefaultConvert(t, scheme, in, v1beta1.SchemeGroupVersion))
}
