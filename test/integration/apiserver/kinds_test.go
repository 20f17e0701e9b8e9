package apiserver

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

const namespace = "default"

func dynamicClient(t *testing.T) *dynamic.DynamicClient {
	t.Helper()
	c, err := dynamic.NewForConfig(config)
	require.NoError(t, err)
	return c
}

func resourceClient(t *testing.T, k kind, version string) dynamic.ResourceInterface {
	c := dynamicClient(t).Resource(k.gvr(version))
	if k.Namespaced {
		return c.Namespace(namespace)
	}
	return c
}

func newObject(k kind, version, name, label string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: obj{
		"apiVersion": k.Group + "/" + version,
		"kind":       k.Kind,
		"metadata":   obj{"name": name, "labels": obj{"suite": label}},
		"spec":       k.Spec(version, label),
	}}
	return u
}

func mustJSON(t *testing.T, v interface{}) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return data
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// TestEveryKindInEveryVersion runs the same API contract against each kind and served version.
func TestEveryKindInEveryVersion(t *testing.T) {
	for _, k := range kinds {
		for _, v := range k.Versions {
			t.Run(k.Kind+"/"+v, func(t *testing.T) {
				name := strings.ToLower(fmt.Sprintf("%s-%s", k.Kind, v))
				rc := resourceClient(t, k, v)
				t.Run("CreateSetsGenerationAndClearsStatus", func(t *testing.T) { testCreate(t, k, v, rc, name) })
				t.Run("ListAndWatchWithSelectors", func(t *testing.T) { testListWatch(t, k, v, rc, name) })
				t.Run("UpdateBumpsGenerationAndRejectsStaleResourceVersion", func(t *testing.T) { testUpdate(t, k, rc, name) })
				t.Run("AllPatchTypes", func(t *testing.T) { testPatches(t, k, v, rc, name) })
				t.Run("StatusSubresourceChangesOnlyStatus", func(t *testing.T) { testStatus(t, k, rc, name) })
				if k.Scale {
					t.Run("ScaleSubresource", func(t *testing.T) { testScale(t, k, v, name) })
				}
				t.Run("TableHasPrinterColumns", func(t *testing.T) { testTable(t, k, v, name) })
				t.Run("InvalidObjectIs422WithFieldPath", func(t *testing.T) { testInvalid(t, k, v, rc, name) })
				t.Run("DeleteAndDeleteCollection", func(t *testing.T) { testDelete(t, k, v, rc, name) })
			})
		}
	}
}

func testCreate(t *testing.T, k kind, v string, rc dynamic.ResourceInterface, name string) {
	in := newObject(k, v, name, name)
	in.Object["status"] = k.Status["status"]
	out, err := rc.Create(ctx(t), in, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.GetGeneration())
	assert.NotEmpty(t, out.GetUID())
	assert.Equal(t, k.Group+"/"+v, out.GetAPIVersion())
	assert.Equal(t, k.Kind, out.GetKind())
	status, _, _ := unstructured.NestedMap(out.Object, "status")
	for key, sent := range k.Status["status"].(obj) {
		assert.NotEqual(t, mustJSON(t, sent), mustJSON(t, status[key]), "status.%s set on create must be dropped", key)
	}
	got, err := rc.Get(ctx(t), name, metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, out.GetResourceVersion(), got.GetResourceVersion())

	_, err = rc.Create(ctx(t), newObject(k, v, name, name), metav1.CreateOptions{})
	assert.True(t, apierrors.IsAlreadyExists(err), "second create: %v", err)
}

