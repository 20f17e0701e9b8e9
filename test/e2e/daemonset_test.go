package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
)

// Each Advanced DaemonSet case puts its own label on a few kwok nodes and selects only those, so
// cases running beside other suites' pods and nodes see exactly the nodes they chose.

// adsNamespace is a fresh namespace; the suffix lets a rerun start while the last run's namespace
// is still terminating.
func adsNamespace(t *testing.T, name string) string {
	return namespace(t, fmt.Sprintf("%s-%d", name, time.Now().UnixNano()%100000))
}

// adsLabelNodes labels the given kwok nodes key=true until the test ends.
func adsLabelNodes(t *testing.T, key string, nodes ...string) {
	t.Helper()
	mustKubectl(t, "", append([]string{"label", "node", "--overwrite"}, append(nodes, key+"=true")...)...)
	t.Cleanup(func() { _, _ = kubectl(t, "", append([]string{"label", "node"}, append(nodes, key+"-")...)...) })
}

// adsManifest is an Advanced DaemonSet running image on the kwok nodes labelled nodeKey=true;
// strategy is the YAML of spec.updateStrategy (indented by four spaces) and extra more spec lines.
func adsManifest(apiVersion, name, nodeKey, image, strategy, extra string) string {
	return fmt.Sprintf(`apiVersion: apps.kruise.io/%s
kind: DaemonSet
metadata:
  name: %s
spec:
  selector:
    matchLabels: {app: %s}
  template:
    metadata:
      labels: {app: %s}
    spec:
      nodeSelector: {type: kwok, %s: "true"}
      tolerations: [{key: kwok.x-k8s.io/node, operator: Exists}]
      containers: [{name: main, image: %s}]
  updateStrategy:
%s
%s`, apiVersion, name, name, name, nodeKey, image, strategy, extra)
}

type adsStatus struct {
	ObservedGeneration     int64  `json:"observedGeneration"`
	DesiredNumberScheduled int32  `json:"desiredNumberScheduled"`
	CurrentNumberScheduled int32  `json:"currentNumberScheduled"`
	NumberReady            int32  `json:"numberReady"`
	UpdatedNumberScheduled int32  `json:"updatedNumberScheduled"`
	NumberAvailable        int32  `json:"numberAvailable"`
	UpdateRevision         string `json:"updateRevision"`
}

func adsGetStatus(t *testing.T, ns, name string) (generation int64, s adsStatus) {
	t.Helper()
	var obj struct {
		Metadata struct {
			Generation int64 `json:"generation"`
		} `json:"metadata"`
		Status adsStatus `json:"status"`
	}
	require.NoError(t, json.Unmarshal([]byte(mustKubectl(t, "", "-n", ns, "get", "daemonsets.v1beta1.apps.kruise.io", name, "-o", "json")), &obj))
	return obj.Metadata.Generation, obj.Status
}

