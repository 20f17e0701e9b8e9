package e2e

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestInstallArtifactsPassServerSideDryRun applies artifacts/ with a real caBundle as a
// server-side dry run: kube-apiserver validates every object (RBAC, StatefulSet, Deployments,
// PodDisruptionBudget, Service, APIServices) without creating anything.
func TestInstallArtifactsPassServerSideDryRun(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "artifacts", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	ca := base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n"))
	var all []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		all = append(all, strings.ReplaceAll(string(data), "CA_BUNDLE", ca))
	}
	// The namespace must exist for namespaced objects to dry-run; it is created for real.
	mustKubectl(t, string(mustRead(t, filepath.Join(root, "artifacts", "00-namespace.yaml"))), "apply", "-f", "-")
	out := mustKubectl(t, strings.Join(all, "\n---\n"), "apply", "--dry-run=server", "-f", "-")
	for _, want := range []string{
		"serviceaccount/kruise-apiserver", "clusterrolebinding.rbac.authorization.k8s.io/kruise-apiserver:system:auth-delegator",
		"rolebinding.rbac.authorization.k8s.io/kruise-apiserver-auth-reader", "statefulset.apps/kruise-etcd",
		"deployment.apps/kruise-apiserver", "poddisruptionbudget.policy/kruise-apiserver",
		"apiservice.apiregistration.k8s.io/v1beta1.apps.kruise.io", "deployment.apps/kruise-controller",
		"role.rbac.authorization.k8s.io/kruise-controller-leader-election",
	} {
		require.Contains(t, out, want)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
