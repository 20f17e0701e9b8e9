package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

const demoImage = "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo"

// cloneSet renders a v1beta1 CloneSet whose pods run on the simulated nodes. spec is indented
// YAML added under spec:, podSpec under template.spec:.
func cloneSet(name string, replicas int, spec, podSpec string) string {
	return fmt.Sprintf(`apiVersion: apps.kruise.io/v1beta1
kind: CloneSet
metadata:
  name: %[1]s
spec:
  replicas: %[2]d
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      nodeSelector: {type: kwok}
      tolerations: [{key: kwok.x-k8s.io/node, operator: Exists, effect: NoSchedule}]
      terminationGracePeriodSeconds: 0
      containers:
      - name: app
        image: %[3]s:1.10.2
%[4]s
%[5]s`, name, replicas, demoImage, podSpec, spec)
}

// cloneSetColumns returns `kubectl get clone` values: DESIRED UPDATED UPDATED_READY READY TOTAL.
func cloneSetColumns(t *testing.T, ns, name string) string {
	out, err := kubectl(t, "", "-n", ns, "get", "clone", name, "--no-headers")
	if err != nil {
		return err.Error()
	}
	f := strings.Fields(out)
	if len(f) < 6 {
		return out
	}
	return strings.Join(f[1:6], " ")
}

func waitColumns(t *testing.T, ns, name, want string, timeout time.Duration) {
	t.Helper()
	var last string
	ok := assert.Eventually(t, func() bool { last = cloneSetColumns(t, ns, name); return last == want }, timeout, 250*time.Millisecond)
	require.True(t, ok, "kubectl get clone %s: want %q, last saw %q", name, want, last)
}

func listPods(t *testing.T, ns, selector string) []v1.Pod {
	t.Helper()
	kube, _ := clients(t)
	l, err := kube.CoreV1().Pods(ns).List(context.Background(), metav1.ListOptions{LabelSelector: selector})
	require.NoError(t, err)
	var out []v1.Pod
	for _, p := range l.Items {
		if p.DeletionTimestamp == nil {
			out = append(out, p)
		}
	}
	return out
}

func podNames(pods []v1.Pod) map[string]string {
	out := map[string]string{}
	for _, p := range pods {
		out[p.Name] = string(p.UID)
	}
	return out
}