// adsWaitStatus waits until the DaemonSet's status of its current generation satisfies cond.
func adsWaitStatus(t *testing.T, ns, name, what string, cond func(s adsStatus) bool) adsStatus {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		gen, s := adsGetStatus(t, ns, name)
		if s.ObservedGeneration == gen && cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: last status %+v (generation %d)", what, s, gen)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// adsRolledOut: every desired node runs an available pod of the update revision.
func adsRolledOut(desired int32) func(adsStatus) bool {
	return func(s adsStatus) bool {
		return s.DesiredNumberScheduled == desired && s.CurrentNumberScheduled == desired && s.UpdatedNumberScheduled == desired &&
			s.NumberReady == desired && s.NumberAvailable == desired
	}
}

func adsPods(t *testing.T, ns, name string) []v1.Pod {
	t.Helper()
	var list v1.PodList
	require.NoError(t, json.Unmarshal([]byte(mustKubectl(t, "", "-n", ns, "get", "pods", "-l", "app="+name, "-o", "json")), &list))
	return list.Items
}

// adsImagesByNode maps node name to the image of its live daemon pod.
func adsImagesByNode(t *testing.T, ns, name string) map[string]string {
	out := map[string]string{}
	for _, p := range adsPods(t, ns, name) {
		if p.DeletionTimestamp == nil {
			out[p.Spec.NodeName] = p.Spec.Containers[0].Image
		}
	}
	return out
}

// adsDescribe says which pods a node has, for failure messages.
func adsDescribe(pods []v1.Pod, node string) string {
	var out []string
	for _, p := range pods {
		if p.Spec.NodeName != node {
			continue
		}
		ready := "unready"
		for _, c := range p.Status.Conditions {
			if c.Type == v1.PodReady && c.Status == v1.ConditionTrue {
				ready = "ready"
			}
		}
		out = append(out, fmt.Sprintf("%s(%s %s %s deleting=%v)", p.Name, p.Spec.Containers[0].Image, p.Status.Phase, ready, p.DeletionTimestamp != nil))
	}
	return strings.Join(out, ", ")
}

func adsPatchImage(t *testing.T, ns, name, image string) {
	mustKubectl(t, "", "-n", ns, "patch", "daemon", name, "--type=merge", "-p",
		fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":"main","image":%q}]}}}}`, image))
}

func TestAdvancedDaemonSetCanaryUpdatesOneZoneThenWidens(t *testing.T) {
	ns := adsNamespace(t, "ads-canary")
	nodes := []string{"kwok-node-0", "kwok-node-1", "kwok-node-2", "kwok-node-3", "kwok-node-4", "kwok-node-5"}
	adsLabelNodes(t, "e2e-ds-canary", nodes...)
	mustKubectl(t, adsManifest("v1beta1", "canary", "e2e-ds-canary", "nginx:1", `    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 2
      selector:
        matchLabels: {topology.kubernetes.io/zone: zone-a}`, ""), "-n", ns, "create", "-f", "-")
	adsWaitStatus(t, ns, "canary", "six pods up", adsRolledOut(6))

	out := mustKubectl(t, "", "-n", ns, "get", "daemon", "canary")
	assert.Equal(t, []string{"NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}, header(out))
	assert.Regexp(t, `(?m)^canary\s+6\s+6\s+6\s+6\s+6\s+`, out)
	for _, p := range adsPods(t, ns, "canary") {
		assert.NotEmpty(t, p.Labels["controller-revision-hash"], p.Name)
		assert.Contains(t, p.GenerateName, "canary-")
	}

	adsPatchImage(t, ns, "canary", "nginx:2")
	adsWaitStatus(t, ns, "canary", "the zone-a nodes updated", func(s adsStatus) bool {
		return s.UpdatedNumberScheduled == 2 && s.NumberAvailable == 6
	})
	images := adsImagesByNode(t, ns, "canary")
	assert.Equal(t, map[string]string{
		"kwok-node-0": "nginx:2", "kwok-node-3": "nginx:2", // zone-a
		"kwok-node-1": "nginx:1", "kwok-node-4": "nginx:1", "kwok-node-2": "nginx:1", "kwok-node-5": "nginx:1",
	}, images)

	mustKubectl(t, "", "-n", ns, "patch", "daemon", "canary", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"selector":null}}}}`)
	adsWaitStatus(t, ns, "canary", "every node updated", adsRolledOut(6))
	for node, image := range adsImagesByNode(t, ns, "canary") {
		assert.Equal(t, "nginx:2", image, node)
	}
}

func TestAdvancedDaemonSetPartitionedInPlaceRolloutStopsAtThePartition(t *testing.T) {
	ns := adsNamespace(t, "ads-partition")
	adsLabelNodes(t, "e2e-ds-partition", "kwok-node-0", "kwok-node-1", "kwok-node-2", "kwok-node-3")
	mustKubectl(t, adsManifest("v1beta1", "part", "e2e-ds-partition", "nginx:1", `    type: RollingUpdate
    rollingUpdate:
      rollingUpdateType: InPlaceIfPossible
      maxUnavailable: 50%
      partition: 2`, ""), "-n", ns, "create", "-f", "-")
	adsWaitStatus(t, ns, "part", "four pods up", adsRolledOut(4))
	uids := map[string]string{}
	for _, p := range adsPods(t, ns, "part") {
		uids[p.Spec.NodeName] = string(p.UID)
		assert.Contains(t, p.Spec.ReadinessGates, v1.PodReadinessGate{ConditionType: "InPlaceUpdateReady"})
	}

	adsPatchImage(t, ns, "part", "nginx:2")
	st := adsWaitStatus(t, ns, "part", "the rollout stops at the partition", func(s adsStatus) bool {
		return s.UpdatedNumberScheduled == 2 && s.NumberAvailable == 4
	})
	updated := 0
	for _, p := range adsPods(t, ns, "part") {
		assert.Equal(t, uids[p.Spec.NodeName], string(p.UID), "updated in place, not recreated: %s", p.Name)
		if p.Spec.Containers[0].Image == "nginx:2" {
			updated++
			assert.Equal(t, st.UpdateRevision, p.Labels["controller-revision-hash"])
			assert.Contains(t, p.Annotations, "apps.kruise.io/inplace-update-state")
			require.Len(t, p.Status.ContainerStatuses, 1)
			assert.Equal(t, int32(1), p.Status.ContainerStatuses[0].RestartCount)
		}
	}
	assert.Equal(t, 2, updated)
	require.Never(t, func() bool {
		_, s := adsGetStatus(t, ns, "part")
		return s.UpdatedNumberScheduled != 2
	}, 2*time.Second, 500*time.Millisecond, "the partition holds")

	mustKubectl(t, "", "-n", ns, "patch", "daemon", "part", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}`)
	adsWaitStatus(t, ns, "part", "every node updated", adsRolledOut(4))
	for _, p := range adsPods(t, ns, "part") {
		assert.Equal(t, uids[p.Spec.NodeName], string(p.UID), p.Name)
		assert.Equal(t, "nginx:2", p.Spec.Containers[0].Image, p.Name)
	}
}

