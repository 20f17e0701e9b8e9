package main

import (
	"context"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

func init() {
	scenarios = append(scenarios, scenario{name: "statefulset", run: runStatefulSetBench})
}

const statefulPods = 200

// Both sets create their pods in parallel (creation is not what is measured); the apps/v1 set then
// updates one pod at a time, its default, while the Advanced StatefulSet updates 20% at once in place.

func newBenchAdvancedStatefulSet(name string, replicas int32) *appsv1beta1.StatefulSet {
	budget := intstr.FromString(rolloutBudget)
	tmpl := benchTemplate(name, false)
	tmpl.Spec.ReadinessGates = []v1.PodReadinessGate{{ConditionType: pub.InPlaceUpdateReady}}
	return &appsv1beta1.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1beta1.StatefulSetSpec{
			Replicas:            &replicas,
			Selector:            &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			ServiceName:         name,
			PodManagementPolicy: appsv1.ParallelPodManagement,
			Template:            tmpl,
			UpdateStrategy: appsv1beta1.StatefulSetUpdateStrategy{Type: appsv1.RollingUpdateStatefulSetStrategyType,
				RollingUpdate: &appsv1beta1.RollingUpdateStatefulSetStrategy{
					PodUpdatePolicy: appsv1beta1.InPlaceIfPossiblePodUpdateStrategyType, MaxUnavailable: &budget}},
		},
	}
}

func newBenchStatefulSet(name string, replicas int32) *appsv1.StatefulSet {
	return &appsv1.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.StatefulSetSpec{
			Replicas:            &replicas,
			Selector:            &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			ServiceName:         name,
			PodManagementPolicy: appsv1.ParallelPodManagement,
			Template:            benchTemplate(name, false),
			UpdateStrategy:      appsv1.StatefulSetUpdateStrategy{Type: appsv1.RollingUpdateStatefulSetStrategyType},
		},
	}
}

// advancedStatefulSetDone: the status of the current generation shows every pod updated and ready.
func advancedStatefulSetDone(e *env, ns, name string, replicas int32) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		s, err := e.Kruise.AppsV1beta1().StatefulSets(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		st := s.Status
		return st.ObservedGeneration == s.Generation && st.Replicas == replicas && st.UpdatedReadyReplicas == replicas, nil
	}
}

func statefulSetDone(e *env, ns, name string, replicas int32) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		s, err := e.Kube.AppsV1().StatefulSets(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		st := s.Status
		return st.ObservedGeneration == s.Generation && st.Replicas == replicas && st.UpdatedReplicas == replicas &&
			st.ReadyReplicas == replicas && st.CurrentRevision == st.UpdateRevision, nil
	}
}

// advancedStatefulSetRollout creates the set, waits for its pods, then times a new image.
func advancedStatefulSetRollout(ctx context.Context, e *env, ns, name string, n int32) (time.Duration, error) {
	if _, err := e.Kruise.AppsV1beta1().StatefulSets(ns).Create(ctx, newBenchAdvancedStatefulSet(name, n), metav1.CreateOptions{}); err != nil {
		return 0, err
	}
	if _, err := WaitFor(ctx, 15*time.Minute, name+" created", advancedStatefulSetDone(e, ns, name, n)); err != nil {
		return 0, err
	}
	s, err := e.Kruise.AppsV1beta1().StatefulSets(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return 0, err
	}
	start := time.Now()
	s.Spec.Template.Spec.Containers[0].Image = benchImage + ":1.10.3"
	if _, err := e.Kruise.AppsV1beta1().StatefulSets(ns).Update(ctx, s, metav1.UpdateOptions{}); err != nil {
		return 0, err
	}
	if _, err := WaitFor(ctx, 30*time.Minute, name+" rolled out", advancedStatefulSetDone(e, ns, name, n)); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func statefulSetRollout(ctx context.Context, e *env, ns, name string, n int32) (time.Duration, error) {
	if _, err := e.Kube.AppsV1().StatefulSets(ns).Create(ctx, newBenchStatefulSet(name, n), metav1.CreateOptions{}); err != nil {
		return 0, err
	}
	if _, err := WaitFor(ctx, 15*time.Minute, name+" created", statefulSetDone(e, ns, name, n)); err != nil {
		return 0, err
	}
	s, err := e.Kube.AppsV1().StatefulSets(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return 0, err
	}
	start := time.Now()
	s.Spec.Template.Spec.Containers[0].Image = benchImage + ":1.10.3"
	if _, err := e.Kube.AppsV1().StatefulSets(ns).Update(ctx, s, metav1.UpdateOptions{}); err != nil {
		return 0, err
	}
	if _, err := WaitFor(ctx, 60*time.Minute, name+" rolled out", statefulSetDone(e, ns, name, n)); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func runStatefulSetBench(ctx context.Context, e *env) ([]row, error) {
	ns, cleanup, err := e.Namespace(ctx, "bench-statefulset")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	n := int32(statefulPods)
	label := fmt.Sprintf("%d kwok pods", n)

	native, err := statefulSetRollout(ctx, e, ns, "native", n)
	if err != nil {
		return nil, err
	}
	if err := e.Kube.AppsV1().StatefulSets(ns).Delete(ctx, "native", metav1.DeleteOptions{PropagationPolicy: ptr.To(metav1.DeletePropagationForeground)}); err != nil {
		return nil, err
	}
	if err := waitPodsGone(ctx, e, ns); err != nil {
		return nil, err
	}
	advanced, err := advancedStatefulSetRollout(ctx, e, ns, "advanced", n)
	if err != nil {
		return nil, err
	}
	if err := e.Kruise.AppsV1beta1().StatefulSets(ns).Delete(ctx, "advanced", metav1.DeleteOptions{PropagationPolicy: ptr.To(metav1.DeletePropagationForeground)}); err != nil {
		return nil, err
	}
	if err := waitPodsGone(ctx, e, ns); err != nil {
		return nil, err
	}
	return []row{
		{"statefulset", "new image, " + label + ": apps/v1 StatefulSet", Seconds(native), "kube-controller-manager, one pod at a time (default)"},
		{"statefulset", "new image, " + label + ": Advanced StatefulSet", Seconds(advanced),
			"Parallel, maxUnavailable 20%, InPlaceIfPossible; apps/v1/Advanced " + Ratio(native, advanced)},
	}, nil
}
