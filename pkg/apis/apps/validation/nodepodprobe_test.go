package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

func validNodePodProbe() *apps.NodePodProbe {
	return &apps.NodePodProbe{
		ObjectMeta: metav1.ObjectMeta{Name: "node-1", ResourceVersion: "1"},
		Spec: apps.NodePodProbeSpec{PodProbes: []apps.PodProbe{{
			Name: "web-0", Namespace: "default", UID: "uid-1", IP: "10.0.0.5",
			Probes: []apps.ContainerProbe{{Name: "game#healthy", ContainerName: "main"}},
		}}},
	}
}

func TestValidateNodePodProbeChecksOnlyMetadata(t *testing.T) {
	npp := validNodePodProbe()
	assert.Empty(t, ValidateNodePodProbe(npp), "the daemon's probe list is accepted as written")

	npp.Spec.PodProbes[0].Probes[0].Name = ""
	assert.Empty(t, ValidateNodePodProbe(npp), "probe content is not validated, as in OpenKruise")

	npp.Namespace = "default"
	assert.Equal(t, []string{"metadata.namespace"}, ejobErrorPaths(ValidateNodePodProbe(npp)), "a namespace on this cluster-scoped kind is rejected")
}

func TestValidateNodePodProbeUpdate(t *testing.T) {
	old := validNodePodProbe()
	npp := old.DeepCopy()
	npp.Spec.PodProbes = nil
	assert.Empty(t, ValidateNodePodProbeUpdate(npp, old), "the probe list may change")

	npp.Name = "node-2"
	assert.Equal(t, []string{"metadata.name"}, ejobErrorPaths(ValidateNodePodProbeUpdate(npp, old)), "the name is immutable")
}

func TestValidateNodePodProbeStatusUpdate(t *testing.T) {
	old := validNodePodProbe()
	npp := old.DeepCopy()
	npp.Status.PodProbeStatuses = []apps.PodProbeStatus{{Name: "web-0", Namespace: "default", UID: "uid-1",
		ProbeStates: []apps.ContainerProbeState{{Name: "game#healthy", State: apps.ProbeSucceeded}}}}
	assert.Empty(t, ValidateNodePodProbeStatusUpdate(npp, old), "the daemon's results are accepted")

	npp.ResourceVersion = ""
	assert.Equal(t, []string{"metadata.resourceVersion"}, ejobErrorPaths(ValidateNodePodProbeStatusUpdate(npp, old)),
		"a status write without resourceVersion is rejected")
}
