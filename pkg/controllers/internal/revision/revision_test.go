package revision

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
)

var kind = schema.GroupVersionKind{Group: "apps.kruise.io", Version: "v1beta1", Kind: "CloneSet"}

func data(t *testing.T, image string) []byte {
	t.Helper()
	raw, err := TemplatePatch(&v1.PodTemplateSpec{Spec: v1.PodSpec{Containers: []v1.Container{{Name: "c", Image: image}}}})
	require.NoError(t, err)
	return raw
}

func list(t *testing.T, c Client) []*apps.ControllerRevision {
	l, err := c.Kube.AppsV1().ControllerRevisions("ns").List(context.Background(), metav1.ListOptions{})
	require.NoError(t, err)
	var out []*apps.ControllerRevision
	for i := range l.Items {
		out = append(out, &l.Items[i])
	}
	return out
}

func TestSyncCreatesReusesAndRenumbersOnRollback(t *testing.T) {
	owner := Owner{Object: &metav1.ObjectMeta{Name: "cs", Namespace: "ns", UID: "u"}, Kind: kind, Labels: map[string]string{"app": "a"}}
	c := Client{Kube: fake.NewClientset()}
	ctx := context.Background()

	r1, err := c.Sync(ctx, owner, nil, data(t, "img:1"), nil, "")
	require.NoError(t, err)
	assert.Equal(t, int64(1), r1.Update.Revision)
	assert.Equal(t, r1.Update.Name, r1.Current.Name, "the first revision is also current")
	assert.Equal(t, "cs-"+Hash(data(t, "img:1"), new(int32)), r1.Update.Name)
	assert.Equal(t, "a", r1.Update.Labels["app"])
	tmpl, err := Template(r1.Update)
	require.NoError(t, err)
	assert.Equal(t, "img:1", tmpl.Spec.Containers[0].Image)

	r2, err := c.Sync(ctx, owner, list(t, c), data(t, "img:2"), nil, r1.Update.Name)
	require.NoError(t, err)
	assert.Equal(t, int64(2), r2.Update.Revision)
	assert.Equal(t, r1.Update.Name, r2.Current.Name)

	same, err := c.Sync(ctx, owner, list(t, c), data(t, "img:2"), nil, r1.Update.Name)
	require.NoError(t, err)
	assert.Equal(t, r2.Update.Name, same.Update.Name)
	assert.Len(t, list(t, c), 2, "an identical template reuses its revision")

	back, err := c.Sync(ctx, owner, list(t, c), data(t, "img:1"), nil, r2.Update.Name)
	require.NoError(t, err)
	assert.Equal(t, r1.Update.Name, back.Update.Name)
	assert.Equal(t, int64(3), back.Update.Revision, "a rollback renumbers the old revision last")
}

func TestSyncBumpsTheCollisionCountWhenAnotherRevisionHoldsTheName(t *testing.T) {
	owner := Owner{Object: &metav1.ObjectMeta{Name: "cs", Namespace: "ns", UID: "u"}, Kind: kind}
	want := data(t, "img:1")
	squatter := &apps.ControllerRevision{
		ObjectMeta: metav1.ObjectMeta{Name: "cs-" + Hash(want, new(int32)), Namespace: "ns"},
		Data:       runtime.RawExtension{Raw: data(t, "other")},
	}
	c := Client{Kube: fake.NewClientset(squatter)}
	res, err := c.Sync(context.Background(), owner, nil, want, new(int32), "")
	require.NoError(t, err)
	assert.Equal(t, int32(1), res.CollisionCount)
	one := int32(1)
	assert.Equal(t, "cs-"+Hash(want, &one), res.Update.Name)
}

func TestTruncateKeepsRevisionsInUseAndTheNewestUnused(t *testing.T) {
	var revs []*apps.ControllerRevision
	var objs []runtime.Object
	for i, n := range []string{"r1", "r2", "r3", "r4"} {
		r := &apps.ControllerRevision{ObjectMeta: metav1.ObjectMeta{Name: n, Namespace: "ns"}, Revision: int64(i + 1)}
		revs = append(revs, r)
		objs = append(objs, r)
	}
	c := Client{Kube: fake.NewClientset(objs...)}
	require.NoError(t, c.Truncate(context.Background(), revs, map[string]bool{"r1": true, "r4": true}, 1))
	var left []string
	for _, r := range list(t, c) {
		left = append(left, r.Name)
	}
	assert.ElementsMatch(t, []string{"r1", "r3", "r4"}, left)
}
