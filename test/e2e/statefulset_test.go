package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	v1 "k8s.io/api/core/v1"
)

// Advanced StatefulSet cases. Each uses its own namespace (with a suffix, so a rerun does not wait
// for the last run's namespace to terminate) and, except the seed case, pods placed on kwok nodes.

const astsTimeout = 90 * time.Second

// astsSeedTimeout allows for image pulls: in CI the seed's pods run on the real node.
const astsSeedTimeout = 3 * time.Minute

func astsNamespace(t *testing.T, name string) string {
	return namespace(t, fmt.Sprintf("%s-%d", name, time.Now().UnixNano()%100000))
}

// astsManifest is a StatefulSet named web on the kwok nodes; apiVersion is apps/v1 or
// apps.kruise.io/<version>, spec holds extra spec lines (two-space indent) and podSpec extra pod
// spec lines (six-space indent).
func astsManifest(apiVersion, spec, podSpec string) string {
	return fmt.Sprintf(`apiVersion: %s
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  selector:
    matchLabels: {app: web}
%s
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 0
      nodeSelector: {type: kwok}
      tolerations: [{key: kwok.x-k8s.io/node, operator: Exists, effect: NoSchedule}]
      containers: [{name: main, image: "registry.local/web:1"}]
%s`, apiVersion, spec, podSpec)
}

const astsInPlaceGate = `      readinessGates: [{conditionType: InPlaceUpdateReady}]`

// astsPods lists the live pods of the set web in ns, by name.
func astsPods(t *testing.T, ns string) map[string]v1.Pod {
	t.Helper()
	var list v1.PodList
	require.NoError(t, json.Unmarshal([]byte(mustKubectl(t, "", "-n", ns, "get", "pods", "-l", "app=web", "-o", "json")), &list))
	out := map[string]v1.Pod{}
	for _, p := range list.Items {
		out[p.Name] = p
	}
	return out
}

