package v1alpha1_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

// A v1beta1 Advanced StatefulSet using every field v1alpha1 lacks.
const statefulSetV1beta1Full = `{"kind":"StatefulSet","apiVersion":"apps.kruise.io/v1beta1",
"metadata":{"name":"web","namespace":"default"},
"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
 "volumeClaimUpdateStrategy":{"type":"OnPodRollingUpdate"},
 "serviceName":"web","podManagementPolicy":"Parallel",
 "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1,"maxUnavailable":2,"podUpdatePolicy":"ReCreate","minReadySeconds":5}},
 "revisionHistoryLimit":10,
 "reserveOrdinals":[1,"3-5"],
 "lifecycle":{"preDelete":{"finalizersHandler":["example.com/hold"]}},
 "scaleStrategy":{"maxUnavailable":"50%"},
 "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Retain"},
 "ordinals":{"start":3}},
"status":{"observedGeneration":2,"replicas":3,"readyReplicas":3,"availableReplicas":3,"currentReplicas":1,"updatedReplicas":2,
 "updatedReadyReplicas":2,"updatedAvailableReplicas":1,"updateRevision":"web-2","labelSelector":"app=web",
 "volumeClaims":[{"volumeClaimName":"data","compatibleReplicas":3,"compatibleReadyReplicas":2}]}}`

// The same object as v1alpha1 shows it: the v1beta1-only fields travel in the preserve annotation.
const statefulSetV1alpha1Preserved = `{"kind":"StatefulSet","apiVersion":"apps.kruise.io/v1alpha1",
"metadata":{"name":"web","namespace":"default","annotations":{"kruise-aggregated.io/preserved-fields":
 "{\"volumeClaimUpdateStrategy\":{\"type\":\"OnPodRollingUpdate\"},\"reserveOrdinals\":[1,\"3-5\"],\"lifecycle\":{\"preDelete\":{\"finalizersHandler\":[\"example.com/hold\"]}},\"scaleStrategy\":{\"maxUnavailable\":\"50%\"},\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\",\"whenScaled\":\"Retain\"},\"ordinals\":{\"start\":3},\"updatedReadyReplicas\":2,\"updatedAvailableReplicas\":1,\"volumeClaims\":[{\"volumeClaimName\":\"data\",\"compatibleReplicas\":3,\"compatibleReadyReplicas\":2}]}"}},
"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
 "serviceName":"web","podManagementPolicy":"Parallel",
 "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1,"maxUnavailable":2,"podUpdatePolicy":"ReCreate","minReadySeconds":5}},
 "revisionHistoryLimit":10},
"status":{"observedGeneration":2,"replicas":3,"readyReplicas":3,"availableReplicas":3,"currentReplicas":1,"updatedReplicas":2,
 "updateRevision":"web-2","labelSelector":"app=web"}}`

func TestStatefulSetV1beta1OnlyFieldsTravelInThePreserveAnnotation(t *testing.T) {
	scheme := newScheme()
	conversiontest.AssertConverts(t, scheme, statefulSetV1beta1Full, v1alpha1.SchemeGroupVersion, statefulSetV1alpha1Preserved)
}

func TestStatefulSetV1beta1OnlyFieldsComeBackFromThePreserveAnnotation(t *testing.T) {
	scheme := newScheme()
	conversiontest.AssertConverts(t, scheme, statefulSetV1alpha1Preserved, v1beta1.SchemeGroupVersion, statefulSetV1beta1Full)
}

