package v1alpha1_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

const (
	nodeImageTags = `"tags":[{"tag":"1.25","createdAt":"2024-05-01T10:00:00Z",
		"pullPolicy":{"timeoutSeconds":600,"backoffLimit":3,"ttlSecondsAfterFinished":300},"version":2}]`
	nodeImageStatus = `"status":{"desired":2,"succeeded":0,"failed":0,"pulling":0,"waiting":0}`
	nodeImageModes  = `{"pullSecretModes":{"nginx":[{"namespace":"default","name":"regcred","mode":"batch"},` +
		`{"namespace":"kube-system","name":"old"}]}}`
)

// OpenKruise drops the modes on the way down; here they travel in the preserve annotation.
func TestNodeImagePullSecretModesTravelInTheAnnotationToV1alpha1(t *testing.T) {
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"NodeImage","metadata":{"name":"node-1"},
		"spec":{"images":{
			"nginx":{"pullSecrets":[{"namespace":"default","name":"regcred","mode":"batch"},{"namespace":"kube-system","name":"old"}],` + nodeImageTags + `},
			"redis":{"tags":[{"tag":"7"}]}}},` + nodeImageStatus + `}`
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, `{
		"kind":"NodeImage","apiVersion":"apps.kruise.io/v1alpha1",
		"metadata":{"name":"node-1","annotations":{`+withPreserved(nodeImageModes)+`}},
		"spec":{"images":{
			"nginx":{"pullSecrets":[{"namespace":"default","name":"regcred"},{"namespace":"kube-system","name":"old"}],`+nodeImageTags+`},
			"redis":{"tags":[{"tag":"7"}]}}},`+nodeImageStatus+`}`)
}

func TestNodeImagePullSecretModesAreRestoredFromTheAnnotation(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"NodeImage",
		"metadata":{"name":"node-1","annotations":{` + withPreserved(nodeImageModes) + `}},
		"spec":{"images":{
			"nginx":{"pullSecrets":[{"namespace":"default","name":"regcred"},{"namespace":"kube-system","name":"old"}],` + nodeImageTags + `},
			"redis":{"tags":[{"tag":"7"}]}}},` + nodeImageStatus + `}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"NodeImage","apiVersion":"apps.kruise.io/v1beta1","metadata":{"name":"node-1"},
		"spec":{"images":{
			"nginx":{"pullSecrets":[{"namespace":"default","name":"regcred","mode":"batch"},{"namespace":"kube-system","name":"old"}],`+nodeImageTags+`},
			"redis":{"tags":[{"tag":"7"}]}}},`+nodeImageStatus+`}`)
}

// A v1alpha1 client that reorders or adds pull secrets keeps the modes of the secrets it kept.
func TestNodeImagePullSecretModesFollowTheSecretWhenTheListChanged(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"NodeImage",
		"metadata":{"name":"node-1","annotations":{` + withPreserved(nodeImageModes) + `}},
		"spec":{"images":{"nginx":{"pullSecrets":[{"namespace":"ns","name":"new"},{"namespace":"default","name":"regcred"}],"tags":[]}}},
		"status":{"desired":0}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"kind":"NodeImage","apiVersion":"apps.kruise.io/v1beta1","metadata":{"name":"node-1"},
		"spec":{"images":{"nginx":{"pullSecrets":[{"namespace":"ns","name":"new"},{"namespace":"default","name":"regcred","mode":"batch"}],"tags":[]}}},
		"status":{"desired":0,"succeeded":0,"failed":0,"pulling":0,"waiting":0}}`)
}

func TestNodeImageWithoutModesConvertsWithoutAnnotation(t *testing.T) {
	body := `"metadata":{"name":"node-1","labels":{"apps.kruise.io/fake-nodeimage":"true"}},
		"spec":{"images":{"nginx":{"pullSecrets":[{"namespace":"default","name":"regcred"}],` + nodeImageTags + `,
			"sandboxConfig":{"labels":{"a":"b"}}}}},
		"status":{"desired":1,"succeeded":1,"failed":0,"pulling":0,"waiting":0,
			"imageStatuses":{"nginx":{"tags":[{"tag":"1.25","phase":"Succeeded","progress":100,"version":2,"imageID":"sha256:abc"}]}},
			"firstSyncStatus":{"syncAt":"2024-05-01T10:05:00Z","status":"Succeeded"}}}`
	alpha := `{"kind":"NodeImage","apiVersion":"apps.kruise.io/v1alpha1",` + body
	beta := `{"kind":"NodeImage","apiVersion":"apps.kruise.io/v1beta1",` + body
	conversiontest.AssertConverts(t, newScheme(), beta, v1alpha1.SchemeGroupVersion, alpha)
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, beta)
}

// Internal -> v1alpha1 -> internal is the identity, keeping nil slices and maps nil.
func TestNodeImageRoundTripThroughV1alpha1IsExact(t *testing.T) {
	scheme := newScheme()
	created := metav1.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC))
	original := &apps.NodeImage{
		ObjectMeta: metav1.ObjectMeta{Name: "node-1"},
		Spec: apps.NodeImageSpec{Images: map[string]apps.ImageSpec{
			"nginx": {
				PullSecrets: []apps.ReferenceObject{{Namespace: "a", Name: "s"}, {Namespace: "a", Name: "s", Mode: "batch"}},
				Tags:        []apps.ImageTagSpec{{Tag: "1", CreatedAt: &created, PullPolicy: &apps.ImageTagPullPolicy{TTLSecondsAfterFinished: ptr.To[int32](1)}}},
			},
			"redis":   {Tags: []apps.ImageTagSpec{{Tag: "7"}}},
			"busybox": {PullSecrets: []apps.ReferenceObject{}, Tags: nil},
		}},
	}
	alpha := &v1alpha1.NodeImage{}
	require.NoError(t, scheme.Convert(original.DeepCopy(), alpha, nil))
	back := &apps.NodeImage{}
	require.NoError(t, scheme.Convert(alpha, back, nil))
	require.True(t, reflect.DeepEqual(original, back), "got %#v", back)

	empty := &apps.NodeImage{ObjectMeta: metav1.ObjectMeta{Name: "node-2"}}
	alpha = &v1alpha1.NodeImage{}
	require.NoError(t, scheme.Convert(empty, alpha, nil))
	require.Nil(t, alpha.Annotations)
	back = &apps.NodeImage{}
	require.NoError(t, scheme.Convert(alpha, back, nil))
	require.True(t, reflect.DeepEqual(empty, back), "got %#v", back)
}

func TestMalformedPreservedFieldsAreDroppedWithoutFailingTheConversion(t *testing.T) {
	scheme := newScheme()
	bad := metav1.ObjectMeta{Name: "x", Annotations: map[string]string{"kruise-aggregated.io/preserved-fields": "{"}}
	ni := &apps.NodeImage{}
	require.NoError(t, scheme.Convert(&v1alpha1.NodeImage{ObjectMeta: bad}, ni, nil))
	require.Nil(t, ni.Annotations)
	acj := &apps.AdvancedCronJob{}
	require.NoError(t, scheme.Convert(&v1alpha1.AdvancedCronJob{ObjectMeta: bad}, acj, nil))
	require.Nil(t, acj.Annotations)
	require.Nil(t, acj.Spec.Template.ImageListPullJobTemplate)
}