func astsNames(pods map[string]v1.Pod) []string {
	out := []string{}
	for n := range pods {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func astsReady(p v1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == v1.PodReady {
			return c.Status == v1.ConditionTrue && p.DeletionTimestamp == nil
		}
	}
	return false
}

type astsStatus struct {
	ObservedGeneration   int64  `json:"observedGeneration"`
	Replicas             int32  `json:"replicas"`
	ReadyReplicas        int32  `json:"readyReplicas"`
	AvailableReplicas    int32  `json:"availableReplicas"`
	CurrentReplicas      int32  `json:"currentReplicas"`
	UpdatedReplicas      int32  `json:"updatedReplicas"`
	UpdatedReadyReplicas int32  `json:"updatedReadyReplicas"`
	CurrentRevision      string `json:"currentRevision"`
	UpdateRevision       string `json:"updateRevision"`
}

// astsGet returns the generation and status of the StatefulSet web of the given resource
// ("statefulsets.apps" or "asts").
func astsGet(t *testing.T, ns, resource string) (int64, astsStatus) {
	t.Helper()
	var obj struct {
		Metadata struct {
			Generation int64 `json:"generation"`
		} `json:"metadata"`
		Status astsStatus `json:"status"`
	}
	require.NoError(t, json.Unmarshal([]byte(mustKubectl(t, "", "-n", ns, "get", resource, "web", "-o", "json")), &obj))
	return obj.Metadata.Generation, obj.Status
}

// astsWait waits until the status of the current generation satisfies cond.
func astsWait(t *testing.T, ns, resource, what string, cond func(astsStatus) bool) astsStatus {
	t.Helper()
	var last astsStatus
	var gen int64
	require.Eventually(t, func() bool {
		gen, last = astsGet(t, ns, resource)
		return last.ObservedGeneration == gen && cond(last)
	}, astsTimeout, 300*time.Millisecond, "waiting for %s", what)
	return last
}

func astsRolledOut(n int32) func(astsStatus) bool {
	return func(s astsStatus) bool {
		return s.Replicas == n && s.ReadyReplicas == n && s.AvailableReplicas == n && s.UpdatedReplicas == n && s.CurrentRevision == s.UpdateRevision
	}
}

// astsWaitPods waits until the set's live pods are exactly names, all ready.
func astsWaitPods(t *testing.T, ns string, names ...string) map[string]v1.Pod {
	t.Helper()
	var pods map[string]v1.Pod
	require.Eventually(t, func() bool {
		pods = astsPods(t, ns)
		if strings.Join(astsNames(pods), ",") != strings.Join(names, ",") {
			return false
		}
		for _, p := range pods {
			if !astsReady(p) {
				return false
			}
		}
		return true
	}, astsTimeout, 300*time.Millisecond, "waiting for ready pods %v", names)
	return pods
}

func astsPatchImage(t *testing.T, ns, resource, image string) {
	t.Helper()
	mustKubectl(t, "", "-n", ns, "patch", resource, "web", "--type=merge", "-p",
		fmt.Sprintf(`{"spec":{"template":{"spec":{"containers":[{"name":"main","image":%q}]}}}}`, image))
}

// astsBindVolumes creates PersistentVolumes pre-bound to the named claims of ns, so pods with
// volumeClaimTemplates schedule without a provisioner.
func astsBindVolumes(t *testing.T, ns string, claims ...string) {
	t.Helper()
	for _, c := range claims {
		pv := ns + "-" + c
		mustKubectl(t, fmt.Sprintf(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: %s
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath: {path: /tmp/%s}
  claimRef: {namespace: %s, name: %s}
`, pv, pv, ns, c), "create", "-f", "-")
		t.Cleanup(func() { _, _ = kubectl(t, "", "delete", "pv", pv, "--wait=false") })
	}
}

const astsClaimTemplate = `  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: ""
      resources: {requests: {storage: 1Gi}}`

// astsRecordUpdateOrder polls the set's pods until n live pods carry a revision other than
// oldRevision and returns the order in which they first showed one.
func astsRecordUpdateOrder(t *testing.T, ns string, n int, oldRevision string) []string {
	t.Helper()
	var order []string
	seen := map[string]bool{}
	deadline := time.Now().Add(astsTimeout)
	for len(order) < n && time.Now().Before(deadline) {
		pods := astsPods(t, ns)
		var batch []string
		for _, name := range astsNames(pods) {
			p := pods[name]
			if p.Labels["controller-revision-hash"] != oldRevision && p.DeletionTimestamp == nil && !seen[name] {
				batch = append(batch, name)
			}
		}
		// Several pods seen in one poll are recorded highest ordinal first.
		sort.Sort(sort.Reverse(sort.StringSlice(batch)))
		for _, name := range batch {
			seen[name] = true
			order = append(order, name)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return order
}

func TestAdvancedStatefulSetSeedShowsItsColumnsAndUpdatesInPlace(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-seed")
	mustKubectl(t, seedStatefulSet, "-n", ns, "create", "-f", "-")
	require.Eventually(t, func() bool {
		out, err := kubectl(t, "", "-n", ns, "get", "asts", "demo-asts", "--no-headers")
		return err == nil && regexp.MustCompile(`^demo-asts\s+3\s+3\s+3\s+3\s+`).MatchString(out)
	}, astsSeedTimeout, 500*time.Millisecond, "kubectl get asts shows 3 3 3 3")
	out := mustKubectl(t, "", "-n", ns, "get", "asts")
	assert.Equal(t, []string{"NAME", "DESIRED", "CURRENT", "UPDATED", "READY", "AGE"}, header(out))

	uids := map[string]string{}
	for _, p := range astsSeedPods(t, ns) {
		uids[p.Name] = string(p.UID)
	}
	require.Equal(t, []string{"demo-asts-0", "demo-asts-1", "demo-asts-2"}, astsNames(astsSeedPodsByName(t, ns)))

	const image = "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo:1.10.3"
	mustKubectl(t, "", "-n", ns, "patch", "asts", "demo-asts", "--type=merge", "-p",
		`{"spec":{"template":{"spec":{"containers":[{"name":"guestbook","image":"`+image+`","env":[{"name":"test","value":"foo"}]}]}}}}`)
	require.Eventually(t, func() bool {
		pods := astsSeedPods(t, ns)
		if len(pods) != 3 {
			return false
		}
		for _, p := range pods {
			if len(p.Status.ContainerStatuses) != 1 || p.Spec.Containers[0].Image != image ||
				p.Status.ContainerStatuses[0].RestartCount != 1 || !astsReady(p) || uids[p.Name] != string(p.UID) {
				return false
			}
		}
		return true
	}, astsSeedTimeout, 500*time.Millisecond, "each pod restarts once in place with the new image, keeping its name and UID")
	require.Eventually(t, func() bool {
		out, err := kubectl(t, "", "-n", ns, "get", "asts", "demo-asts", "--no-headers")
		return err == nil && regexp.MustCompile(`^demo-asts\s+3\s+3\s+3\s+3\s+`).MatchString(out)
	}, astsSeedTimeout, 500*time.Millisecond, "kubectl get asts shows 3 3 3 3 again")
	rev := mustKubectl(t, "", "-n", ns, "get", "asts", "demo-asts", "-o", "jsonpath={.status.currentRevision} {.status.updateRevision} {.status.updatedReadyReplicas}")
	parts := strings.Fields(rev)
	require.Len(t, parts, 3)
	assert.Equal(t, parts[0], parts[1], "the rollout completed")
	assert.Equal(t, "3", parts[2])
}

// astsSeedPods lists the pods of the seed's demo-asts.
func astsSeedPods(t *testing.T, ns string) []v1.Pod {
	t.Helper()
	var list v1.PodList
	require.NoError(t, json.Unmarshal([]byte(mustKubectl(t, "", "-n", ns, "get", "pods", "-l", "app=guestbook-sts", "-o", "json")), &list))
	return list.Items
}

func astsSeedPodsByName(t *testing.T, ns string) map[string]v1.Pod {
	out := map[string]v1.Pod{}
	for _, p := range astsSeedPods(t, ns) {
		out[p.Name] = p
	}
	return out
}

// TestAdvancedStatefulSetMatchesAppsV1 runs one manifest as apps/v1 and, with only apiVersion
// changed, as an Advanced StatefulSet, and compares what each makes.
func TestAdvancedStatefulSetMatchesAppsV1(t *testing.T) {
	t.Parallel()
	spec := "  replicas: 3\n" + astsClaimTemplate
	native, advanced := astsNamespace(t, "sts-native"), astsNamespace(t, "sts-advanced")
	for _, ns := range []string{native, advanced} {
		astsBindVolumes(t, ns, "data-web-0", "data-web-1", "data-web-2")
	}
	mustKubectl(t, astsManifest("apps/v1", spec, ""), "-n", native, "create", "-f", "-")
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, ""), "-n", advanced, "create", "-f", "-")
	resources := map[string]string{native: "statefulsets.apps", advanced: "asts"}

	want := []string{"web-0", "web-1", "web-2"}
	podsOf := map[string]map[string]v1.Pod{}
	for _, ns := range []string{native, advanced} {
		podsOf[ns] = astsWaitPods(t, ns, want...)
		astsWait(t, ns, resources[ns], "three ready replicas", astsRolledOut(3))
	}
	for _, name := range want {
		n, a := podsOf[native][name], podsOf[advanced][name]
		for _, key := range []string{"statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index", "app"} {
			assert.Equal(t, n.Labels[key], a.Labels[key], "%s label %s", name, key)
		}
		assert.Equal(t, n.Spec.Hostname, a.Spec.Hostname)
		assert.Equal(t, n.Spec.Subdomain, a.Spec.Subdomain)
		assert.Equal(t, n.Spec.Volumes[0], a.Spec.Volumes[0], "the claim volume")
		// The revision label names a ControllerRevision of the set, in both.
		for _, ns := range []string{native, advanced} {
			p := podsOf[ns][name]
			_, err := kubectl(t, "", "-n", ns, "get", "controllerrevision", p.Labels["controller-revision-hash"])
			assert.NoError(t, err, "%s/%s", ns, name)
		}
	}
	claims := func(ns string) string {
		return mustKubectl(t, "", "-n", ns, "get", "pvc", "-o", `jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}`)
	}
	assert.Equal(t, claims(native), claims(advanced))
	assert.Equal(t, "data-web-0=Bound data-web-1=Bound data-web-2=Bound ", claims(advanced))

	var mu sync.Mutex
	orders := map[string][]string{}
	var wg sync.WaitGroup
	for _, ns := range []string{native, advanced} {
		old := podsOf[ns]["web-0"].Labels["controller-revision-hash"]
		astsPatchImage(t, ns, resources[ns], "registry.local/web:2")
		wg.Add(1)
		go func(ns string) {
			defer wg.Done()
			order := astsRecordUpdateOrder(t, ns, 3, old)
			mu.Lock()
			defer mu.Unlock()
			orders[ns] = order
		}(ns)
	}
	wg.Wait()
	assert.Equal(t, []string{"web-2", "web-1", "web-0"}, orders[native], "apps/v1 updates the highest ordinal first, one at a time")
	assert.Equal(t, orders[native], orders[advanced])
	for _, ns := range []string{native, advanced} {
		s := astsWait(t, ns, resources[ns], "the rollout to finish", astsRolledOut(3))
		assert.Equal(t, int32(3), s.CurrentReplicas)
	}

	// Scaling down removes the highest ordinal first, one at a time.
	gone := map[string][]string{}
	for _, ns := range []string{native, advanced} {
		mustKubectl(t, "", "-n", ns, "scale", resources[ns], "web", "--replicas=1")
	}
	require.Eventually(t, func() bool {
		done := true
		for _, ns := range []string{native, advanced} {
			live := astsPods(t, ns)
			for _, name := range []string{"web-2", "web-1"} {
				if p, ok := live[name]; (!ok || p.DeletionTimestamp != nil) && !slices.Contains(gone[ns], name) {
					gone[ns] = append(gone[ns], name)
				}
			}
			done = done && len(gone[ns]) == 2
		}
		return done
	}, astsTimeout, 100*time.Millisecond, "scaled down to one pod")
	assert.Equal(t, []string{"web-2", "web-1"}, gone[native])
	assert.Equal(t, gone[native], gone[advanced])
}

// TestAdvancedStatefulSetRetentionPolicyMatchesAppsV1 compares PVC ownership and deletion under
// whenScaled/whenDeleted=Delete.
func TestAdvancedStatefulSetRetentionPolicyMatchesAppsV1(t *testing.T) {
	t.Parallel()
	spec := "  replicas: 2\n  podManagementPolicy: Parallel\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}\n" + astsClaimTemplate
	native, advanced := astsNamespace(t, "sts-retain-native"), astsNamespace(t, "sts-retain-advanced")
	resources := map[string]string{native: "statefulsets.apps", advanced: "asts"}
	for ns, api := range map[string]string{native: "apps/v1", advanced: "apps.kruise.io/v1beta1"} {
		astsBindVolumes(t, ns, "data-web-0", "data-web-1")
		mustKubectl(t, astsManifest(api, spec, ""), "-n", ns, "create", "-f", "-")
	}
	owners := func(ns, claim string) string {
		out, _ := kubectl(t, "", "-n", ns, "get", "pvc", claim, "-o", `jsonpath={range .metadata.ownerReferences[*]}{.kind}/{.name}/{.controller} {end}`)
		return out
	}
	for _, ns := range []string{native, advanced} {
		astsWaitPods(t, ns, "web-0", "web-1")
		require.Eventually(t, func() bool { return owners(ns, "data-web-1") == "StatefulSet/web/true " }, astsTimeout, 300*time.Millisecond,
			"%s: the set controls its claims", ns)
	}
	for _, ns := range []string{native, advanced} {
		mustKubectl(t, "", "-n", ns, "scale", resources[ns], "web", "--replicas=1")
	}
	for _, ns := range []string{native, advanced} {
		require.Eventually(t, func() bool {
			_, err := kubectl(t, "", "-n", ns, "get", "pvc", "data-web-1")
			return err != nil && strings.Contains(err.Error(), "NotFound")
		}, astsTimeout, 300*time.Millisecond, "%s: the claim of the scaled-away pod is deleted", ns)
		assert.Equal(t, "StatefulSet/web/true ", owners(ns, "data-web-0"))
	}
	for _, ns := range []string{native, advanced} {
		mustKubectl(t, "", "-n", ns, "delete", resources[ns], "web")
	}
	for _, ns := range []string{native, advanced} {
		require.Eventually(t, func() bool {
			_, err := kubectl(t, "", "-n", ns, "get", "pvc", "data-web-0")
			return err != nil && strings.Contains(err.Error(), "NotFound")
		}, astsTimeout, 300*time.Millisecond, "%s: deleting the set deletes the remaining claims", ns)
	}
}

func TestAdvancedStatefulSetReserveOrdinalsStartAndScale(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-reserve")
	spec := `  replicas: 3
  podManagementPolicy: Parallel
  ordinals: {start: 1}
  reserveOrdinals: [2, "4-5"]
  scaleStrategy: {maxUnavailable: 1}`
	kube, _ := clients(t)
	tracker := trackPods(t, kube, ns, "app=web")
	tracker.arm()
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, ""), "-n", ns, "create", "-f", "-")
	astsWaitPods(t, ns, "web-1", "web-3", "web-6")
	_, maxNotReady, _ := tracker.stats()
	assert.Equal(t, 1, maxNotReady, "scaleStrategy.maxUnavailable 1: one pod starting at a time")

	out := mustKubectl(t, "", "-n", ns, "scale", "asts", "web", "--replicas=2")
	assert.Contains(t, out, "scaled")
	astsWaitPods(t, ns, "web-1", "web-3")

	// Reserving an ordinal that has a pod moves that pod to the next free ordinal.
	mustKubectl(t, "", "-n", ns, "patch", "asts", "web", "--type=merge", "-p", `{"spec":{"reserveOrdinals":[1]}}`)
	astsWaitPods(t, ns, "web-2", "web-3")
	s := astsWait(t, ns, "asts", "status", astsRolledOut(2))
	assert.Equal(t, int32(2), s.ReadyReplicas)
	assert.Equal(t, "2", mustKubectl(t, "", "-n", ns, "get", "asts", "web", "-o", "jsonpath={.status.replicas}"))
	assert.Contains(t, mustKubectl(t, "", "-n", ns, "get", "--raw", "/apis/apps.kruise.io/v1beta1/namespaces/"+ns+"/statefulsets/web/scale"), `"selector":"app=web"`)
}

func TestAdvancedStatefulSetPartitionMaxUnavailableAndPause(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-partition")
	spec := `  replicas: 5
  podManagementPolicy: Parallel
  updateStrategy:
    rollingUpdate: {partition: 2, maxUnavailable: 2}`
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, ""), "-n", ns, "create", "-f", "-")
	before := astsWaitPods(t, ns, "web-0", "web-1", "web-2", "web-3", "web-4")
	astsWait(t, ns, "asts", "five ready", astsRolledOut(5))

	astsPatchImage(t, ns, "asts", "registry.local/web:2")
	maxDown := 0
	s := astsWait(t, ns, "asts", "the partition's share updated", func(s astsStatus) bool {
		down := 0
		for _, p := range astsPods(t, ns) {
			if !astsReady(p) {
				down++
			}
		}
		down += 5 - len(astsPods(t, ns))
		maxDown = max(maxDown, down)
		return s.UpdatedReplicas == 3 && s.ReadyReplicas == 5
	})
	assert.LessOrEqual(t, maxDown, 2, "maxUnavailable 2")
	pods := astsPods(t, ns)
	for _, n := range []string{"web-0", "web-1"} {
		assert.Equal(t, before[n].UID, pods[n].UID, "%s is below the partition", n)
		assert.Equal(t, s.CurrentRevision, pods[n].Labels["controller-revision-hash"])
	}
	for _, n := range []string{"web-2", "web-3", "web-4"} {
		assert.Equal(t, s.UpdateRevision, pods[n].Labels["controller-revision-hash"], n)
	}

	// Paused: the controller sees partition 0 but leaves the pods alone.
	mustKubectl(t, "", "-n", ns, "patch", "asts", "web", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0,"paused":true}}}}`)
	s = astsWait(t, ns, "asts", "the paused generation observed", func(astsStatus) bool { return true })
	assert.Equal(t, int32(3), s.UpdatedReplicas)
	for _, n := range []string{"web-0", "web-1"} {
		assert.Equal(t, before[n].UID, astsPods(t, ns)[n].UID)
	}
	mustKubectl(t, "", "-n", ns, "patch", "asts", "web", "--type=merge", "-p", `{"spec":{"updateStrategy":{"rollingUpdate":{"paused":false}}}}`)
	astsWait(t, ns, "asts", "the rest updated", astsRolledOut(5))
}

func TestAdvancedStatefulSetUnorderedUpdateFollowsPriority(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-priority")
	spec := `  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy:
    rollingUpdate:
      podUpdatePolicy: InPlaceIfPossible
      minReadySeconds: 2
      unorderedUpdate:
        priorityStrategy:
          weightPriority:
          - weight: 50
            matchSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}`
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, astsInPlaceGate), "-n", ns, "create", "-f", "-")
	astsWaitPods(t, ns, "web-0", "web-1", "web-2")
	// Pods not yet available (minReadySeconds) are out of service anyway and would all be updated at once.
	old := astsWait(t, ns, "asts", "three available", astsRolledOut(3)).UpdateRevision

	astsPatchImage(t, ns, "asts", "registry.local/web:2")
	order := astsRecordUpdateOrder(t, ns, 3, old)
	assert.Equal(t, []string{"web-0", "web-2", "web-1"}, order, "the weighted pod first, then highest ordinal first")
	astsWait(t, ns, "asts", "rolled out", astsRolledOut(3))
}