// The deprecated v1alpha1 Surging type reads as Standard with maxSurge 1 and maxUnavailable 0.
func TestAdvancedDaemonSetSurgeKeepsEveryNodeServed(t *testing.T) {
	ns := adsNamespace(t, "ads-surge")
	nodes := []string{"kwok-node-0", "kwok-node-1", "kwok-node-2"}
	adsLabelNodes(t, "e2e-ds-surge", nodes...)
	mustKubectl(t, adsManifest("v1alpha1", "surge", "e2e-ds-surge", "nginx:1", `    type: RollingUpdate
    rollingUpdate:
      rollingUpdateType: Surging`, "  minReadySeconds: 1\n"), "-n", ns, "create", "-f", "-")
	assert.Equal(t, "Standard 1 0", mustKubectl(t, "", "-n", ns, "get", "daemonsets.v1beta1.apps.kruise.io", "surge", "-o",
		"jsonpath={.spec.updateStrategy.rollingUpdate.rollingUpdateType} {.spec.updateStrategy.rollingUpdate.maxSurge} {.spec.updateStrategy.rollingUpdate.maxUnavailable}"))
	adsWaitStatus(t, ns, "surge", "three pods up", adsRolledOut(3))

	// Sample the pods all through the rollout: every node must always have a Ready pod.
	stop := make(chan struct{})
	var mu sync.Mutex
	var gaps []string
	var sampled int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			out, err := kubectl(t, "", "-n", ns, "get", "pods", "-l", "app=surge", "-o", "json")
			if err != nil {
				continue
			}
			var list v1.PodList
			if json.Unmarshal([]byte(out), &list) != nil {
				continue
			}
			// A node that is or just was NotReady (a kwok heartbeat late on a loaded machine) has its
			// pods marked not ready by the node lifecycle controller: no DaemonSet can serve it then.
			healthy := map[string]bool{}
			if out, err := kubectl(t, "", "get", "nodes", "-l", "e2e-ds-surge=true", "-o", "json"); err == nil {
				var nodeList v1.NodeList
				if json.Unmarshal([]byte(out), &nodeList) == nil {
					for _, n := range nodeList.Items {
						for _, c := range n.Status.Conditions {
							if c.Type == v1.NodeReady && c.Status == v1.ConditionTrue && time.Since(c.LastTransitionTime.Time) > 10*time.Second {
								healthy[n.Name] = true
							}
						}
					}
				}
			}
			ready := map[string]bool{}
			for _, p := range list.Items {
				for _, c := range p.Status.Conditions {
					if c.Type == v1.PodReady && c.Status == v1.ConditionTrue && p.DeletionTimestamp == nil {
						ready[p.Spec.NodeName] = true
					}
				}
			}
			mu.Lock()
			sampled++
			for _, n := range nodes {
				if healthy[n] && !ready[n] {
					gaps = append(gaps, fmt.Sprintf("%s at %s: %s", n, time.Now().Format("15:04:05.000"), adsDescribe(list.Items, n)))
				}
			}
			mu.Unlock()
		}
	}()
	adsPatchImage(t, ns, "surge", "nginx:2")
	adsWaitStatus(t, ns, "surge", "every node updated", adsRolledOut(3))
	close(stop)
	wg.Wait()
	assert.Greater(t, sampled, 3)
	assert.Empty(t, gaps, "nodes seen without a Ready pod")
	assert.Equal(t, map[string]string{"kwok-node-0": "nginx:2", "kwok-node-1": "nginx:2", "kwok-node-2": "nginx:2"}, adsImagesByNode(t, ns, "surge"))
	require.Eventually(t, func() bool { return len(adsPods(t, ns, "surge")) == 3 }, 30*time.Second, 300*time.Millisecond, "the old pods are gone")
	assert.NotEmpty(t, mustKubectl(t, "", "-n", ns, "get", "daemonsets.v1alpha1.apps.kruise.io", "surge", "-o", "jsonpath={.status.daemonSetHash}"))
}

