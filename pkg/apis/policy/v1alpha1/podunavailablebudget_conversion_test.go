package v1alpha1_test

import (
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metafuzzer "k8s.io/apimachinery/pkg/apis/meta/fuzzer"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	policyfuzzer "github.com/kruise-aggregated/kruise/pkg/apis/policy/fuzzer"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy/install"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/preserve"
)

func newScheme() *runtime.Scheme {
	scheme := runtime.NewScheme()
	install.Install(scheme)
	return scheme
}

func TestPodUnavailableBudgetConversion(t *testing.T) {
	scheme := newScheme()
	cases := []struct {
		name   string
		in     string
		target string // "alpha" or "beta"
		want   string
	}{
		{
			name:   "valid alpha annotations become beta fields and leave metadata",
			target: "beta",
			in: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","namespace":"ns","annotations":{
					"kruise.io/pub-protect-operations":"DELETE, EVICT,","pub.kruise.io/protect-total-replicas":"5","other":"x"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":"25%"},
				"status":{"observedGeneration":0,"unavailableAllowed":1,"currentAvailable":2,"desiredAvailable":3,"totalReplicas":4}}`,
			want: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","namespace":"ns","annotations":{"other":"x"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":"25%",
					"protectOperations":["DELETE","EVICT"],"protectTotalReplicas":5},
				"status":{"unavailableAllowed":1,"currentAvailable":2,"desiredAvailable":3,"totalReplicas":4}}`,
		},
		{
			name:   "invalid alpha annotations stay in metadata for validation to report",
			target: "beta",
			in: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{
					"kruise.io/pub-protect-operations":"DELETE,REBOOT","pub.kruise.io/protect-total-replicas":"many"}},
				"spec":{"targetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minAvailable":1}}`,
			want: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{
					"kruise.io/pub-protect-operations":"DELETE,REBOOT","pub.kruise.io/protect-total-replicas":"many"}},
				"spec":{"targetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minAvailable":1},
				"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		},
		{
			name:   "beta fields become alpha annotations and ignoredPodSelector is preserved",
			target: "alpha",
			in: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"other":"x"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1,
					"protectOperations":["UPDATE","RESIZE"],"protectTotalReplicas":3,
					"ignoredPodSelector":{"matchLabels":{"canary":"true"}}},
				"status":{"observedGeneration":7,"unavailableAllowed":1,"currentAvailable":2,"desiredAvailable":3,"totalReplicas":4}}`,
			want: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"other":"x",
					"kruise.io/pub-protect-operations":"UPDATE,RESIZE","pub.kruise.io/protect-total-replicas":"3",
					"kruise-aggregated.io/preserved-fields":"{\"ignoredPodSelector\":{\"matchLabels\":{\"canary\":\"true\"}}}"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1},
				"status":{"observedGeneration":7,"unavailableAllowed":1,"currentAvailable":2,"desiredAvailable":3,"totalReplicas":4}}`,
		},
		{
			name:   "a beta object without the new fields converts to alpha without extra annotations",
			target: "alpha",
			in: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub"},"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":"50%"}}`,
			want: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub"},"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":"50%"},
				"status":{"observedGeneration":0,"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		},
		{
			name:   "a beta object using only the deprecated annotation shows it in alpha and records that it is not a field",
			target: "alpha",
			in: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"kruise.io/pub-protect-operations":"EVICT"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1}}`,
			want: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"kruise.io/pub-protect-operations":"EVICT",
					"kruise-aggregated.io/preserved-fields":"{\"protection\":{\"shownOperations\":\"EVICT\",\"operationsAnnotation\":\"EVICT\"}}"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1},
				"status":{"observedGeneration":0,"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		},
		{
			name:   "an alpha edit of an annotation wins over the recorded beta state",
			target: "beta",
			in: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"kruise.io/pub-protect-operations":"DELETE",
					"kruise-aggregated.io/preserved-fields":"{\"protection\":{\"shownOperations\":\"EVICT\",\"operationsAnnotation\":\"EVICT\"}}"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1}}`,
			want: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub"},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1,"protectOperations":["DELETE"]},
				"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		},
		{
			name:   "a broken preserve annotation is dropped instead of failing the request",
			target: "beta",
			in: `{"apiVersion":"policy.kruise.io/v1alpha1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub","annotations":{"kruise-aggregated.io/preserved-fields":"{not json"}},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1}}`,
			want: `{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
				"metadata":{"name":"pub"},
				"spec":{"selector":{"matchLabels":{"app":"web"}},"minAvailable":1},
				"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			target := v1beta1.SchemeGroupVersion
			if tc.target == "alpha" {
				target = v1alpha1.SchemeGroupVersion
			}
			conversiontest.AssertConverts(t, scheme, tc.in, target, tc.want)
		})
	}
}

func TestPodUnavailableBudgetBetaSurvivesAlphaRoundTrip(t *testing.T) {
	scheme := newScheme()
	betas := []string{
		// every beta-only field set
		`{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
			"metadata":{"name":"pub","annotations":{"other":"x"}},
			"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1,
				"protectOperations":["UPDATE","RESIZE"],"protectTotalReplicas":3,
				"ignoredPodSelector":{"matchLabels":{"canary":"true"}}},
			"status":{"observedGeneration":7,"unavailableAllowed":1,"currentAvailable":2,"desiredAvailable":3,"totalReplicas":4}}`,
		// fields and deprecated annotations disagreeing
		`{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
			"metadata":{"name":"pub","annotations":{"kruise.io/pub-protect-operations":"EVICT","pub.kruise.io/protect-total-replicas":"05"}},
			"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1,"protectOperations":["DELETE"],"protectTotalReplicas":5},
			"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		// operations the annotation cannot carry
		`{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
			"metadata":{"name":"pub"},
			"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1,"protectOperations":["DELETE,EVICT"," UPDATE",""]},
			"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
		// only the deprecated total-replicas annotation
		`{"apiVersion":"policy.kruise.io/v1beta1","kind":"PodUnavailableBudget",
			"metadata":{"name":"pub","annotations":{"pub.kruise.io/protect-total-replicas":"4"}},
			"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1},
			"status":{"unavailableAllowed":0,"currentAvailable":0,"desiredAvailable":0,"totalReplicas":0}}`,
	}
	for _, beta := range betas {
		alpha := conversiontest.Convert(t, scheme, beta, v1alpha1.SchemeGroupVersion)
		conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	}
}

func TestPodUnavailableBudgetInternalSurvivesAlphaRoundTrip(t *testing.T) {
	scheme := newScheme()
	one := intstr.FromInt32(1)
	total := int32(-2)
	ann := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	objects := []*policy.PodUnavailableBudget{
		{ObjectMeta: metav1.ObjectMeta{Name: "invalid-annotations", Annotations: ann(
			policy.PubProtectOperationAnnotation, "NOPE", policy.PubProtectTotalReplicasAnnotation, "x")},
			Spec: policy.PodUnavailableBudgetSpec{MaxUnavailable: &one}},
		{ObjectMeta: metav1.ObjectMeta{Name: "empty-annotations", Annotations: ann(
			policy.PubProtectOperationAnnotation, "", policy.PubProtectTotalReplicasAnnotation, "")},
			Spec: policy.PodUnavailableBudgetSpec{MaxUnavailable: &one}},
		{ObjectMeta: metav1.ObjectMeta{Name: "invalid-fields"},
			Spec: policy.PodUnavailableBudgetSpec{ProtectOperations: []policy.PubOperation{"REBOOT", "DELETE"}, ProtectTotalReplicas: &total}},
		{ObjectMeta: metav1.ObjectMeta{Name: "invalid-annotation-beside-field", Annotations: ann(policy.PubProtectOperationAnnotation, "X")},
			Spec: policy.PodUnavailableBudgetSpec{ProtectOperations: []policy.PubOperation{"EVICT"}}},
	}
	for _, obj := range objects {
		t.Run(obj.Name, func(t *testing.T) {
			alpha := &v1alpha1.PodUnavailableBudget{}
			require.NoError(t, scheme.Convert(obj.DeepCopy(), alpha, nil))
			back := &policy.PodUnavailableBudget{}
			require.NoError(t, scheme.Convert(alpha, back, nil))
			require.True(t, apiequality.Semantic.DeepEqual(obj, back), "got %#v", back)
		})
	}
}

func TestPodUnavailableBudgetConversionDoesNotModifyItsInput(t *testing.T) {
	scheme := newScheme()
	three := int32(3)
	in := &policy.PodUnavailableBudget{
		ObjectMeta: metav1.ObjectMeta{Name: "pub", Annotations: map[string]string{"other": "x"}},
		Spec:       policy.PodUnavailableBudgetSpec{ProtectOperations: []policy.PubOperation{"DELETE"}, ProtectTotalReplicas: &three},
	}
	alpha := &v1alpha1.PodUnavailableBudget{}
	require.NoError(t, scheme.Convert(in, alpha, nil))
	require.Equal(t, map[string]string{"other": "x"}, in.Annotations)

	alpha.Annotations[preserve.AnnotationKey] = `{"ignoredPodSelector":{"matchLabels":{"a":"b"}}}`
	before := alpha.DeepCopy()
	require.NoError(t, scheme.Convert(alpha, &policy.PodUnavailableBudget{}, nil))
	require.Equal(t, before.Annotations, alpha.Annotations)
}

func TestFuzzedPodUnavailableBudgetSurvivesAlphaRoundTrip(t *testing.T) {
	scheme := newScheme()
	codecs := serializer.NewCodecFactory(scheme)
	filler := fuzzer.FuzzerFor(fuzzer.MergeFuzzerFuncs(metafuzzer.Funcs, policyfuzzer.Funcs), rand.NewSource(1), codecs)
	codec := codecs.LegacyCodec(v1alpha1.SchemeGroupVersion)
	for i := 0; i < 300; i++ {
		obj := &policy.PodUnavailableBudget{}
		filler.Fill(obj)
		data, err := runtime.Encode(codec, obj)
		require.NoError(t, err)
		decoded, err := runtime.Decode(codec, data)
		require.NoError(t, err)
		back, ok := decoded.(*policy.PodUnavailableBudget)
		require.True(t, ok, "decoded %T", decoded)
		back.TypeMeta = obj.TypeMeta
		require.True(t, apiequality.Semantic.DeepEqual(obj, back), "v1alpha1 JSON %s\nlost: %s", data, cmp.Diff(obj, back))
	}
}
