package inplace

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/controllers/internal/podstate"
)

func template(image string, labels map[string]string) *v1.PodTemplateSpec {
	return &v1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: labels},
		Spec: v1.PodSpec{Containers: []v1.Container{
			{Name: "app", Image: image, Env: []v1.EnvVar{{Name: "ZONE", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "metadata.labels['zone']"}}}}},
			{Name: "sidecar", Image: "sidecar:1", Env: []v1.EnvVar{{Name: "TIER", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "metadata.labels['tier']"}}}}},
		}},
	}
}

func TestDiffAllowsImagesAndMetadataOnly(t *testing.T) {
	base := template("app:1", map[string]string{"app": "a", "zone": "z1", "tier": "t1", "old": "x"})
	cases := []struct {
		name   string
		mutate func(*v1.PodTemplateSpec)
		ok     bool
		check  func(*testing.T, *Spec)
	}{
		{"image change", func(t *v1.PodTemplateSpec) { t.Spec.Containers[0].Image = "app:2" }, true, func(t *testing.T, s *Spec) {
			assert.Equal(t, map[string]string{"app": "app:2"}, s.ContainerImages)
		}},
		{"label change nobody reads", func(t *v1.PodTemplateSpec) { t.Labels["version"] = "2"; delete(t.Labels, "old") }, true, func(t *testing.T, s *Spec) {
			assert.Equal(t, map[string]string{"version": "2"}, s.Labels)
			assert.Equal(t, []string{"old"}, s.RemoveLabels)
			assert.Empty(t, s.ContainerImages)
		}},
		{"env label change with a restart of its container", func(t *v1.PodTemplateSpec) {
			t.Labels["zone"] = "z2"
			t.Spec.Containers[0].Image = "app:2"
		}, true, nil},
		{"env label change without a restart", func(t *v1.PodTemplateSpec) { t.Labels["tier"] = "t2" }, false, nil},
		{"env change", func(t *v1.PodTemplateSpec) { t.Spec.Containers[0].Env = nil }, false, nil},
		{"resources change", func(t *v1.PodTemplateSpec) {
			t.Spec.Containers[0].Resources.Limits = v1.ResourceList{v1.ResourceCPU: *resourceQty("1")}
		}, false, nil},
		{"container added", func(t *v1.PodTemplateSpec) {
			t.Spec.Containers = append(t.Spec.Containers, v1.Container{Name: "x", Image: "x"})
		}, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			to := base.DeepCopy()
			c.mutate(to)
			spec, ok := Diff(base, to)
			assert.Equal(t, c.ok, ok)
			if ok && c.check != nil {
				c.check(t, spec)
			}
		})
	}
}

func TestSameImageNormalizesRuntimeSpellings(t *testing.T) {
	assert.True(t, sameImage("nginx", "docker.io/library/nginx:latest"))
	assert.True(t, sameImage("openkruise/demo:1.10.2", "docker.io/openkruise/demo:1.10.2"))
	assert.True(t, sameImage("localhost:5000/demo:1", "localhost:5000/demo:1"))
	assert.False(t, sameImage("reg.example.com/demo:1", "reg.example.com/demo:2"))
}

func runningPod() *v1.Pod {
	p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", Labels: map[string]string{"rev": "r1"}, Annotations: map[string]string{}}}
	p.Spec.Containers = []v1.Container{{Name: "app", Image: "app:1"}}
	p.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	p.Status.ContainerStatuses = []v1.ContainerStatus{{Name: "app", Image: "app:1", ImageID: "sha-1"}}
	return p
}

func TestInPlaceUpdateWithGracePeriod(t *testing.T) {
	pod := runningPod()
	kube := fake.NewClientset(pod)
	now := time.Unix(1000, 0)
	u := Updater{Kube: kube, Now: func() time.Time { return now }}
	ctx := context.Background()

	p, _, err := u.Refresh(ctx, pod)
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionTrue, podstate.Condition(p, pub.InPlaceUpdateReady).Status, "a new pod with the gate becomes ready")

	p, err = u.Start(ctx, p, &Spec{Revision: "r2", ContainerImages: map[string]string{"app": "app:2"}, Labels: map[string]string{"rev": "r2"}, GraceSeconds: 3})
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionFalse, podstate.Condition(p, pub.InPlaceUpdateReady).Status)
	assert.Equal(t, "r2", p.Labels["rev"])
	assert.Equal(t, "app:1", p.Spec.Containers[0].Image, "the image waits for the grace period")
	assert.True(t, IsUpdating(p))
	state := State(p)
	require.NotNil(t, state)
	assert.Equal(t, "sha-1", state.LastContainerStatuses["app"].ImageID)

	now = now.Add(time.Second)
	p, wait, err := u.Refresh(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Second, wait)
	assert.Equal(t, "app:1", p.Spec.Containers[0].Image)

	now = now.Add(2 * time.Second)
	p, _, err = u.Refresh(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, "app:2", p.Spec.Containers[0].Image)
	assert.False(t, Completed(p), "the container still runs the old image")

	p, _, err = u.Refresh(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionFalse, podstate.Condition(p, pub.InPlaceUpdateReady).Status)

	p.Status.ContainerStatuses[0].Image, p.Status.ContainerStatuses[0].ImageID = "app:2", "sha-2"
	p, err = kube.CoreV1().Pods("ns").UpdateStatus(ctx, p, metav1.UpdateOptions{})
	require.NoError(t, err)
	assert.True(t, Completed(p))
	p, _, err = u.Refresh(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, v1.ConditionTrue, podstate.Condition(p, pub.InPlaceUpdateReady).Status)
	assert.False(t, IsUpdating(p))
}

func TestInPlaceUpdateWithoutGracePatchesImagesAtOnce(t *testing.T) {
	pod := runningPod()
	kube := fake.NewClientset(pod)
	u := Updater{Kube: kube}
	p, err := u.Start(context.Background(), pod, &Spec{Revision: "r2", ContainerImages: map[string]string{"app": "app:2"}})
	require.NoError(t, err)
	assert.Equal(t, "app:2", p.Spec.Containers[0].Image)
	assert.Empty(t, p.Annotations[pub.InPlaceUpdateGraceKey])
}

func resourceQty(s string) *resource.Quantity { q := resource.MustParse(s); return &q }