func setImage(t *testing.T, ns, kind, name, container, image string) {
	t.Helper()
	mustKubectl(t, "", "-n", ns, "patch", kind, name, "--type=strategic", "-p",
		fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":%q,"image":%q}]}}}}`, container, image))
}

// TestCloneSetSeedInPlaceUpdate runs the walkthrough's CloneSet unchanged (on the real node when
// the cluster has one): five pods come up, and an image change restarts each container once in
// place, keeping every pod, never taking more than one pod out of service.
func TestCloneSetSeedInPlaceUpdate(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-seed")
	kube, _ := clients(t)
	mustKubectl(t, seedCloneSet, "-n", ns, "create", "-f", "-")
	waitColumns(t, ns, "demo-clone", "5 5 5 5 5", 3*time.Minute)

	pods := listPods(t, ns, "app=guestbook")
	require.Len(t, pods, 5)
	before := podNames(pods)
	for _, p := range pods {
		assert.Regexp(t, `^demo-clone-[a-z0-9]{5}$`, p.Name)
		assert.Equal(t, strings.TrimPrefix(p.Name, "demo-clone-"), p.Labels["apps.kruise.io/cloneset-instance-id"])
		assert.True(t, strings.HasPrefix(p.Labels["controller-revision-hash"], "demo-clone-"))
		assert.Equal(t, strings.TrimPrefix(p.Labels["controller-revision-hash"], "demo-clone-"), p.Labels["pod-template-hash"])
		assert.Equal(t, "Normal", p.Labels["lifecycle.apps.kruise.io/state"])
		assert.Contains(t, p.Spec.ReadinessGates, v1.PodReadinessGate{ConditionType: "InPlaceUpdateReady"})
		require.Len(t, p.OwnerReferences, 1)
		assert.Equal(t, "CloneSet", p.OwnerReferences[0].Kind)
	}

	tracker := trackPods(t, kube, ns, "app=guestbook")
	tracker.arm()
	setImage(t, ns, "cloneset.v1alpha1.apps.kruise.io", "demo-clone", "guestbook", demoImage+":1.10.3")
	waitColumns(t, ns, "demo-clone", "5 5 5 5 5", 4*time.Minute)
	eventually(t, time.Minute, "every pod is ready with the new image", func() bool {
		pods := listPods(t, ns, "app=guestbook")
		if len(pods) != 5 {
			return false
		}
		for _, p := range pods {
			if !podReady(&p) || len(p.Status.ContainerStatuses) != 1 || !strings.HasSuffix(p.Status.ContainerStatuses[0].Image, ":1.10.3") {
				return false
			}
		}
		return true
	})

	after := listPods(t, ns, "app=guestbook")
	assert.Equal(t, before, podNames(after), "the same five pods (names and UIDs)")
	for _, p := range after {
		assert.Equal(t, int32(1), p.Status.ContainerStatuses[0].RestartCount, "pod %s restarted its container once", p.Name)
		assert.Contains(t, p.Annotations["apps.kruise.io/inplace-update-state"], `"revision":"`+p.Labels["controller-revision-hash"]+`"`)
	}
	maxPods, maxNotReady, uids := tracker.stats()
	assert.Equal(t, 5, maxPods)
	assert.Equal(t, 5, uids, "no pod was recreated")
	assert.LessOrEqual(t, maxNotReady, 1, "maxUnavailable 20% of 5: at most one pod out of service at a time")
	assert.GreaterOrEqual(t, maxNotReady, 1, "each in-place update takes its pod out of service first")
}

// TestCloneSetScalingWithPVCs: per-instance PVCs named after the pod, removed with scale-down,
// reused by a recreated instance through the v1alpha1 default (disablePVCReuse: false) and
// replaced otherwise.
func TestCloneSetScalingWithPVCs(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-pvc")
	vct := `  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}`
	mustKubectl(t, cloneSet("reuse", 3, vct, ""), "-n", ns, "apply", "-f", "-")
	eventually(t, time.Minute, "3 pods and 3 PVCs", func() bool {
		return len(listPods(t, ns, "app=reuse")) == 3 && len(pvcs(t, ns, "app=reuse")) == 3
	})
	for _, p := range listPods(t, ns, "app=reuse") {
		id := p.Labels["apps.kruise.io/cloneset-instance-id"]
		claim := "data-reuse-" + id
		assert.Contains(t, pvcs(t, ns, "app=reuse"), claim)
		var found bool
		for _, vol := range p.Spec.Volumes {
			found = found || (vol.Name == "data" && vol.PersistentVolumeClaim != nil && vol.PersistentVolumeClaim.ClaimName == claim)
		}
		assert.True(t, found, "pod %s mounts %s", p.Name, claim)
	}

	mustKubectl(t, "", "-n", ns, "scale", "clone", "reuse", "--replicas=1")
	eventually(t, time.Minute, "scale-down removes pods and their PVCs", func() bool {
		return len(listPods(t, ns, "app=reuse")) == 1 && len(pvcs(t, ns, "app=reuse")) == 1
	})

	// v1beta1 default: no reuse, the orphaned PVC goes and the instance gets a new id.
	victim := listPods(t, ns, "app=reuse")[0]
	mustKubectl(t, "", "-n", ns, "delete", "pod", victim.Name, "--wait=false")
	eventually(t, time.Minute, "a new instance with a new PVC", func() bool {
		pods := listPods(t, ns, "app=reuse")
		claims := pvcs(t, ns, "app=reuse")
		return len(pods) == 1 && pods[0].Name != victim.Name && len(claims) == 1 && claims[0] == "data-"+pods[0].Name
	})

	// With reuse on, the recreated instance keeps its id, name and PVC.
	mustKubectl(t, "", "-n", ns, "patch", "clone", "reuse", "--type=merge", "-p", `{"spec":{"scaleStrategy":{"enablePVCReuse":true}}}`)
	victim = listPods(t, ns, "app=reuse")[0]
	mustKubectl(t, "", "-n", ns, "delete", "pod", victim.Name, "--wait=false")
	eventually(t, time.Minute, "the instance comes back with its PVC", func() bool {
		pods := listPods(t, ns, "app=reuse")
		return len(pods) == 1 && pods[0].Name == victim.Name && pods[0].UID != victim.UID
	})
	assert.Equal(t, []string{"data-" + victim.Name}, pvcs(t, ns, "app=reuse"))
}

func pvcs(t *testing.T, ns, selector string) []string {
	kube, _ := clients(t)
	l, err := kube.CoreV1().PersistentVolumeClaims(ns).List(context.Background(), metav1.ListOptions{LabelSelector: selector})
	require.NoError(t, err)
	var out []string
	for _, c := range l.Items {
		if c.DeletionTimestamp == nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// TestCloneSetStreamScaling: with scaleStrategy.maxUnavailable 2, scaling up creates new pods only
// while fewer than two pods are not ready.
func TestCloneSetStreamScaling(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-stream")
	kube, _ := clients(t)
	mustKubectl(t, cloneSet("stream", 5, "  scaleStrategy: {maxUnavailable: 2}", "      readinessGates: [{conditionType: e2e.kruise.io/ready}]"), "-n", ns, "apply", "-f", "-")

	release := func(n int) {
		released := 0
		for _, p := range listPods(t, ns, "app=stream") {
			if released == n {
				return
			}
			if podReady(&p) || len(p.Status.Conditions) == 0 {
				continue
			}
			patch := `{"status":{"conditions":[{"type":"e2e.kruise.io/ready","status":"True"}]}}`
			_, err := kube.CoreV1().Pods(ns).Patch(context.Background(), p.Name, "application/strategic-merge-patch+json", []byte(patch), metav1.PatchOptions{}, "status")
			require.NoError(t, err)
			released++
		}
	}
	for _, want := range []int{2, 4, 5} {
		eventually(t, time.Minute, fmt.Sprintf("%d pods", want), func() bool {
			cs := getCloneSet(t, ns, "stream")
			return cs.Status.Replicas == int32(want) && cs.Status.ObservedGeneration == cs.Generation
		})
		notReady := 0
		for _, p := range listPods(t, ns, "app=stream") {
			if !podReady(&p) {
				notReady++
			}
		}
		assert.LessOrEqual(t, notReady, 2, "never more than scaleStrategy.maxUnavailable new pods not ready")
		eventually(t, 30*time.Second, "pods started", func() bool {
			for _, p := range listPods(t, ns, "app=stream") {
				if len(p.Status.Conditions) == 0 {
					return false
				}
			}
			return true
		})
		release(2)
	}
	eventually(t, time.Minute, "all 5 ready", func() bool { return getCloneSet(t, ns, "stream").Status.ReadyReplicas == 5 })
}

func getCloneSet(t *testing.T, ns, name string) *appsv1beta1.CloneSet {
	_, kruise := clients(t)
	cs, err := kruise.AppsV1beta1().CloneSets(ns).Get(context.Background(), name, metav1.GetOptions{})
	require.NoError(t, err)
	return cs
}

// TestCloneSetSelectiveDeletion: podsToDelete and the specified-delete label replace the named
// pods; on scale-down they are the ones removed, then the cheapest by pod-deletion-cost.
func TestCloneSetSelectiveDeletion(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-delete")
	mustKubectl(t, cloneSet("sel", 4, "", ""), "-n", ns, "apply", "-f", "-")
	waitColumns(t, ns, "sel", "4 4 4 4 4", time.Minute)

	pods := listPods(t, ns, "app=sel")
	named, labelled := pods[0].Name, pods[1].Name
	mustKubectl(t, "", "-n", ns, "patch", "clone", "sel", "--type=merge", "-p", fmt.Sprintf(`{"spec":{"scaleStrategy":{"podsToDelete":[%q]}}}`, named))
	mustKubectl(t, "", "-n", ns, "label", "pod", labelled, "apps.kruise.io/specified-delete=true")
	eventually(t, time.Minute, "both pods replaced", func() bool {
		now := podNames(listPods(t, ns, "app=sel"))
		_, a := now[named]
		_, b := now[labelled]
		return len(now) == 4 && !a && !b
	})
	eventually(t, 30*time.Second, "podsToDelete is emptied once the pod is gone", func() bool {
		return len(getCloneSet(t, ns, "sel").Spec.ScaleStrategy.PodsToDelete) == 0
	})
	waitColumns(t, ns, "sel", "4 4 4 4 4", time.Minute)

	pods = listPods(t, ns, "app=sel")
	specified, cheap := pods[0].Name, pods[1].Name
	mustKubectl(t, "", "-n", ns, "annotate", "pod", cheap, "controller.kubernetes.io/pod-deletion-cost=-100")
	mustKubectl(t, "", "-n", ns, "patch", "clone", "sel", "--type=merge", "-p",
		fmt.Sprintf(`{"spec":{"replicas":2,"scaleStrategy":{"podsToDelete":[%q]}}}`, specified))
	eventually(t, time.Minute, "scale-down removes the specified pod, then the cheapest", func() bool {
		now := podNames(listPods(t, ns, "app=sel"))
		_, a := now[specified]
		_, b := now[cheap]
		return len(now) == 2 && !a && !b
	})
}

// TestCloneSetRecreateUpdateWithPartitionSurgeAndPause: ReCreate with partition 2 and maxSurge 1
// replaces two of four pods (never running more than five), pausing stops the rollout, and
// resuming with partition 0 finishes it and removes the surge pod.
func TestCloneSetRecreateUpdateWithPartitionSurgeAndPause(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-recreate")
	kube, _ := clients(t)
	spec := `  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {podUpdatePolicy: ReCreate, partition: 2, maxSurge: 1, maxUnavailable: 0}`
	mustKubectl(t, cloneSet("rc", 4, spec, ""), "-n", ns, "apply", "-f", "-")
	waitColumns(t, ns, "rc", "4 4 4 4 4", time.Minute)
	tracker := trackPods(t, kube, ns, "app=rc")
	tracker.arm()
	original := podNames(listPods(t, ns, "app=rc"))

	setImage(t, ns, "clone", "rc", "app", demoImage+":1.10.3")
	waitColumns(t, ns, "rc", "4 2 2 4 4", time.Minute)
	cs := getCloneSet(t, ns, "rc")
	assert.Equal(t, int32(2), cs.Status.ExpectedUpdatedReplicas)
	assert.NotEqual(t, cs.Status.CurrentRevision, cs.Status.UpdateRevision, "the partition keeps the old revision current")
	kept := 0
	for name := range podNames(listPods(t, ns, "app=rc")) {
		if _, ok := original[name]; ok {
			kept++
		}
	}
	assert.Equal(t, 2, kept, "two old pods stay behind the partition")

	mustKubectl(t, "", "-n", ns, "patch", "clone", "rc", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"paused":true,"partition":0}}}}`)
	eventually(t, 30*time.Second, "the paused CloneSet observed its spec", func() bool {
		cs := getCloneSet(t, ns, "rc")
		return cs.Status.ObservedGeneration == cs.Generation
	})
	assert.Equal(t, "4 2 2 4 4", cloneSetColumns(t, ns, "rc"), "paused: no more pods updated")

	mustKubectl(t, "", "-n", ns, "patch", "clone", "rc", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"paused":false}}}}`)
	waitColumns(t, ns, "rc", "4 4 4 4 4", time.Minute)
	cs = getCloneSet(t, ns, "rc")
	assert.Equal(t, cs.Status.UpdateRevision, cs.Status.CurrentRevision)
	maxPods, maxNotReady, _ := tracker.stats()
	assert.LessOrEqual(t, maxPods, 5, "maxSurge 1")
	assert.GreaterOrEqual(t, maxPods, 5, "the surge pod was used")
	assert.Equal(t, 0, maxNotReady-max(0, maxPods-4), "maxUnavailable 0: every not-ready pod is a surge pod")
}

