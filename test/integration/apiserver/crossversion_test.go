package apiserver

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/yaml"
)

// assertSubset fails unless every field of want is present in got with the same value.
func assertSubset(t *testing.T, want, got interface{}, path string) {
	t.Helper()
	switch w := want.(type) {
	case map[string]interface{}:
		g, ok := got.(map[string]interface{})
		if !assert.True(t, ok, "%s: want an object, got %v", path, got) {
			return
		}
		for k, v := range w {
			assertSubset(t, v, g[k], path+"."+k)
		}
	case []interface{}:
		g, ok := got.([]interface{})
		if !assert.True(t, ok, "%s: want a list, got %v", path, got) || !assert.Len(t, g, len(w), path) {
			return
		}
		for i := range w {
			assertSubset(t, w[i], g[i], path)
		}
	default:
		assert.JSONEq(t, string(mustJSONValue(want)), string(mustJSONValue(got)), path)
	}
}

func mustJSONValue(v interface{}) []byte {
	data, _ := json.Marshal(v)
	return data
}

// TestWritesInOneVersionReadBackInTheOther creates every two-version kind through v1alpha1, reads
// it through v1beta1, writes the v1alpha1 view back unchanged and checks nothing moved.
func TestWritesInOneVersionReadBackInTheOther(t *testing.T) {
	for _, k := range kinds {
		if len(k.Versions) < 2 {
			continue
		}
		t.Run(k.Kind, func(t *testing.T) {
			name := "xv-" + k.Resource
			alpha, beta := resourceClient(t, k, "v1alpha1"), resourceClient(t, k, "v1beta1")
			in := newObject(k, "v1alpha1", name, name)
			_, err := alpha.Create(ctx(t), in, metav1.CreateOptions{})
			require.NoError(t, err)
			t.Cleanup(func() { _ = alpha.Delete(ctx(t), name, metav1.DeleteOptions{}) })

			asBeta, err := beta.Get(ctx(t), name, metav1.GetOptions{})
			require.NoError(t, err)
			assert.Equal(t, k.Group+"/v1beta1", asBeta.GetAPIVersion())
			asAlpha, err := alpha.Get(ctx(t), name, metav1.GetOptions{})
			require.NoError(t, err)
			assertSubset(t, in.Object["spec"], asAlpha.Object["spec"], "spec")

			_, err = alpha.Update(ctx(t), asAlpha, metav1.UpdateOptions{})
			require.NoError(t, err)
			again, err := beta.Get(ctx(t), name, metav1.GetOptions{})
			require.NoError(t, err)
			assert.Equal(t, asBeta.Object["spec"], again.Object["spec"], "a v1alpha1 round trip must not change the v1beta1 spec")
			assert.Equal(t, asBeta.GetAnnotations(), again.GetAnnotations())
			assert.Equal(t, asBeta.GetGeneration(), again.GetGeneration())
		})
	}
}

// TestV1beta1OnlyFieldsSurviveAV1alpha1ReadModifyWrite is the data-loss case OpenKruise has: a
// client that still speaks v1alpha1 reads, edits and writes back an object created as v1beta1.
func TestV1beta1OnlyFieldsSurviveAV1alpha1ReadModifyWrite(t *testing.T) {
	cases := []struct {
		kind       string
		betaSpec   func(label string) map[string]interface{}
		betaOnly   map[string]interface{} // spec fields v1alpha1 has no place for
		alphaEdit  map[string]interface{} // merge patch applied to the v1alpha1 view
		wantEdited map[string]interface{} // what the edit looks like through v1beta1
	}{
		{
			kind: "StatefulSet",
			betaSpec: func(l string) map[string]interface{} {
				return obj{"replicas": int64(3), "selector": selector(l), "template": podTemplate(l), "podManagementPolicy": "Parallel"}
			},
			betaOnly: obj{
				"reserveOrdinals":                      arr{int64(1), "5-7"},
				"lifecycle":                            obj{"preDelete": obj{"labelsHandler": obj{"hold": "true"}}},
				"scaleStrategy":                        obj{"maxUnavailable": int64(2)},
				"ordinals":                             obj{"start": int64(3)},
				"persistentVolumeClaimRetentionPolicy": obj{"whenDeleted": "Delete", "whenScaled": "Retain"},
			},
			alphaEdit:  obj{"spec": obj{"replicas": int64(4)}},
			wantEdited: obj{"replicas": int64(4)},
		},
		{
			kind: "CloneSet",
			betaSpec: func(l string) map[string]interface{} {
				return obj{"replicas": int64(3), "selector": selector(l), "template": podTemplate(l),
					"updateStrategy": obj{"type": "OnDelete", "rollingUpdate": obj{"podUpdatePolicy": "InPlaceIfPossible", "partition": int64(1)}}}
			},
			betaOnly: obj{
				"scaleStrategy":  obj{"excludePreparingDelete": true, "enablePVCReuse": true},
				"updateStrategy": obj{"type": "OnDelete", "rollingUpdate": obj{"podUpdatePolicy": "InPlaceIfPossible"}},
			},
			alphaEdit:  obj{"spec": obj{"replicas": int64(5)}},
			wantEdited: obj{"replicas": int64(5)},
		},
		{
			kind: "PodUnavailableBudget",
			betaSpec: func(l string) map[string]interface{} {
				return obj{"selector": selector(l), "maxUnavailable": int64(1), "protectOperations": arr{"DELETE", "EVICT"}}
			},
			betaOnly:   obj{"ignoredPodSelector": obj{"matchLabels": obj{"canary": "true"}}, "protectOperations": arr{"DELETE", "EVICT"}},
			alphaEdit:  obj{"spec": obj{"maxUnavailable": int64(2)}},
			wantEdited: obj{"maxUnavailable": int64(2)},
		},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			var k kind
			for _, candidate := range kinds {
				if candidate.Kind == tc.kind {
					k = candidate
				}
			}
			name := "rmw-" + k.Resource
			alpha, beta := resourceClient(t, k, "v1alpha1"), resourceClient(t, k, "v1beta1")
			spec := mergeInto(t, tc.betaSpec(name), tc.betaOnly)
			_, err := beta.Create(ctx(t), &unstructured.Unstructured{Object: obj{
				"apiVersion": k.Group + "/v1beta1", "kind": k.Kind, "metadata": obj{"name": name}, "spec": spec,
			}}, metav1.CreateOptions{})
			require.NoError(t, err)
			t.Cleanup(func() { _ = beta.Delete(ctx(t), name, metav1.DeleteOptions{}) })

			view, err := alpha.Get(ctx(t), name, metav1.GetOptions{})
			require.NoError(t, err)
			edited := &unstructured.Unstructured{Object: mergeInto(t, view.Object, tc.alphaEdit)}
			_, err = alpha.Update(ctx(t), edited, metav1.UpdateOptions{})
			require.NoError(t, err)

			after, err := beta.Get(ctx(t), name, metav1.GetOptions{})
			require.NoError(t, err)
			assertSubset(t, tc.betaOnly, after.Object["spec"], "spec")
			assertSubset(t, tc.wantEdited, after.Object["spec"], "spec")
			assert.NotContains(t, after.GetAnnotations(), "kruise-aggregated.io/preserved-fields", "the carrier annotation is never stored")
		})
	}
}

