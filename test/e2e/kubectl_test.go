package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seed walkthrough's manifests, unchanged (test/testdata/seed).
var (
	seedCloneSet    = readSeed("cloneset.yaml")
	seedStatefulSet = readSeed("statefulset.yaml")
)

func readSeed(name string) string {
	data, err := os.ReadFile(filepath.Join(root, "test", "testdata", "seed", name))
	if err != nil {
		panic(err)
	}
	return string(data)
}

func namespace(t *testing.T, name string) string {
	t.Helper()
	mustKubectl(t, "", "create", "namespace", name)
	t.Cleanup(func() { _, _ = kubectl(t, "", "delete", "namespace", name, "--wait=false") })
	return name
}

func header(out string) []string { return strings.Fields(strings.SplitN(out, "\n", 2)[0]) }

func TestAPIResourcesListKruiseKindsWithShortNames(t *testing.T) {
	out := mustKubectl(t, "", "api-resources", "--api-group=apps.kruise.io", "--no-headers")
	for _, want := range []string{
		`(?m)^clonesets\s+clone\s+apps.kruise.io/v1beta1\s+true\s+CloneSet$`,
		`(?m)^statefulsets\s+sts,asts\s+apps.kruise.io/v1beta1\s+true\s+StatefulSet$`,
		`(?m)^daemonsets\s+daemon,ads\s+apps.kruise.io/v1beta1\s+true\s+DaemonSet$`,
		`(?m)^sidecarsets\s+apps.kruise.io/v1beta1\s+false\s+SidecarSet$`,
		`(?m)^ephemeraljobs\s+ejob\s+apps.kruise.io/v1alpha1\s+true\s+EphemeralJob$`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), out)
	}
	out = mustKubectl(t, "", "api-resources", "--api-group=policy.kruise.io", "--no-headers")
	assert.Regexp(t, `(?m)^podunavailablebudgets\s+pub\s+policy.kruise.io/v1beta1\s+true\s+PodUnavailableBudget$`, out)
}

func TestExplainUsesTheServedOpenAPI(t *testing.T) {
	out := mustKubectl(t, "", "explain", "clonesets.spec.updateStrategy")
	assert.Contains(t, out, "GROUP:      apps.kruise.io")
	assert.Contains(t, out, "rollingUpdate")
	out = mustKubectl(t, "", "explain", "clonesets.spec.updateStrategy.rollingUpdate.podUpdatePolicy", "--api-version=apps.kruise.io/v1beta1")
	assert.Contains(t, out, "podUpdatePolicy")
}

func TestSeedWalkthroughManifestsAreAcceptedUnchanged(t *testing.T) {
	ns := namespace(t, "seed")
	out := mustKubectl(t, seedCloneSet, "-n", ns, "create", "-f", "-")
	assert.Equal(t, "cloneset.apps.kruise.io/demo-clone created\n", out)
	out = mustKubectl(t, seedStatefulSet, "-n", ns, "create", "-f", "-")
	assert.Equal(t, "statefulset.apps.kruise.io/demo-asts created\n", out)

	out = mustKubectl(t, "", "-n", ns, "get", "clone")
	assert.Equal(t, []string{"NAME", "DESIRED", "UPDATED", "UPDATED_READY", "READY", "TOTAL", "AGE"}, header(out))
	assert.Regexp(t, `(?m)^demo-clone\s+5\s+`, out)
	out = mustKubectl(t, "", "-n", ns, "get", "asts")
	assert.Equal(t, []string{"NAME", "DESIRED", "CURRENT", "UPDATED", "READY", "AGE"}, header(out))
	assert.Regexp(t, `(?m)^demo-asts\s+3\s+`, out)

	out = mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "wide")
	assert.Contains(t, out, "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo:1.10.2")
}

