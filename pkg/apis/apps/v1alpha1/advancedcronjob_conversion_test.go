package v1alpha1_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

// withPreserved returns a JSON object member holding preserved as the preserve annotation.
func withPreserved(preserved string) string {
	return fmt.Sprintf(`"kruise-aggregated.io/preserved-fields":%s`, strconv.Quote(preserved))
}

const (
	pullCronJobBeta = `{"apiVersion":"apps.kruise.io/v1beta1","kind":"AdvancedCronJob",
		"metadata":{"name":"pull","namespace":"ns","annotations":{"team":"a"}},
		"spec":{"schedule":"@daily","concurrencyPolicy":"Replace","paused":false,
			"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,
			"template":{"imageListPullJobTemplate":{"metadata":{"labels":{"k":"v"}},"spec":{
				"images":["nginx:1.25","redis:7"],"pullSecrets":["regcred"],"parallelism":2,
				"pullPolicy":{"timeoutSeconds":600,"backoffLimit":3},
				"completionPolicy":{"type":"Always","activeDeadlineSeconds":1200},"imagePullPolicy":"IfNotPresent"}}}},
		"status":{"type":"ImageListPullJob","lastScheduleTime":"2024-05-01T02:00:00Z"}}`
	pullCronJobTemplateJSON = `{"imageListPullJobTemplate":{"metadata":{"labels":{"k":"v"}},"spec":{` +
		`"images":["nginx:1.25","redis:7"],"pullSecrets":["regcred"],"parallelism":2,` +
		`"pullPolicy":{"timeoutSeconds":600,"backoffLimit":3},` +
		`"completionPolicy":{"type":"Always","activeDeadlineSeconds":1200},"imagePullPolicy":"IfNotPresent"}}}`
)

// OpenKruise fails this conversion; here the template moves into the preserve annotation.
func TestAdvancedCronJobImageListPullJobTemplateTravelsInTheAnnotationToV1alpha1(t *testing.T) {
	conversiontest.AssertConverts(t, newScheme(), pullCronJobBeta, v1alpha1.SchemeGroupVersion, `{
		"kind":"AdvancedCronJob","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"pull","namespace":"ns","annotations":{"team":"a",`+withPreserved(pullCronJobTemplateJSON)+`}},
		"spec":{"schedule":"@daily","concurrencyPolicy":"Replace","paused":false,
			"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,"template":{}},
		"status":{"type":"ImageListPullJob","lastScheduleTime":"2024-05-01T02:00:00Z"}}`)
}

func TestAdvancedCronJobImageListPullJobTemplateIsRestoredFromTheAnnotation(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"AdvancedCronJob",
		"metadata":{"name":"pull","namespace":"ns","annotations":{"team":"a",` + withPreserved(pullCronJobTemplateJSON) + `}},
		"spec":{"schedule":"@daily","concurrencyPolicy":"Replace","paused":false,
			"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,"template":{}},
		"status":{"type":"ImageListPullJob","lastScheduleTime":"2024-05-01T02:00:00Z"}}`
	want := `{"kind":"AdvancedCronJob","apiVersion":"apps.kruise.io/v1beta1",
		"metadata":{"name":"pull","namespace":"ns","annotations":{"team":"a"}},
		"spec":{"schedule":"@daily","concurrencyPolicy":"Replace","paused":false,
			"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,
			"template":{"imageListPullJobTemplate":{"metadata":{"labels":{"k":"v"}},"spec":{
				"images":["nginx:1.25","redis:7"],"pullSecrets":["regcred"],"parallelism":2,
				"pullPolicy":{"timeoutSeconds":600,"backoffLimit":3},
				"completionPolicy":{"type":"Always","activeDeadlineSeconds":1200},"imagePullPolicy":"IfNotPresent"}}}},
		"status":{"type":"ImageListPullJob","lastScheduleTime":"2024-05-01T02:00:00Z"}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, want)
	// And the v1beta1 object reads back unchanged after a trip through v1alpha1.
	scheme := newScheme()
	viaAlpha := conversiontest.Convert(t, scheme, pullCronJobBeta, v1alpha1.SchemeGroupVersion)
	conversiontest.AssertConverts(t, scheme, viaAlpha, v1beta1.SchemeGroupVersion, want)
}

func TestAdvancedCronJobWithBroadcastJobTemplateConvertsFieldForField(t *testing.T) {
	body := `"metadata":{"name":"bcast","namespace":"ns"},
		"spec":{"schedule":"*/5 * * * *","timeZone":"Asia/Shanghai","startingDeadlineSeconds":30,
			"concurrencyPolicy":"Forbid","paused":true,"successfulJobsHistoryLimit":2,"failedJobsHistoryLimit":0,
			"template":{"broadcastJobTemplate":{"metadata":{"labels":{"app":"agent"}},"spec":{
				"parallelism":"50%","template":{"metadata":{},"spec":{"containers":[{"name":"c","image":"busybox","resources":{}}],"restartPolicy":"Never"}},
				"completionPolicy":{"type":"Never"},"failurePolicy":{"type":"Continue","restartLimit":2}}}}},
		"status":{"type":"BroadcastJob","active":[{"kind":"BroadcastJob","namespace":"ns","name":"bcast-1714528800"}]}}`
	alpha := `{"kind":"AdvancedCronJob","apiVersion":"apps.kruise.io/v1alpha1",` + body
	beta := `{"kind":"AdvancedCronJob","apiVersion":"apps.kruise.io/v1beta1",` + body
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, alpha)
}

