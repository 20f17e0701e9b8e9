package main

import (
	"context"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func init() {
	scenarios = append(scenarios, scenario{name: "daemonset", run: runDaemonSet})
}

// dsRolloutTimeout bounds one rollout; apps/v1's one-node-at-a-time recreate on 100 nodes is the
// slow one.
const dsRolloutTimeout = 15 * time.Minute

// runDaemonSet rolls a new image through an Advanced DaemonSet (in place, maxUnavailable 10%) and
// through an apps/v1 DaemonSet (default rolling update) on the same kwok nodes, one after the
// other, timing each from the template change until status shows every pod updated and available.
func runDaemonSet(ctx context.Context, e *env) ([]row, error) {
	ns, cleanup, err := e.Namespace(ctx, "bench-ds")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	nodes, err := e.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: "type=kwok"})
	if err != nil {
		return nil, err
	}
	n := len(nodes.Items)
	patch := []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}`)

	advanced := &v1beta1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "bench-ads", Namespace: ns},
		Spec: v1beta1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "bench-ads"}},
			Template: benchDaemonTemplate("bench-ads"),
			UpdateStrategy: v1beta1.DaemonSetUpdateStrategy{
				Type: v1beta1.RollingUpdateDaemonSetStrategyType,
				RollingUpdate: &v1beta1.RollingUpdateDaemonSet{
					Type:           v1beta1.InplaceRollingUpdateType,
					MaxUnavailable: ptr.To(intstr.FromString("10%")),
				},
			},
		},
	}
	if _, err := e.Kruise.AppsV1beta1().DaemonSets(ns).Create(ctx, advanced, metav1.CreateOptions{}); err != nil {
		return nil, err
	}
	advancedDone := func(ctx context.Context) (bool, error) {
		ds, err := e.Kruise.AppsV1beta1().DaemonSets(ns).Get(ctx, advanced.Name, getOptions)
		if err != nil {
			return false, err
		}
		s := ds.Status
		return s.ObservedGeneration == ds.Generation && s.DesiredNumberScheduled == int32(n) &&
			s.UpdatedNumberScheduled == int32(n) && s.NumberReady == int32(n) && s.NumberAvailable == int32(n), nil
	}
	if _, err := WaitFor(ctx, dsRolloutTimeout, "the Advanced DaemonSet's pods", advancedDone); err != nil {
		return nil, err
	}
	if _, err := e.Kruise.AppsV1beta1().DaemonSets(ns).Patch(ctx, advanced.Name, types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return nil, err
	}
	advancedTime, err := WaitFor(ctx, dsRolloutTimeout, "the Advanced DaemonSet's rollout", advancedDone)
	if err != nil {
		return nil, err
	}
	// Free the nodes' pod slots and the scheduler before the apps/v1 run.
	if err := e.Kruise.AppsV1beta1().DaemonSets(ns).Delete(ctx, advanced.Name, metav1.DeleteOptions{}); err != nil {
		return nil, err
	}

	upstream := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "bench-ds", Namespace: ns},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "bench-ds"}},
			Template: benchDaemonTemplate("bench-ds"),
		},
	}
	if _, err := e.Kube.AppsV1().DaemonSets(ns).Create(ctx, upstream, metav1.CreateOptions{}); err != nil {
		return nil, err
	}
	upstreamDone := func(ctx context.Context) (bool, error) {
		ds, err := e.Kube.AppsV1().DaemonSets(ns).Get(ctx, upstream.Name, getOptions)
		if err != nil {
			return false, err
		}
		s := ds.Status
		return s.ObservedGeneration == ds.Generation && s.DesiredNumberScheduled == int32(n) &&
			s.UpdatedNumberScheduled == int32(n) && s.NumberReady == int32(n) && s.NumberAvailable == int32(n), nil
	}
	if _, err := WaitFor(ctx, dsRolloutTimeout, "the apps/v1 DaemonSet's pods", upstreamDone); err != nil {
		return nil, err
	}
	if _, err := e.Kube.AppsV1().DaemonSets(ns).Patch(ctx, upstream.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return nil, err
	}
	upstreamTime, err := WaitFor(ctx, dsRolloutTimeout, "the apps/v1 DaemonSet's rollout", upstreamDone)
	if err != nil {
		return nil, err
	}

	note := fmt.Sprintf("%d kwok nodes, image change", n)
	return []row{
		{"daemonset", "Advanced DaemonSet rollout (InPlaceIfPossible, maxUnavailable 10%)", Seconds(advancedTime), note},
		{"daemonset", "apps/v1 DaemonSet rollout (default RollingUpdate, maxUnavailable 1)", Seconds(upstreamTime), note},
		{"daemonset", "apps/v1 time / Advanced time", Ratio(upstreamTime, advancedTime), "higher is better for Advanced"},
	}, nil
}

func benchDaemonTemplate(app string) v1.PodTemplateSpec {
	t := v1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": app}},
		Spec: v1.PodSpec{
			Containers:                    []v1.Container{{Name: "main", Image: "nginx:1"}},
			TerminationGracePeriodSeconds: ptr.To[int64](0),
		},
	}
	KwokPlacement(&t.Spec)
	return t
}