func TestKubectlVerbsOnCloneSets(t *testing.T) {
	ns := namespace(t, "verbs")
	mustKubectl(t, seedCloneSet, "-n", ns, "apply", "-f", "-")
	out := mustKubectl(t, "", "-n", ns, "scale", "clone", "demo-clone", "--replicas=3")
	assert.Contains(t, out, "scaled")
	assert.Equal(t, "3", mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.spec.replicas}"))

	mustKubectl(t, "", "-n", ns, "patch", "clone", "demo-clone", "--type=merge", "-p", `{"spec":{"minReadySeconds":5}}`)
	mustKubectl(t, "", "-n", ns, "patch", "clone", "demo-clone", "-p",
		`{"spec":{"template":{"spec":{"containers":[{"name":"guestbook","image":"openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo:1.10.3"}]}}}}`)
	assert.Equal(t, "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo:1.10.3 foo",
		mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value}"),
		"a strategic merge patch merges the container by name and keeps its env")

	// Client-side apply of the unchanged seed file, then server-side apply under another manager.
	mustKubectl(t, seedCloneSet, "-n", ns, "apply", "-f", "-")
	out = mustKubectl(t, strings.Replace(seedCloneSet, "replicas: 5", "replicas: 4", 1), "-n", ns, "apply", "--server-side", "--force-conflicts", "--field-manager=e2e", "-f", "-")
	assert.Contains(t, out, "serverside-applied")
	assert.Equal(t, "4", mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.spec.replicas}"))

	// kubectl edit with an "editor" that changes minReadySeconds in the file it is given.
	editor := filepath.Join(t.TempDir(), "editor.sh")
	require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/minReadySeconds: 5/minReadySeconds: 7/' \"$1\"\n"), 0o755))
	t.Setenv("KUBE_EDITOR", editor)
	out = mustKubectl(t, "", "-n", ns, "edit", "clone", "demo-clone")
	assert.Contains(t, out, "edited")
	assert.Equal(t, "7", mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.spec.minReadySeconds}"))

	out = mustKubectl(t, "", "-n", ns, "describe", "clone", "demo-clone")
	assert.Contains(t, out, "Name:         demo-clone")
	assert.Contains(t, out, "API Version:  apps.kruise.io/v1beta1")

	_, err := kubectl(t, "", "-n", ns, "patch", "clone", "demo-clone", "--type=merge", "-p", `{"spec":{"replicas":-1}}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.replicas")
}

func TestRBACScopedTenant(t *testing.T) {
	ns := namespace(t, "tenant-a")
	other := namespace(t, "tenant-b")
	mustKubectl(t, "", "-n", ns, "create", "role", "clone-admin", "--verb=*", "--resource=clonesets.apps.kruise.io")
	mustKubectl(t, "", "-n", ns, "create", "rolebinding", "alice-clone-admin", "--role=clone-admin", "--user=alice")
	as := []string{"--as=alice"}

	// RBAC is evaluated by kube-apiserver and again by kruise-apiserver; allow a moment for the role to reach both caches.
	require.Eventually(t, func() bool {
		_, err := kubectl(t, seedCloneSet, append(as, "-n", ns, "create", "-f", "-")...)
		return err == nil
	}, 30*time.Second, 500*time.Millisecond, "alice may create CloneSets in her namespace")
	_, err := kubectl(t, "", append(as, "-n", ns, "get", "clone", "demo-clone")...)
	assert.NoError(t, err)

	_, err = kubectl(t, seedCloneSet, append(as, "-n", other, "create", "-f", "-")...)
	assert.ErrorContains(t, err, "Forbidden")
	_, err = kubectl(t, "", append(as, "get", "clone", "--all-namespaces")...)
	assert.ErrorContains(t, err, "Forbidden")
	_, err = kubectl(t, "", append(as, "get", "sidecarsets")...)
	assert.ErrorContains(t, err, "Forbidden")
}

func TestGarbageCollectionFollowsOwnerReferences(t *testing.T) {
	ns := namespace(t, "gc")
	mustKubectl(t, seedCloneSet, "-n", ns, "create", "-f", "-")
	uid := mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.metadata.uid}")
	owned := func(name string) string {
		return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ` + name + `
  ownerReferences:
  - apiVersion: apps.kruise.io/v1beta1
    kind: CloneSet
    name: demo-clone
    uid: ` + uid + `
`
	}
	mustKubectl(t, owned("dependent"), "-n", ns, "create", "-f", "-")
	mustKubectl(t, "", "-n", ns, "delete", "clone", "demo-clone")
	require.Eventually(t, func() bool {
		_, err := kubectl(t, "", "-n", ns, "get", "configmap", "dependent")
		return err != nil && strings.Contains(err.Error(), "NotFound")
	}, 60*time.Second, time.Second, "the garbage collector deletes what the CloneSet owned")

	mustKubectl(t, seedCloneSet, "-n", ns, "create", "-f", "-")
	uid = mustKubectl(t, "", "-n", ns, "get", "clone", "demo-clone", "-o", "jsonpath={.metadata.uid}")
	mustKubectl(t, owned("orphan"), "-n", ns, "create", "-f", "-")
	mustKubectl(t, "", "-n", ns, "delete", "clone", "demo-clone", "--cascade=orphan")
	require.Eventually(t, func() bool {
		refs, err := kubectl(t, "", "-n", ns, "get", "configmap", "orphan", "-o", "jsonpath={.metadata.ownerReferences}")
		return err == nil && refs == ""
	}, 60*time.Second, time.Second, "an orphaned dependent stays, without its ownerReference")
}

func TestDeletingANamespaceRemovesItsKruiseObjects(t *testing.T) {
	mustKubectl(t, "", "create", "namespace", "doomed")
	mustKubectl(t, seedCloneSet, "-n", "doomed", "create", "-f", "-")
	mustKubectl(t, "", "delete", "namespace", "doomed", "--timeout=90s")
	out := mustKubectl(t, "", "get", "clone", "--all-namespaces", "--field-selector=metadata.namespace=doomed", "-o", "name")
	assert.Empty(t, strings.TrimSpace(out))
}

func TestAPIServicesAreAvailable(t *testing.T) {
	for _, gv := range []string{"v1alpha1.apps.kruise.io", "v1beta1.apps.kruise.io", "v1alpha1.policy.kruise.io", "v1beta1.policy.kruise.io"} {
		out := mustKubectl(t, "", "get", "apiservice", gv, "-o", `jsonpath={.status.conditions[?(@.type=="Available")].status} {.spec.insecureSkipTLSVerify}`)
		assert.Equal(t, "True ", out, gv)
	}
}
