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

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func init() {
	scenarios = append(scenarios, scenario{name: "cloneset", run: runCloneSetBench})
}

const (
	benchImage    = "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo"
	clonePods     = 500
	realNodePods  = 20
	rolloutBudget = "20%"
)

func benchTemplate(app string, realNode bool) v1.PodTemplateSpec {
	t := v1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": app}},
		Spec: v1.PodSpec{
			TerminationGracePeriodSeconds: ptr.To[int64](0),
			Containers:                    []v1.Container{{Name: "app", Image: benchImage + ":1.10.2", ImagePullPolicy: v1.PullIfNotPresent}},
		},
	}
	if realNode {
		RealNodePlacement(&t.Spec)
		t.Spec.TerminationGracePeriodSeconds = ptr.To[int64](1)
		t.Spec.Containers[0].ReadinessProbe = &v1.Probe{
			ProbeHandler:  v1.ProbeHandler{HTTPGet: &v1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080)}},
			PeriodSeconds: 1,
		}
	} else {
		KwokPlacement(&t.Spec)
	}
	return t
}

func newBenchCloneSet(name string, replicas int32, policy appsv1beta1.CloneSetPodUpdateStrategyType, realNode bool) *appsv1beta1.CloneSet {
	budget := intstr.FromString(rolloutBudget)
	return &appsv1beta1.CloneSet{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1beta1.CloneSetSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: benchTemplate(name, realNode),
			UpdateStrategy: appsv1beta1.CloneSetUpdateStrategy{Type: appsv1beta1.RollingUpdateCloneSetUpdateStrategyType,
				RollingUpdate: &appsv1beta1.RollingUpdateCloneSetStrategy{PodUpdatePolicy: policy, MaxUnavailable: &budget}},
		},
	}
}

func newBenchDeployment(name string, replicas int32, realNode bool) *appsv1.Deployment {
	budget, surge := intstr.FromString(rolloutBudget), intstr.FromInt32(0)
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: benchTemplate(name, realNode),
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: &budget, MaxSurge: &surge}},
		},
	}
}

func cloneSetDone(e *env, ns, name string, replicas int32) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		cs, err := e.Kruise.AppsV1beta1().CloneSets(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		st := cs.Status
		return st.ObservedGeneration == cs.Generation && st.Replicas == replicas && st.ReadyReplicas == replicas &&
			st.UpdatedReadyReplicas == replicas, nil
	}
}

func deploymentDone(e *env, ns, name string, replicas int32) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		d, err := e.Kube.AppsV1().Deployments(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		st := d.Status
		return st.ObservedGeneration == d.Generation && st.Replicas == replicas && st.UpdatedReplicas == replicas &&
			st.ReadyReplicas == replicas && st.AvailableReplicas == replicas, nil
	}
}

// cloneSetScaleAndRollout creates a CloneSet with 0 replicas, times scaling it to n ready pods, then
// times rolling a new image through them.
func cloneSetScaleAndRollout(ctx context.Context, e *env, ns, name string, n int32, policy appsv1beta1.CloneSetPodUpdateStrategyType, realNode bool) (scale, rollout time.Duration, err error) {
	cs, err := e.Kruise.AppsV1beta1().CloneSets(ns).Create(ctx, newBenchCloneSet(name, 0, policy, realNode), metav1.CreateOptions{})
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if _, err = e.Kruise.AppsV1beta1().CloneSets(ns).Patch(ctx, cs.Name, types.MergePatchType, replicasPatch(n), metav1.PatchOptions{}); err != nil {
		return 0, 0, err
	}
	if _, err = WaitFor(ctx, 15*time.Minute, name+" scaled up", cloneSetDone(e, ns, name, n)); err != nil {
		return 0, 0, err
	}
	scale = time.Since(start)

	start = time.Now()
	if _, err = e.Kruise.AppsV1beta1().CloneSets(ns).Patch(ctx, name, types.StrategicMergePatchType, imagePatch(benchImage+":1.10.3"), metav1.PatchOptions{}); err != nil {
		return 0, 0, err
	}
	if _, err = WaitFor(ctx, 20*time.Minute, name+" rolled out", cloneSetDone(e, ns, name, n)); err != nil {
		return 0, 0, err
	}
	return scale, time.Since(start), nil
}

func deploymentScaleAndRollout(ctx context.Context, e *env, ns, name string, n int32, realNode bool) (scale, rollout time.Duration, err error) {
	d, err := e.Kube.AppsV1().Deployments(ns).Create(ctx, newBenchDeployment(name, 0, realNode), metav1.CreateOptions{})
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if _, err = e.Kube.AppsV1().Deployments(ns).Patch(ctx, d.Name, types.MergePatchType, replicasPatch(n), metav1.PatchOptions{}); err != nil {
		return 0, 0, err
	}
	if _, err = WaitFor(ctx, 15*time.Minute, name+" scaled up", deploymentDone(e, ns, name, n)); err != nil {
		return 0, 0, err
	}
	scale = time.Since(start)
	start = time.Now()
	if _, err = e.Kube.AppsV1().Deployments(ns).Patch(ctx, name, types.StrategicMergePatchType, imagePatch(benchImage+":1.10.3"), metav1.PatchOptions{}); err != nil {
		return 0, 0, err
	}
	if _, err = WaitFor(ctx, 20*time.Minute, name+" rolled out", deploymentDone(e, ns, name, n)); err != nil {
		return 0, 0, err
	}
	return scale, time.Since(start), nil
}

func replicasPatch(n int32) []byte { return []byte(fmt.Sprintf(`{"spec":{"replicas":%d}}`, n)) }