func testListWatch(t *testing.T, k kind, v string, rc dynamic.ResourceInterface, name string) {
	other := name + "-other"
	_, err := rc.Create(ctx(t), newObject(k, v, other, other), metav1.CreateOptions{})
	require.NoError(t, err)

	list, err := rc.List(ctx(t), metav1.ListOptions{LabelSelector: "suite=" + name})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, name, list.Items[0].GetName())

	list, err = rc.List(ctx(t), metav1.ListOptions{FieldSelector: "metadata.name=" + other})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, other, list.Items[0].GetName())

	w, err := rc.Watch(ctx(t), metav1.ListOptions{FieldSelector: "metadata.name=" + other, ResourceVersion: list.GetResourceVersion()})
	require.NoError(t, err)
	defer w.Stop()
	_, err = rc.Patch(ctx(t), other, types.MergePatchType, []byte(`{"metadata":{"labels":{"touched":"yes"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	select {
	case ev := <-w.ResultChan():
		require.Equal(t, watch.Modified, ev.Type)
		assert.Equal(t, "yes", ev.Object.(*unstructured.Unstructured).GetLabels()["touched"])
	case <-time.After(30 * time.Second):
		t.Fatal("no watch event within 30s")
	}
	require.NoError(t, rc.Delete(ctx(t), other, metav1.DeleteOptions{}))
}

func testUpdate(t *testing.T, k kind, rc dynamic.ResourceInterface, name string) {
	cur, err := rc.Get(ctx(t), name, metav1.GetOptions{})
	require.NoError(t, err)
	stale := cur.DeepCopy()
	if k.Change == nil {
		cur.SetAnnotations(map[string]string{"updated": "true"})
		out, err := rc.Update(ctx(t), cur, metav1.UpdateOptions{})
		require.NoError(t, err)
		assert.Equal(t, cur.GetGeneration(), out.GetGeneration(), "metadata-only change keeps the generation")
	} else {
		patched := mergeInto(t, cur.Object, k.Change)
		out, err := rc.Update(ctx(t), &unstructured.Unstructured{Object: patched}, metav1.UpdateOptions{})
		require.NoError(t, err)
		assert.Equal(t, cur.GetGeneration()+1, out.GetGeneration(), "spec change bumps the generation")
	}
	stale.SetLabels(map[string]string{"suite": name, "stale": "yes"})
	_, err = rc.Update(ctx(t), stale, metav1.UpdateOptions{})
	assert.True(t, apierrors.IsConflict(err), "update with a stale resourceVersion must be 409, got %v", err)
}

func testPatches(t *testing.T, k kind, v string, rc dynamic.ResourceInterface, name string) {
	out, err := rc.Patch(ctx(t), name, types.JSONPatchType, []byte(`[{"op":"add","path":"/metadata/labels/json","value":"patch"}]`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "patch", out.GetLabels()["json"])

	out, err = rc.Patch(ctx(t), name, types.MergePatchType, []byte(`{"metadata":{"annotations":{"merge":"patch"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "patch", out.GetAnnotations()["merge"])

	out, err = rc.Patch(ctx(t), name, types.StrategicMergePatchType, []byte(`{"metadata":{"labels":{"strategic":"patch"}}}`), metav1.PatchOptions{})
	require.NoError(t, err, "strategic merge patch must be supported by typed resources")
	assert.Equal(t, "patch", out.GetLabels()["strategic"])
	assert.Equal(t, "patch", out.GetLabels()["json"], "strategic merge keeps other labels")

	apply := newObject(k, v, name, name)
	apply.SetLabels(map[string]string{"suite": name, "applied": "yes"})
	out, err = rc.Apply(ctx(t), name, apply, metav1.ApplyOptions{FieldManager: "integration-test", Force: true})
	require.NoError(t, err, "server-side apply")
	assert.Equal(t, "yes", out.GetLabels()["applied"])
	var managers []string
	for _, mf := range out.GetManagedFields() {
		managers = append(managers, mf.Manager)
	}
	assert.Contains(t, managers, "integration-test", "server-side apply records managedFields")
}

func testStatus(t *testing.T, k kind, rc dynamic.ResourceInterface, name string) {
	before, err := rc.Get(ctx(t), name, metav1.GetOptions{})
	require.NoError(t, err)
	patch := map[string]interface{}{"status": k.Status["status"], "metadata": obj{"labels": obj{"via-status": "ignored"}}}
	out, err := rc.Patch(ctx(t), name, types.MergePatchType, mustJSON(t, patch), metav1.PatchOptions{}, "status")
	require.NoError(t, err)
	for key, want := range k.Status["status"].(obj) {
		got, found, _ := unstructured.NestedFieldNoCopy(out.Object, "status", key)
		require.True(t, found, "status.%s", key)
		assert.Equal(t, mustJSON(t, want), mustJSON(t, got), "status.%s", key)
	}
	assert.NotContains(t, out.GetLabels(), "via-status", "metadata changes through /status are ignored")
	assert.Equal(t, before.Object["spec"], out.Object["spec"], "status write keeps the spec")
	assert.Equal(t, before.GetGeneration(), out.GetGeneration())

	// Writes to the main endpoint cannot change status.
	cur := out.DeepCopy()
	require.NoError(t, unstructured.SetNestedField(cur.Object, obj{}, "status"))
	after, err := rc.Update(ctx(t), cur, metav1.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, out.Object["status"], after.Object["status"])
}

func testScale(t *testing.T, k kind, v, name string) {
	client := rawClient(t)
	path := fmt.Sprintf("/apis/%s/%s/namespaces/%s/%s/%s/scale", k.Group, v, namespace, k.Resource, name)
	var scale map[string]interface{}
	raw, err := client.Get().AbsPath(path).DoRaw(ctx(t))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &scale))
	assert.Equal(t, "Scale", scale["kind"])
	assert.Equal(t, "autoscaling/v1", scale["apiVersion"])
	status := scale["status"].(map[string]interface{})
	assert.Equal(t, "app=x", status["selector"], "selector comes from status.labelSelector")
	assert.EqualValues(t, 2, status["replicas"])

	scale["spec"] = map[string]interface{}{"replicas": 5}
	_, err = client.Put().AbsPath(path).Body(mustJSON(t, scale)).DoRaw(ctx(t))
	require.NoError(t, err)
	got, err := resourceClient(t, k, v).Get(ctx(t), name, metav1.GetOptions{})
	require.NoError(t, err)
	replicas, _, _ := unstructured.NestedInt64(got.Object, "spec", "replicas")
	assert.Equal(t, int64(5), replicas)

	_, err = client.Patch(types.MergePatchType).AbsPath(path).Body([]byte(`{"spec":{"replicas":-1}}`)).DoRaw(ctx(t))
	assert.True(t, apierrors.IsInvalid(err), "negative scale must be 422, got %v", err)
}

// rawClient sends requests to any path of the server.
func rawClient(t *testing.T) rest.Interface {
	t.Helper()
	c, err := kubernetes.NewForConfig(config)
	require.NoError(t, err)
	return c.Discovery().RESTClient()
}

func testTable(t *testing.T, k kind, v, name string) {
	client := rawClient(t)
	path := fmt.Sprintf("/apis/%s/%s/%s", k.Group, v, k.Resource)
	if k.Namespaced {
		path = fmt.Sprintf("/apis/%s/%s/namespaces/%s/%s", k.Group, v, namespace, k.Resource)
	}
	raw, err := client.Get().AbsPath(path).SetHeader("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").
		Param("labelSelector", "suite="+name).DoRaw(ctx(t))
	require.NoError(t, err)
	var table metav1.Table
	require.NoError(t, json.Unmarshal(raw, &table))
	var names []string
	for _, c := range table.ColumnDefinitions {
		names = append(names, c.Name)
	}
	want := k.Columns
	if k.Kind == "ImagePullJob" && v == "v1alpha1" {
		want = append(append([]string{}, want...), "MESSAGE")
	}
	assert.Equal(t, want, names)
	require.Len(t, table.Rows, 1)
	assert.Equal(t, name, table.Rows[0].Cells[0])
	assert.Len(t, table.Rows[0].Cells, len(want))
}

func testInvalid(t *testing.T, k kind, v string, rc dynamic.ResourceInterface, name string) {
	_, err := rc.Patch(ctx(t), name, types.MergePatchType, mustJSON(t, k.Invalid), metav1.PatchOptions{})
	require.Error(t, err)
	require.True(t, apierrors.IsInvalid(err), "want 422, got %v", err)
	status, ok := err.(apierrors.APIStatus)
	require.True(t, ok)
	details := status.Status().Details
	require.NotNil(t, details)
	var fields []string
	for _, c := range details.Causes {
		fields = append(fields, c.Field)
	}
	found := false
	for _, f := range fields {
		if strings.HasPrefix(f, k.InvalidField) {
			found = true
		}
	}
	assert.True(t, found, "422 causes %v name no field under %s", fields, k.InvalidField)

	_, err = rc.Create(ctx(t), &unstructured.Unstructured{Object: obj{
		"apiVersion": k.Group + "/" + v, "kind": k.Kind,
		"metadata": obj{"name": "Not_A_DNS_Name"}, "spec": k.Spec(v, "x"),
	}}, metav1.CreateOptions{})
	require.True(t, apierrors.IsInvalid(err), "invalid name must be 422, got %v", err)
}

func testDelete(t *testing.T, k kind, v string, rc dynamic.ResourceInterface, name string) {
	require.NoError(t, rc.Delete(ctx(t), name, metav1.DeleteOptions{}))
	_, err := rc.Get(ctx(t), name, metav1.GetOptions{})
	assert.True(t, apierrors.IsNotFound(err), "after delete: %v", err)

	for i := 0; i < 3; i++ {
		_, err := rc.Create(ctx(t), newObject(k, v, fmt.Sprintf("%s-bulk-%d", name, i), name+"-bulk"), metav1.CreateOptions{})
		require.NoError(t, err)
	}
	require.NoError(t, rc.DeleteCollection(ctx(t), metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "suite=" + name + "-bulk"}))
	list, err := rc.List(ctx(t), metav1.ListOptions{LabelSelector: "suite=" + name + "-bulk"})
	require.NoError(t, err)
	assert.Empty(t, list.Items)
}

// mergeInto applies a JSON merge patch given as a map onto a copy of base.
func mergeInto(t *testing.T, base, patch map[string]interface{}) map[string]interface{} {
	out := runtimeDeepCopy(base)
	var merge func(dst, src map[string]interface{})
	merge = func(dst, src map[string]interface{}) {
		for key, val := range src {
			if sub, ok := val.(map[string]interface{}); ok {
				if d, ok := dst[key].(map[string]interface{}); ok {
					merge(d, sub)
					continue
				}
			}
			if val == nil {
				delete(dst, key)
				continue
			}
			dst[key] = val
		}
	}
	merge(out, patch)
	return out
}

func runtimeDeepCopy(m map[string]interface{}) map[string]interface{} {
	return (&unstructured.Unstructured{Object: m}).DeepCopy().Object
}