// decodeDefaulted decodes JSON of any served version to the internal version, applying the
// scheme defaults as the server does for requests and for reads from storage.
func decodeDefaulted(t *testing.T, in string) runtime.Object {
	t.Helper()
	codecs := serializer.NewCodecFactory(newScheme())
	obj, _, err := codecs.UniversalDecoder().Decode([]byte(in), nil, nil)
	require.NoError(t, err)
	return obj
}

func TestDecodingAppliesTheJobKindDefaults(t *testing.T) {
	for _, version := range []string{"v1alpha1", "v1beta1"} {
		t.Run(version, func(t *testing.T) {
			head := func(kind string) string {
				return `{"apiVersion":"apps.kruise.io/` + version + `","kind":"` + kind + `","metadata":{"name":"x","namespace":"ns"},`
			}
			bcj := decodeDefaulted(t, head("BroadcastJob")+`"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}`).(*apps.BroadcastJob)
			assert.Equal(t, apps.Always, bcj.Spec.CompletionPolicy.Type)
			assert.Equal(t, apps.FailurePolicyTypeFailFast, bcj.Spec.FailurePolicy.Type)
			assert.Equal(t, ptr.To(intstr.FromInt32(math.MaxInt32)), bcj.Spec.Parallelism)
			assert.Equal(t, corev1.PullAlways, bcj.Spec.Template.Spec.Containers[0].ImagePullPolicy, "pod template defaults")

			acj := decodeDefaulted(t, head("AdvancedCronJob")+`"spec":{"schedule":"@daily","template":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox:1"}]}}}}}}}`).(*apps.AdvancedCronJob)
			assert.Equal(t, apps.AllowConcurrent, acj.Spec.ConcurrencyPolicy)
			assert.Equal(t, ptr.To(false), acj.Spec.Paused)
			assert.Equal(t, ptr.To[int32](3), acj.Spec.SuccessfulJobsHistoryLimit)
			assert.Equal(t, ptr.To[int32](1), acj.Spec.FailedJobsHistoryLimit)
			assert.Equal(t, corev1.RestartPolicyAlways, acj.Spec.Template.JobTemplate.Spec.Template.Spec.RestartPolicy, "pod template defaults")

			ipj := decodeDefaulted(t, head("ImagePullJob")+`"spec":{"image":"nginx","completionPolicy":{}}}`).(*apps.ImagePullJob)
			assert.Equal(t, apps.Always, ipj.Spec.CompletionPolicy.Type)
			assert.Equal(t, &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)}, ipj.Spec.PullPolicy)
			assert.Equal(t, apps.PullIfNotPresent, ipj.Spec.ImagePullPolicy)
			assert.Empty(t, ipj.Finalizers, "the deletion-protection finalizer is a create-time step of the strategy")

			ilpj := decodeDefaulted(t, head("ImageListPullJob")+`"spec":{"images":["nginx"],"pullPolicy":{"backoffLimit":5},"completionPolicy":{}}}`).(*apps.ImageListPullJob)
			assert.Equal(t, apps.Always, ilpj.Spec.CompletionPolicy.Type)
			assert.Equal(t, &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](5)}, ilpj.Spec.PullPolicy)
			assert.Equal(t, apps.ImagePullPolicy(""), ilpj.Spec.ImagePullPolicy, "not defaulted for ImageListPullJob")

			ni := decodeDefaulted(t, `{"apiVersion":"apps.kruise.io/`+version+`","kind":"NodeImage","metadata":{"name":"n"},
				"spec":{"images":{"nginx":{"tags":[{"tag":"1"},{"tag":"2","pullPolicy":{"ttlSecondsAfterFinished":60}}]}}}}`).(*apps.NodeImage)
			tags := ni.Spec.Images["nginx"].Tags
			assert.Equal(t, &apps.ImageTagPullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)}, tags[0].PullPolicy)
			assert.Equal(t, &apps.ImageTagPullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3), TTLSecondsAfterFinished: ptr.To[int32](60)}, tags[1].PullPolicy)
			assert.Nil(t, tags[0].CreatedAt, "createdAt is stamped by the strategy, not by decoding")
		})
	}
}

func TestDecodingDefaultsACronImageListPullJobTemplateOnlyWhenItsCompletionPolicyIsUnset(t *testing.T) {
	head := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"AdvancedCronJob","metadata":{"name":"x","namespace":"ns"},"spec":{"schedule":"@daily","template":{"imageListPullJobTemplate":{"spec":{"images":["nginx"],`
	unset := decodeDefaulted(t, head+`"completionPolicy":{}}}}}}`).(*apps.AdvancedCronJob)
	assert.Equal(t, apps.ReplaceConcurrent, unset.Spec.ConcurrencyPolicy)
	spec := unset.Spec.Template.ImageListPullJobTemplate.Spec
	assert.Equal(t, apps.Always, spec.CompletionPolicy.Type)
	assert.Equal(t, &apps.PullPolicy{TimeoutSeconds: ptr.To[int32](600), BackoffLimit: ptr.To[int32](3)}, spec.PullPolicy)
	assert.Equal(t, apps.PullIfNotPresent, spec.ImagePullPolicy)

	set := decodeDefaulted(t, head+`"completionPolicy":{"type":"Always"}}}}}}`).(*apps.AdvancedCronJob)
	spec = set.Spec.Template.ImageListPullJobTemplate.Spec
	assert.Nil(t, spec.PullPolicy)
	assert.Equal(t, apps.ImagePullPolicy(""), spec.ImagePullPolicy)
}