// imagePatch changes the image of the bench pods' only container.
func imagePatch(image string) []byte {
	return []byte(fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":"app","image":%q}]}}}}`, image))
}

// removeWorkload deletes a workload and waits until its namespace has no pods left, so the next
// measurement starts clean.
func removeWorkload(ctx context.Context, e *env, ns string, del func(context.Context, string, metav1.DeleteOptions) error, name string) error {
	if err := del(ctx, name, metav1.DeleteOptions{PropagationPolicy: ptr.To(metav1.DeletePropagationForeground)}); err != nil {
		return err
	}
	return waitPodsGone(ctx, e, ns)
}

// waitPodsGone waits until a namespace has no pods left.
func waitPodsGone(ctx context.Context, e *env, ns string) error {
	_, err := WaitFor(ctx, 10*time.Minute, "pods of "+ns+" gone", func(ctx context.Context) (bool, error) {
		l, err := e.Kube.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
		return err == nil && len(l.Items) == 0, nil
	})
	return err
}

func runCloneSetBench(ctx context.Context, e *env) ([]row, error) {
	ns, cleanup, err := e.Namespace(ctx, "bench-cloneset")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	var rows []row
	n := int32(clonePods)
	label := fmt.Sprintf("%d kwok pods", n)

	depScale, depRollout, err := deploymentScaleAndRollout(ctx, e, ns, "deploy", n, false)
	if err != nil {
		return nil, err
	}
	if err := removeWorkload(ctx, e, ns, e.Kube.AppsV1().Deployments(ns).Delete, "deploy"); err != nil {
		return nil, err
	}

	inScale, inRollout, err := cloneSetScaleAndRollout(ctx, e, ns, "inplace", n, appsv1beta1.InPlaceIfPossibleCloneSetPodUpdateStrategyType, false)
	if err != nil {
		return nil, err
	}
	rss, rssErr := e.ControllerRSS()
	if err := removeWorkload(ctx, e, ns, e.Kruise.AppsV1beta1().CloneSets(ns).Delete, "inplace"); err != nil {
		return nil, err
	}
	_, reRollout, err := cloneSetScaleAndRollout(ctx, e, ns, "recreate", n, appsv1beta1.RecreateCloneSetPodUpdateStrategyType, false)
	if err != nil {
		return nil, err
	}
	if err := removeWorkload(ctx, e, ns, e.Kruise.AppsV1beta1().CloneSets(ns).Delete, "recreate"); err != nil {
		return nil, err
	}

	rows = append(rows,
		row{"cloneset", "scale 0->" + label + " ready: Deployment", Seconds(depScale), "kube-controller-manager, client QPS 50"},
		row{"cloneset", "scale 0->" + label + " ready: CloneSet", Seconds(inScale), "kruise-controller, client QPS 100 (two writes per pod); ratio CloneSet/Deployment " + Ratio(inScale, depScale) + " (target <= 1.00x)"},
		row{"cloneset", "new image, " + label + ": Deployment rolling update", Seconds(depRollout), "maxUnavailable 20%, maxSurge 0"},
		row{"cloneset", "new image, " + label + ": CloneSet ReCreate", Seconds(reRollout), "maxUnavailable 20%"},
		row{"cloneset", "new image, " + label + ": CloneSet InPlaceIfPossible", Seconds(inRollout),
			"Deployment/in-place " + Ratio(depRollout, inRollout) + " (target > 1x), ReCreate/in-place " + Ratio(reRollout, inRollout) + " (target >= 1.5x)"},
	)
	if rssErr == nil {
		rows = append(rows, row{"cloneset", "kruise-controller RSS with " + label, fmt.Sprintf("%.0f MiB", rss), "after the in-place rollout"})
	} else {
		rows = append(rows, row{"cloneset", "kruise-controller RSS", "n/a", rssErr.Error()})
	}

	if !e.RealNode {
		rows = append(rows, row{"cloneset", "real node: in-place vs ReCreate", "skipped", "the cluster has no real node (needs root)"})
		return rows, nil
	}
	rn := int32(realNodePods)
	_, realIn, err := cloneSetScaleAndRollout(ctx, e, ns, "real-inplace", rn, appsv1beta1.InPlaceIfPossibleCloneSetPodUpdateStrategyType, true)
	if err != nil {
		return nil, err
	}
	if err := removeWorkload(ctx, e, ns, e.Kruise.AppsV1beta1().CloneSets(ns).Delete, "real-inplace"); err != nil {
		return nil, err
	}
	_, realRe, err := cloneSetScaleAndRollout(ctx, e, ns, "real-recreate", rn, appsv1beta1.RecreateCloneSetPodUpdateStrategyType, true)
	if err != nil {
		return nil, err
	}
	if err := removeWorkload(ctx, e, ns, e.Kruise.AppsV1beta1().CloneSets(ns).Delete, "real-recreate"); err != nil {
		return nil, err
	}
	_, realDep, err := deploymentScaleAndRollout(ctx, e, ns, "real-deploy", rn, true)
	if err != nil {
		return nil, err
	}
	rows = append(rows,
		row{"cloneset", fmt.Sprintf("new image, %d real-node pods: Deployment rolling update", rn), Seconds(realDep), "containerd + runc, local registry"},
		row{"cloneset", fmt.Sprintf("new image, %d real-node pods: CloneSet ReCreate", rn), Seconds(realRe), ""},
		row{"cloneset", fmt.Sprintf("new image, %d real-node pods: CloneSet InPlaceIfPossible", rn), Seconds(realIn),
			"Deployment/in-place " + Ratio(realDep, realIn) + ", ReCreate/in-place " + Ratio(realRe, realIn)},
	)
	return rows, nil
}