// TestCloneSetInPlaceOnlyFollowsPriorityAndNeverRecreates: the heaviest pod by weightPriority is
// updated first, every pod is updated in place, and a change that cannot be made in place is refused.
func TestCloneSetInPlaceOnlyFollowsPriorityAndNeverRecreates(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-inplace-only")
	spec := `  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      podUpdatePolicy: InPlaceOnly
      partition: 3
      priorityStrategy:
        weightPriority:
        - weight: 50
          matchSelector: {matchLabels: {e2e-priority: high}}`
	mustKubectl(t, cloneSet("ipo", 4, spec, ""), "-n", ns, "apply", "-f", "-")
	waitColumns(t, ns, "ipo", "4 4 4 4 4", time.Minute)
	pods := listPods(t, ns, "app=ipo")
	original := podNames(pods)
	favourite := pods[2].Name
	mustKubectl(t, "", "-n", ns, "label", "pod", favourite, "e2e-priority=high")

	setImage(t, ns, "clone", "ipo", "app", demoImage+":1.10.3")
	waitColumns(t, ns, "ipo", "4 1 1 4 4", time.Minute)
	for _, p := range listPods(t, ns, "app=ipo") {
		updated := strings.HasSuffix(p.Spec.Containers[0].Image, ":1.10.3")
		assert.Equal(t, p.Name == favourite, updated, "only the high-priority pod %s is updated, got %s", favourite, p.Name)
	}

	mustKubectl(t, "", "-n", ns, "patch", "clone", "ipo", "--type=merge", "-p",
		`{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}`)
	waitColumns(t, ns, "ipo", "4 4 4 4 4", time.Minute)
	_, err := kubectl(t, "", "-n", ns, "patch", "clone", "ipo", "--type=strategic", "-p",
		`{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"NEW","value":"x"}]}]}}}}`)
	require.Error(t, err, "a change that needs recreation is refused under InPlaceOnly")
	assert.Contains(t, err.Error(), "only container images may change when podUpdatePolicy is InPlaceOnly")
	assert.Equal(t, original, podNames(listPods(t, ns, "app=ipo")), "InPlaceOnly never recreates a pod")
}