func TestSeedCloneSetIsServedInBothVersions(t *testing.T) {
	// The seed walkthrough's CloneSet, verbatim.
	seed, err := os.ReadFile("../../testdata/seed/cloneset.yaml")
	require.NoError(t, err)
	var u unstructured.Unstructured
	require.NoError(t, yaml.Unmarshal(seed, &u.Object))
	k := kinds[0]
	alpha, beta := resourceClient(t, k, "v1alpha1"), resourceClient(t, k, "v1beta1")
	_, err = alpha.Create(ctx(t), &u, metav1.CreateOptions{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = alpha.Delete(ctx(t), "demo-clone", metav1.DeleteOptions{}) })

	asBeta, err := beta.Get(ctx(t), "demo-clone", metav1.GetOptions{})
	require.NoError(t, err)
	assertSubset(t, obj{
		"type": "RollingUpdate",
		"rollingUpdate": obj{
			"podUpdatePolicy": "InPlaceIfPossible", "maxUnavailable": "20%", "maxSurge": int64(0), "partition": int64(0),
			"inPlaceUpdateStrategy": obj{"gracePeriodSeconds": int64(3)},
		},
	}, asBeta.Object["spec"].(map[string]interface{})["updateStrategy"], "spec.updateStrategy")
	container := asBeta.Object["spec"].(map[string]interface{})["template"].(map[string]interface{})["spec"].(map[string]interface{})["containers"].([]interface{})[0]
	assert.Equal(t, "Always", container.(map[string]interface{})["imagePullPolicy"], "Kruise defaults imagePullPolicy to Always")

	asAlpha, err := alpha.Get(ctx(t), "demo-clone", metav1.GetOptions{})
	require.NoError(t, err)
	assertSubset(t, u.Object["spec"], asAlpha.Object["spec"], "spec")
	assert.Empty(t, asAlpha.GetAnnotations(), "nothing v1alpha1 cannot express, so no carrier annotation")
}

// TestStrategicMergePatchMergesContainersByName shows what CRDs cannot do: a strategic merge
// patch (and kubectl's client-side apply) merges the containers list by name.
func TestStrategicMergePatchMergesContainersByName(t *testing.T) {
	k := kinds[0]
	rc := resourceClient(t, k, "v1beta1")
	in := newObject(k, "v1beta1", "smp-containers", "smp")
	spec := in.Object["spec"].(map[string]interface{})
	spec["template"].(map[string]interface{})["spec"].(map[string]interface{})["containers"] = arr{
		obj{"name": "main", "image": "nginx:1.25", "env": arr{obj{"name": "A", "value": "1"}}},
		obj{"name": "sidecar", "image": "busybox:1.36"},
	}
	_, err := rc.Create(ctx(t), in, metav1.CreateOptions{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = rc.Delete(ctx(t), "smp-containers", metav1.DeleteOptions{}) })

	out, err := rc.Patch(ctx(t), "smp-containers", types.StrategicMergePatchType,
		[]byte(`{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.26"}]}}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	containers, _, _ := unstructured.NestedSlice(out.Object, "spec", "template", "spec", "containers")
	require.Len(t, containers, 2, "the sidecar container is kept")
	main := containers[0].(map[string]interface{})
	assert.Equal(t, "nginx:1.26", main["image"])
	assert.NotEmpty(t, main["env"], "fields of the patched container that the patch did not name are kept")
}