func TestStatefulSetWithoutV1beta1OnlyFieldsConvertsFieldForField(t *testing.T) {
	scheme := newScheme()
	alpha := `{"kind":"StatefulSet","apiVersion":"apps.kruise.io/v1alpha1","metadata":{"name":"db","annotations":{"team":"data"}},
"spec":{"replicas":1,"selector":{"matchLabels":{"app":"db"}},
 "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"pg","image":"postgres","resources":{}}]}},
 "podManagementPolicy":"OrderedReady",
 "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible","paused":true,
  "unorderedUpdate":{"priorityStrategy":{"orderPriority":[{"orderedKey":"rank"}]}},"inPlaceUpdateStrategy":{"gracePeriodSeconds":10}}}},
"status":{"replicas":1,"readyReplicas":1,"availableReplicas":1,"currentReplicas":1,"updatedReplicas":1,"currentRevision":"db-1",
 "conditions":[{"type":"FailedCreatePod","status":"False","lastTransitionTime":"2024-01-02T03:04:05Z","reason":"Ok"}]}}`
	beta := `{"kind":"StatefulSet","apiVersion":"apps.kruise.io/v1beta1","metadata":{"name":"db","annotations":{"team":"data"}},
"spec":{"replicas":1,"selector":{"matchLabels":{"app":"db"}},
 "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"pg","image":"postgres","resources":{}}]}},
 "volumeClaimUpdateStrategy":{},"podManagementPolicy":"OrderedReady",
 "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible","paused":true,
  "unorderedUpdate":{"priorityStrategy":{"orderPriority":[{"orderedKey":"rank"}]}},"inPlaceUpdateStrategy":{"gracePeriodSeconds":10}}}},
"status":{"replicas":1,"readyReplicas":1,"availableReplicas":1,"currentReplicas":1,"updatedReplicas":1,"currentRevision":"db-1",
 "conditions":[{"type":"FailedCreatePod","status":"False","lastTransitionTime":"2024-01-02T03:04:05Z","reason":"Ok"}]}}`
	conversiontest.AssertConverts(t, scheme, alpha, v1beta1.SchemeGroupVersion, beta)
	conversiontest.AssertConverts(t, scheme, beta, v1alpha1.SchemeGroupVersion, alpha)
}

func TestStatefulSetDefaults(t *testing.T) {
	scheme := newScheme()
	in := func(version, strategy string) string {
		return `{"kind":"StatefulSet","apiVersion":"apps.kruise.io/` + version + `","metadata":{"name":"web"},
"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}},
 "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"resources":{"requests":{"storage":"1Gi"}}}}]` + strategy + `}}`
	}
	for _, version := range []string{"v1alpha1", "v1beta1"} {
		t.Run(version+" rolling update", func(t *testing.T) {
			var got v1beta1.StatefulSet
			require.NoError(t, json.Unmarshal([]byte(decodeDefaultConvert(t, scheme, in(version, ""), v1beta1.SchemeGroupVersion)), &got))
			spec := got.Spec
			require.Equal(t, int32(1), *spec.Replicas)
			require.Equal(t, int32(10), *spec.RevisionHistoryLimit)
			require.Equal(t, appsv1.OrderedReadyPodManagement, spec.PodManagementPolicy)
			require.Equal(t, appsv1.RollingUpdateStatefulSetStrategyType, spec.UpdateStrategy.Type)
			ru := spec.UpdateStrategy.RollingUpdate
			require.NotNil(t, ru)
			require.Equal(t, int32(0), *ru.Partition)
			require.Equal(t, intstr.FromInt32(1), *ru.MaxUnavailable)
			require.Equal(t, v1beta1.RecreatePodUpdateStrategyType, ru.PodUpdatePolicy)
			require.Equal(t, int32(0), *ru.MinReadySeconds)
			require.Equal(t, corev1.PullAlways, spec.Template.Spec.Containers[0].ImagePullPolicy, "Kruise pulls always so in-place image updates work")
			require.Equal(t, corev1.RestartPolicyAlways, spec.Template.Spec.RestartPolicy)
			require.Equal(t, corev1.PersistentVolumeFilesystem, *spec.VolumeClaimTemplates[0].Spec.VolumeMode)
			if version == "v1beta1" {
				require.Equal(t, &v1beta1.StatefulSetPersistentVolumeClaimRetentionPolicy{
					WhenDeleted: v1beta1.RetainPersistentVolumeClaimRetentionPolicyType,
					WhenScaled:  v1beta1.RetainPersistentVolumeClaimRetentionPolicyType,
				}, spec.PersistentVolumeClaimRetentionPolicy)
			}
			require.Empty(t, spec.VolumeClaimUpdateStrategy.Type, "only defaulted behind StatefulSetAutoResizePVCGate")
		})
		t.Run(version+" on delete", func(t *testing.T) {
			var got v1beta1.StatefulSet
			out := decodeDefaultConvert(t, scheme, in(version, `,"updateStrategy":{"type":"OnDelete"}`), v1beta1.SchemeGroupVersion)
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			require.Nil(t, got.Spec.UpdateStrategy.RollingUpdate)
		})
	}
}