func TestAdvancedStatefulSetLifecycleHooksHoldPods(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-hooks")
	spec := `  replicas: 2
  podManagementPolicy: Parallel
  lifecycle:
    preNormal: {labelsHandler: {attached: "true"}}
    inPlaceUpdate: {labelsHandler: {serving: "true"}}
    preDelete: {labelsHandler: {serving: "true"}}
  updateStrategy:
    rollingUpdate: {podUpdatePolicy: InPlaceIfPossible}`
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, astsInPlaceGate), "-n", ns, "create", "-f", "-")
	state := func(pod string) string {
		out, _ := kubectl(t, "", "-n", ns, "get", "pod", pod, "-o", `jsonpath={.metadata.labels.lifecycle\.apps\.kruise\.io/state}`)
		return out
	}
	waitState := func(pod, want string) {
		t.Helper()
		require.Eventually(t, func() bool { return state(pod) == want }, astsTimeout, 300*time.Millisecond, "%s in state %s (is %q)", pod, want, state(pod))
	}
	waitState("web-0", "PreparingNormal")
	waitState("web-1", "PreparingNormal")
	// The hook owner attaches: pods become Normal; it also marks them serving.
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-0", "web-1", "attached=true", "serving=true")
	waitState("web-0", "Normal")
	waitState("web-1", "Normal")
	astsWait(t, ns, "asts", "two ready", astsRolledOut(2))

	// inPlaceUpdate: web-1 waits in PreparingUpdate until the hook owner releases it.
	astsPatchImage(t, ns, "asts", "registry.local/web:2")
	waitState("web-1", "PreparingUpdate")
	assert.Equal(t, "registry.local/web:1", mustKubectl(t, "", "-n", ns, "get", "pod", "web-1", "-o", "jsonpath={.spec.containers[0].image}"))
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-1", "serving-")
	waitState("web-1", "Updated")
	assert.Equal(t, "registry.local/web:2", mustKubectl(t, "", "-n", ns, "get", "pod", "web-1", "-o", "jsonpath={.spec.containers[0].image}"))
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-1", "serving=true")
	waitState("web-1", "Normal")
	waitState("web-0", "PreparingUpdate")
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-0", "serving-")
	waitState("web-0", "Updated")
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-0", "serving=true")
	astsWait(t, ns, "asts", "rolled out in place", astsRolledOut(2))

	// preDelete: the scaled-away pod waits in PreparingDelete until released.
	mustKubectl(t, "", "-n", ns, "scale", "asts", "web", "--replicas=1")
	waitState("web-1", "PreparingDelete")
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-1", "serving-")
	astsWaitPods(t, ns, "web-0")
}