// TestCloneSetLifecycleHooks walks a pod through PreparingNormal, PreparingUpdate/Updated and
// PreparingDelete, each held by the e2e-hook label until it is removed or added back.
func TestCloneSetLifecycleHooks(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-lifecycle")
	spec := `  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {podUpdatePolicy: InPlaceIfPossible}
  lifecycle:
    preNormal: {labelsHandler: {e2e-hook: "on"}}
    inPlaceUpdate: {labelsHandler: {e2e-hook: "on"}}
    preDelete: {labelsHandler: {e2e-hook: "on"}, markPodNotReady: true}`
	mustKubectl(t, cloneSet("hook", 1, spec, ""), "-n", ns, "apply", "-f", "-")
	state := func() (string, string) {
		pods := listPods(t, ns, "app=hook")
		if len(pods) != 1 {
			return "", ""
		}
		return pods[0].Name, pods[0].Labels["lifecycle.apps.kruise.io/state"]
	}
	waitState := func(want string) string {
		var name, got string
		eventually(t, time.Minute, "lifecycle state "+want, func() bool { name, got = state(); return got == want })
		return name
	}
	pod := waitState("PreparingNormal")
	assert.Contains(t, listPods(t, ns, "app=hook")[0].Spec.ReadinessGates, v1.PodReadinessGate{ConditionType: "KruisePodReady"})
	mustKubectl(t, "", "-n", ns, "label", "pod", pod, "e2e-hook=on")
	waitState("Normal")
	waitColumns(t, ns, "hook", "1 1 1 1 1", time.Minute)

	setImage(t, ns, "clone", "hook", "app", demoImage+":1.10.3")
	waitState("PreparingUpdate")
	assert.True(t, strings.HasSuffix(listPods(t, ns, "app=hook")[0].Spec.Containers[0].Image, ":1.10.2"), "the hook holds the update")
	mustKubectl(t, "", "-n", ns, "label", "pod", pod, "e2e-hook-")
	waitState("Updated")
	assert.True(t, strings.HasSuffix(listPods(t, ns, "app=hook")[0].Spec.Containers[0].Image, ":1.10.3"))
	mustKubectl(t, "", "-n", ns, "label", "pod", pod, "e2e-hook=on")
	waitState("Normal")

	mustKubectl(t, "", "-n", ns, "scale", "clone", "hook", "--replicas=0")
	waitState("PreparingDelete")
	eventually(t, 30*time.Second, "markPodNotReady takes the pod out of service", func() bool {
		pods := listPods(t, ns, "app=hook")
		return len(pods) == 1 && !podReady(&pods[0])
	})
	mustKubectl(t, "", "-n", ns, "label", "pod", pod, "e2e-hook-")
	eventually(t, time.Minute, "the released pod is deleted", func() bool { return len(listPods(t, ns, "app=hook")) == 0 })
}

