package apiserver

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestDiscoveryMatchesOpenKruiseCRDs(t *testing.T) {
	client := rawClient(t)
	raw, err := client.Get().AbsPath("/apis/apps.kruise.io").DoRaw(ctx(t))
	require.NoError(t, err)
	var group metav1.APIGroup
	require.NoError(t, json.Unmarshal(raw, &group))
	assert.Equal(t, "v1beta1", group.PreferredVersion.Version)

	resources := func(gv string) map[string]metav1.APIResource {
		raw, err := client.Get().AbsPath("/apis/" + gv).DoRaw(ctx(t))
		require.NoError(t, err)
		var list metav1.APIResourceList
		require.NoError(t, json.Unmarshal(raw, &list))
		out := map[string]metav1.APIResource{}
		for _, r := range list.APIResources {
			out[r.Name] = r
		}
		return out
	}
	beta, alpha := resources("apps.kruise.io/v1beta1"), resources("apps.kruise.io/v1alpha1")
	for _, k := range kinds {
		for _, v := range k.Versions {
			list := map[string]map[string]metav1.APIResource{"v1alpha1": alpha, "v1beta1": beta}[v]
			if k.Group == policy {
				list = resources("policy.kruise.io/" + v)
			}
			r, ok := list[k.Resource]
			if !assert.True(t, ok, "%s/%s not served", v, k.Resource) {
				continue
			}
			assert.Equal(t, k.Kind, r.Kind)
			assert.Equal(t, k.Namespaced, r.Namespaced, k.Resource)
			assert.Empty(t, r.Categories, "OpenKruise kinds are in no category")
			assert.ElementsMatch(t, []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}, []string(r.Verbs))
			assert.Contains(t, list, k.Resource+"/status")
			_, hasScale := list[k.Resource+"/scale"]
			assert.Equal(t, k.Scale, hasScale, k.Resource+"/scale")
		}
	}
	assert.Equal(t, []string{"clone"}, beta["clonesets"].ShortNames)
	assert.Equal(t, "cloneset", beta["clonesets"].SingularName)
	assert.ElementsMatch(t, []string{"sts", "asts"}, beta["statefulsets"].ShortNames)
	assert.ElementsMatch(t, []string{"daemon", "ads"}, beta["daemonsets"].ShortNames)
	assert.NotContains(t, beta, "ephemeraljobs", "EphemeralJob is v1alpha1 only")
	assert.Contains(t, alpha, "ephemeraljobs")
}

func TestOpenAPIPublishesModelNamesWithGroupVersionKind(t *testing.T) {
	raw, err := rawClient(t).Get().AbsPath("/openapi/v3/apis/apps.kruise.io/v1beta1").DoRaw(ctx(t))
	require.NoError(t, err)
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Extensions map[string]interface{} `json:"-"`
				GVK        []map[string]string    `json:"x-kubernetes-group-version-kind"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	cs, ok := doc.Components.Schemas["io.kruise.apps.v1beta1.CloneSet"]
	require.True(t, ok, "CloneSet model published under its model name")
	require.NotEmpty(t, cs.GVK)
	assert.Equal(t, map[string]string{"group": "apps.kruise.io", "version": "v1beta1", "kind": "CloneSet"}, cs.GVK[0])
}

// TestProtobufPreferringClientsFallBackToJSON reproduces the namespace controller: its metadata
// client sends deletecollection preferring protobuf and accepting JSON. Kruise types have no protobuf form, so the server must
// answer deletecollection (a typed list) in JSON rather than fail with 406.
func TestProtobufPreferringClientsFallBackToJSON(t *testing.T) {
	k := kinds[0]
	rc := resourceClient(t, k, "v1beta1")
	_, err := rc.Create(ctx(t), newObject(k, "v1beta1", "proto-fallback", "proto-fallback"), metav1.CreateOptions{})
	require.NoError(t, err)
	result := rawClient(t).Delete().AbsPath("/apis/apps.kruise.io/v1beta1/namespaces/"+namespace+"/clonesets").
		Param("labelSelector", "suite=proto-fallback").
		SetHeader("Accept", "application/vnd.kubernetes.protobuf,application/json").
		Do(ctx(t))
	require.NoError(t, result.Error())
	var contentType string
	result.ContentType(&contentType)
	assert.Equal(t, "application/json", contentType)
}