func TestAdvancedStatefulSetSpecifiedDeleteRecreatesTheOrdinal(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-specified")
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", "  replicas: 2\n  podManagementPolicy: Parallel", ""), "-n", ns, "create", "-f", "-")
	before := astsWaitPods(t, ns, "web-0", "web-1")
	mustKubectl(t, "", "-n", ns, "label", "pod", "web-1", "apps.kruise.io/specified-delete=true")
	require.Eventually(t, func() bool {
		p, ok := astsPods(t, ns)["web-1"]
		return ok && p.UID != before["web-1"].UID && astsReady(p)
	}, astsTimeout, 300*time.Millisecond, "web-1 is recreated")
	after := astsPods(t, ns)
	assert.NotContains(t, after["web-1"].Labels, "apps.kruise.io/specified-delete")
	assert.Equal(t, before["web-0"].UID, after["web-0"].UID)
}

func TestAdvancedStatefulSetOnDeleteRollbackAndHistory(t *testing.T) {
	t.Parallel()
	ns := astsNamespace(t, "asts-ondelete")
	spec := `  replicas: 2
  podManagementPolicy: Parallel
  revisionHistoryLimit: 1
  updateStrategy: {type: OnDelete}`
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, ""), "-n", ns, "create", "-f", "-")
	before := astsWaitPods(t, ns, "web-0", "web-1")
	first := astsWait(t, ns, "asts", "two ready", astsRolledOut(2)).UpdateRevision

	astsPatchImage(t, ns, "asts", "registry.local/web:2")
	s := astsWait(t, ns, "asts", "a new update revision", func(s astsStatus) bool { return s.UpdateRevision != first })
	assert.Equal(t, first, s.CurrentRevision, "OnDelete leaves pods and the current revision alone")
	assert.Equal(t, before["web-0"].UID, astsPods(t, ns)["web-0"].UID)

	mustKubectl(t, "", "-n", ns, "delete", "pod", "web-0")
	require.Eventually(t, func() bool {
		p, ok := astsPods(t, ns)["web-0"]
		return ok && p.Labels["controller-revision-hash"] == s.UpdateRevision && astsReady(p)
	}, astsTimeout, 300*time.Millisecond, "a deleted pod comes back at the update revision")

	// Rolling back reuses the first revision; the history keeps it, the second and at most one more.
	astsPatchImage(t, ns, "asts", "registry.local/web:1")
	astsWait(t, ns, "asts", "the first revision back as update revision", func(x astsStatus) bool { return x.UpdateRevision == first })
	revs := mustKubectl(t, "", "-n", ns, "get", "controllerrevisions", "-o", "name")
	assert.Len(t, strings.Fields(revs), 2, "both revisions are in use by pods")
}