// TestCloneSetProgressDeadline: a rollout whose pods never become ready turns Progressing False
// with ProgressDeadlineExceeded; the scale subresource and status.labelSelector serve the HPA.
func TestCloneSetProgressDeadlineAndScale(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "clone-progress")
	mustKubectl(t, cloneSet("prog", 2, "  progressDeadlineSeconds: 5", ""), "-n", ns, "apply", "-f", "-")
	waitColumns(t, ns, "prog", "2 2 2 2 2", time.Minute)
	eventually(t, 30*time.Second, "Progressing True, CloneSetAvailable", func() bool {
		c := findCondition(getCloneSet(t, ns, "prog"), "Progressing")
		return c != nil && c.Status == "True" && c.Reason == "CloneSetAvailable"
	})
	mustKubectl(t, "", "-n", ns, "patch", "clone", "prog", "--type=strategic", "-p",
		`{"spec":{"template":{"spec":{"readinessGates":[{"conditionType":"e2e.kruise.io/never"}]}}}}`)
	eventually(t, 45*time.Second, "ProgressDeadlineExceeded", func() bool {
		c := findCondition(getCloneSet(t, ns, "prog"), "Progressing")
		return c != nil && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded"
	})

	mustKubectl(t, "", "-n", ns, "scale", "clone", "prog", "--replicas=3")
	scale := mustKubectl(t, "", "get", "--raw", "/apis/apps.kruise.io/v1beta1/namespaces/"+ns+"/clonesets/prog/scale")
	assert.Contains(t, scale, `"replicas":3`)
	assert.Contains(t, scale, `"selector":"app=prog"`)
}

