package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

func TestPersistentPodStateNodeTopologyKeysAreRenamedToKeysInBothPlaces(t *testing.T) {
	scheme := newScheme()
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"PersistentPodState","metadata":{"name":"db","namespace":"default"},
		"spec":{"targetRef":{"apiVersion":"apps.kruise.io/v1beta1","kind":"StatefulSet","name":"db"},
			"persistentPodAnnotations":[{"key":"cni.projectcalico.org/podIP"}],
			"requiredPersistentTopology":{"nodeTopologyKeys":["topology.kubernetes.io/zone"]},
			"preferredPersistentTopology":[{"weight":100,"preference":{"nodeTopologyKeys":["kubernetes.io/hostname"]}}],
			"persistentPodStateRetentionPolicy":"WhenDeleted"},
		"status":{"observedGeneration":1,"podStates":{"db-0":{"nodeName":"node-1",
			"nodeTopologyLabels":{"topology.kubernetes.io/zone":"a"},"annotations":{"cni.projectcalico.org/podIP":"10.0.0.1"}}}}}`
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"PersistentPodState","metadata":{"name":"db","namespace":"default"},
		"spec":{"targetRef":{"apiVersion":"apps.kruise.io/v1beta1","kind":"StatefulSet","name":"db"},
			"persistentPodAnnotations":[{"key":"cni.projectcalico.org/podIP"}],
			"requiredPersistentTopology":{"keys":["topology.kubernetes.io/zone"]},
			"preferredPersistentTopology":[{"weight":100,"preference":{"keys":["kubernetes.io/hostname"]}}],
			"persistentPodStateRetentionPolicy":"WhenDeleted"},
		"status":{"observedGeneration":1,"podStates":{"db-0":{"nodeName":"node-1",
			"nodeTopologyLabels":{"topology.kubernetes.io/zone":"a"},"annotations":{"cni.projectcalico.org/podIP":"10.0.0.1"}}}}}`
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
}

func TestPersistentPodStateMissingKeysStayNull(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"PersistentPodState","metadata":{"name":"db","namespace":"default"},
		"spec":{"targetRef":{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db"},"requiredPersistentTopology":{}}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, `{
		"apiVersion":"apps.kruise.io/v1beta1","kind":"PersistentPodState","metadata":{"name":"db","namespace":"default"},
		"spec":{"targetRef":{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db"},"requiredPersistentTopology":{"keys":null}},
		"status":{"observedGeneration":0}}`)
}