func TestAdvancedDaemonSetNodeAddedMidRolloutGetsAPodUnderPartitionControl(t *testing.T) {
	ns := adsNamespace(t, "ads-newnode")
	adsLabelNodes(t, "e2e-ds-newnode", "kwok-node-0", "kwok-node-1", "kwok-node-2")
	mustKubectl(t, adsManifest("v1beta1", "grow", "e2e-ds-newnode", "nginx:1", `    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
      partition: 2`, "  scaleStrategy: {partitionedScaling: true}\n"), "-n", ns, "create", "-f", "-")
	adsWaitStatus(t, ns, "grow", "partitioned scaling creates desired-partition pods", func(s adsStatus) bool {
		return s.DesiredNumberScheduled == 3 && s.CurrentNumberScheduled == 1 && s.NumberAvailable == 1
	})
	mustKubectl(t, "", "-n", ns, "patch", "daemon", "grow", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}`)
	adsWaitStatus(t, ns, "grow", "three pods up", adsRolledOut(3))

	mustKubectl(t, "", "-n", ns, "patch", "daemon", "grow", "--type=merge", "-p",
		`{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}},"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}`)
	st := adsWaitStatus(t, ns, "grow", "one node updated, two held by the partition", func(s adsStatus) bool {
		return s.UpdatedNumberScheduled == 1 && s.NumberAvailable == 3
	})
	assert.Equal(t, "nginx:2", adsImagesByNode(t, ns, "grow")["kwok-node-2"], "the highest node name goes first")

	// A node like hack/local-up.sh's kwok nodes, with the test's label.
	const extra = "kwok-node-e2e-ds-extra"
	mustKubectl(t, `apiVersion: v1
kind: Node
metadata:
  name: `+extra+`
  annotations: {kwok.x-k8s.io/node: fake}
  labels: {type: kwok, kubernetes.io/hostname: `+extra+`, topology.kubernetes.io/zone: zone-a, e2e-ds-newnode: "true"}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
`, "create", "-f", "-")
	t.Cleanup(func() { _, _ = kubectl(t, "", "delete", "node", extra, "--wait=false") })

	// desired 4 - partition 2 leaves room for 2 updated pods: the new node gets one.
	adsWaitStatus(t, ns, "grow", "the new node runs an updated pod", func(s adsStatus) bool {
		return s.DesiredNumberScheduled == 4 && s.UpdatedNumberScheduled == 2 && s.NumberAvailable == 4
	})
	images := adsImagesByNode(t, ns, "grow")
	assert.Equal(t, "nginx:2", images[extra])
	for _, p := range adsPods(t, ns, "grow") {
		if p.Spec.NodeName == extra {
			assert.Equal(t, st.UpdateRevision, p.Labels["controller-revision-hash"])
		}
	}
	assert.Equal(t, "nginx:1", images["kwok-node-0"])
	assert.Equal(t, "nginx:1", images["kwok-node-1"])

	mustKubectl(t, "", "-n", ns, "patch", "daemon", "grow", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}`)
	adsWaitStatus(t, ns, "grow", "every node updated", adsRolledOut(4))

	mustKubectl(t, "", "delete", "node", extra, "--wait=false")
	adsWaitStatus(t, ns, "grow", "the removed node is no longer desired", func(s adsStatus) bool {
		return s.DesiredNumberScheduled == 3 && strings.TrimSpace(s.UpdateRevision) != ""
	})
}

// TestAdvancedDaemonSetPauseRestartAndOnDelete: a paused rollout updates nothing; unpaused while
// kruise-controller is down, it completes in place after the restart with no pod recreated; under
// OnDelete a new template reaches only the pods the user deletes.
func TestAdvancedDaemonSetPauseRestartAndOnDelete(t *testing.T) {
	ns := adsNamespace(t, "ads-restart")
	kube, _ := clients(t)
	adsLabelNodes(t, "e2e-ds-restart", "kwok-node-3", "kwok-node-4", "kwok-node-5")
	mustKubectl(t, adsManifest("v1beta1", "rst", "e2e-ds-restart", "nginx:1", `    type: RollingUpdate
    rollingUpdate: {rollingUpdateType: InPlaceIfPossible, maxUnavailable: 1, paused: true}`, ""), "-n", ns, "create", "-f", "-")
	adsWaitStatus(t, ns, "rst", "three pods up while paused", adsRolledOut(3))
	tracker := trackPods(t, kube, ns, "app=rst")

	adsPatchImage(t, ns, "rst", "nginx:2")
	st := adsWaitStatus(t, ns, "rst", "the new revision observed", func(s adsStatus) bool { return s.DesiredNumberScheduled == 3 })
	assert.Equal(t, int32(0), st.UpdatedNumberScheduled, "paused: no pod updated")

	env := killController(t)
	mustKubectl(t, "", "-n", ns, "patch", "daemon", "rst", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"paused":false}}}}`)
	restartLocalUp(t, env)
	adsWaitStatus(t, ns, "rst", "the rollout completes after the restart", adsRolledOut(3))
	maxPods, _, uids := tracker.stats()
	assert.Equal(t, 3, maxPods)
	assert.Equal(t, 3, uids, "updated in place: no pod recreated")

	mustKubectl(t, "", "-n", ns, "patch", "daemon", "rst", "--type=merge", "-p", `{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}`)
	adsPatchImage(t, ns, "rst", "nginx:3")
	st = adsWaitStatus(t, ns, "rst", "OnDelete observed", func(s adsStatus) bool { return s.DesiredNumberScheduled == 3 })
	assert.Equal(t, int32(0), st.UpdatedNumberScheduled, "OnDelete: no pod updated by the controller")
	victim := adsPods(t, ns, "rst")[0]
	mustKubectl(t, "", "-n", ns, "delete", "pod", victim.Name, "--wait=false")
	adsWaitStatus(t, ns, "rst", "the deleted pod comes back at the new revision", func(s adsStatus) bool {
		return s.UpdatedNumberScheduled == 1 && s.NumberAvailable == 3
	})
	for node, image := range adsImagesByNode(t, ns, "rst") {
		assert.Equal(t, node == victim.Spec.NodeName, image == "nginx:3", "node %s runs %s", node, image)
	}
}