func findCondition(cs *appsv1beta1.CloneSet, t string) *appsv1beta1.CloneSetCondition {
	for i := range cs.Status.Conditions {
		if string(cs.Status.Conditions[i].Type) == t {
			return &cs.Status.Conditions[i]
		}
	}
	return nil
}

// TestCloneSetUpdateSurvivesControllerRestart kills kruise-controller in the middle of a 100-pod
// in-place update and restarts it: the update completes, no pod is created or recreated, and
// maxUnavailable (10) is never exceeded.
func TestCloneSetUpdateSurvivesControllerRestart(t *testing.T) {
	ns := namespace(t, "clone-crash")
	kube, _ := clients(t)
	spec := `  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {podUpdatePolicy: InPlaceIfPossible, maxUnavailable: 10}`
	mustKubectl(t, cloneSet("crash", 100, spec, ""), "-n", ns, "apply", "-f", "-")
	waitColumns(t, ns, "crash", "100 100 100 100 100", 3*time.Minute)
	tracker := trackPods(t, kube, ns, "app=crash")
	tracker.arm()

	setImage(t, ns, "clone", "crash", "app", demoImage+":1.10.3")
	eventually(t, 2*time.Minute, "the update is under way", func() bool { return getCloneSet(t, ns, "crash").Status.UpdatedReplicas >= 20 })
	env := killController(t)
	updatedAtKill := getCloneSet(t, ns, "crash").Status.UpdatedReplicas
	restartLocalUp(t, env)

	waitColumns(t, ns, "crash", "100 100 100 100 100", 3*time.Minute)
	assert.Less(t, updatedAtKill, int32(100), "the controller was killed mid-update")
	maxPods, maxNotReady, uids := tracker.stats()
	assert.Equal(t, 100, maxPods, "no extra pod was created")
	assert.Equal(t, 100, uids, "no pod was recreated")
	assert.LessOrEqual(t, maxNotReady, 10, "maxUnavailable 10 held through the restart")
}
