package podpatch

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

func TestStatusWritesConditionsAndMetadataInOneCall(t *testing.T) {
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", Labels: map[string]string{"gone": "x", "keep": "y"}}}
	kube := fake.NewClientset(pod)
	var c Change
	c.SetLabel("state", "Normal")
	c.Labels["gone"] = nil
	c.SetAnnotation("a", "1")
	c.Conditions = []v1.PodCondition{{Type: "InPlaceUpdateReady", Status: v1.ConditionTrue}}
	kube.ClearActions()
	out, err := Status(context.Background(), kube, pod, c)
	require.NoError(t, err)
	assert.Len(t, kube.Actions(), 1)
	assert.Equal(t, "status", kube.Actions()[0].GetSubresource())
	assert.Equal(t, map[string]string{"keep": "y", "state": "Normal"}, out.Labels)
	assert.Equal(t, "1", out.Annotations["a"])
	assert.Equal(t, v1.ConditionTrue, out.Status.Conditions[0].Status)

	kube.ClearActions()
	same, err := Status(context.Background(), kube, out, Change{})
	require.NoError(t, err)
	assert.Same(t, out, same)
	assert.Empty(t, kube.Actions(), "an empty change costs no request")
}
