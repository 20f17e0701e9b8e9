package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireRealNode fails when the cluster should have a real node (running as root) but has none,
// and skips only where a real node cannot run (not root).
func requireRealNode(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the real kubelet node needs root")
	}
	out := mustKubectl(t, "", "get", "node", "real-node", "-o", `jsonpath={.status.conditions[?(@.type=="Ready")].status}`)
	require.Equal(t, "True", out, "the local cluster has a Ready real node when run as root")
}

func httpGet(url string) string {
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// TestRealNodeRunsPublicImageNamesAndRestartsContainersInPlace checks what simulated nodes cannot:
// the seed's image name is pulled (imagePullPolicy Always) from the local registry mirror, the
// container really runs, and an in-place image change restarts it with the new image.
func TestRealNodeRunsPublicImageNamesAndRestartsContainersInPlace(t *testing.T) {
	requireRealNode(t)
	ns := namespace(t, "real-node")
	const image = "openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo"
	mustKubectl(t, `apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: guestbook
    image: `+image+`:1.10.2
    imagePullPolicy: Always
    readinessProbe:
      httpGet: {path: /healthz, port: 8080}
      periodSeconds: 1
`, "-n", ns, "create", "-f", "-")
	mustKubectl(t, "", "-n", ns, "wait", "--for=condition=Ready", "pod/demo", "--timeout=90s")
	assert.Equal(t, "real-node", mustKubectl(t, "", "-n", ns, "get", "pod", "demo", "-o", "jsonpath={.spec.nodeName}"),
		"an unmodified pod lands on the real node: the simulated nodes are tainted")
	ip := mustKubectl(t, "", "-n", ns, "get", "pod", "demo", "-o", "jsonpath={.status.podIP}")
	require.Eventually(t, func() bool { return strings.HasPrefix(httpGet(fmt.Sprintf("http://%s:8080/", ip)), "demo 1.10.2") },
		30*time.Second, 500*time.Millisecond, "the container serves its version")

	mustKubectl(t, "", "-n", ns, "patch", "pod", "demo", "-p",
		`{"spec":{"containers":[{"name":"guestbook","image":"`+image+`:1.10.3"}]}}`)
	require.Eventually(t, func() bool {
		out, err := kubectl(t, "", "-n", ns, "get", "pod", "demo", "-o",
			`jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].image} {.status.conditions[?(@.type=="Ready")].status}`)
		return err == nil && out == "1 "+image+":1.10.3 True"
	}, 90*time.Second, time.Second, "the kubelet restarts the container once, with the new image, and it is Ready again")
	assert.True(t, strings.HasPrefix(httpGet(fmt.Sprintf("http://%s:8080/", ip)), "demo 1.10.3"), "same pod IP, new version")
}