// TestAdvancedStatefulSetUpdateSurvivesControllerRestart kills kruise-controller in the middle of an
// in-place update and starts it again: the update completes without creating or recreating a pod and
// without exceeding maxUnavailable.
func TestAdvancedStatefulSetUpdateSurvivesControllerRestart(t *testing.T) {
	ns := astsNamespace(t, "asts-crash")
	kube, _ := clients(t)
	spec := `  replicas: 30
  podManagementPolicy: Parallel
  updateStrategy:
    rollingUpdate: {podUpdatePolicy: InPlaceIfPossible, maxUnavailable: 3, minReadySeconds: 1}`
	mustKubectl(t, astsManifest("apps.kruise.io/v1beta1", spec, astsInPlaceGate), "-n", ns, "create", "-f", "-")
	astsWait(t, ns, "asts", "thirty available", astsRolledOut(30))
	tracker := trackPods(t, kube, ns, "app=web")
	tracker.arm()

	astsPatchImage(t, ns, "asts", "registry.local/web:2")
	astsWait(t, ns, "asts", "the update under way", func(s astsStatus) bool { return s.UpdatedReplicas >= 6 })
	env := killController(t)
	_, atKill := astsGet(t, ns, "asts")
	restartLocalUp(t, env)

	astsWait(t, ns, "asts", "the update finished", astsRolledOut(30))
	assert.Less(t, atKill.UpdatedReplicas, int32(30), "the controller was killed mid-update")
	maxPods, maxNotReady, uids := tracker.stats()
	assert.Equal(t, 30, maxPods, "no extra pod was created")
	assert.Equal(t, 30, uids, "no pod was recreated")
	assert.LessOrEqual(t, maxNotReady, 3, "maxUnavailable held through the restart")
}
