package v1alpha1_test

import (
	"testing"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/conversiontest"
)

const cloneSetTemplate = `"selector":{"matchLabels":{"app":"web"}},
 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}}`

func TestCloneSetConversion(t *testing.T) {
	cases := []struct {
		name          string
		alpha, beta   string
		alphaToBetaOK bool // alpha converts to exactly beta
		betaToAlphaOK bool // beta converts to exactly alpha
	}{
		{
			name: "in-place strategy nests under rollingUpdate with its policy",
			alpha: `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,
			 "scaleStrategy":{"podsToDelete":["c-1"],"maxUnavailable":1},
			 "updateStrategy":{"type":"InPlaceIfPossible","partition":"10%","maxUnavailable":"20%","maxSurge":1,"paused":true,
			  "priorityStrategy":{"weightPriority":[{"weight":50,"matchSelector":{"matchLabels":{"a":"b"}}}]},
			  "scatterStrategy":[{"key":"zone","value":"a"}],"inPlaceUpdateStrategy":{"gracePeriodSeconds":3}}},
			 "status":{"replicas":2,"readyReplicas":1,"availableReplicas":1,"updatedReplicas":1,"updatedReadyReplicas":1,"labelSelector":"app=web"}}`,
			beta: `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,
			 "scaleStrategy":{"podsToDelete":["c-1"],"maxUnavailable":1,"enablePVCReuse":true},
			 "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":"10%","maxUnavailable":"20%","maxSurge":1,
			  "podUpdatePolicy":"InPlaceIfPossible","paused":true,
			  "priorityStrategy":{"weightPriority":[{"weight":50,"matchSelector":{"matchLabels":{"a":"b"}}}]},
			  "scatterStrategy":[{"key":"zone","value":"a"}],"inPlaceUpdateStrategy":{"gracePeriodSeconds":3}}}},
			 "status":{"replicas":2,"readyReplicas":1,"availableReplicas":1,"updatedReplicas":1,"updatedReadyReplicas":1,"labelSelector":"app=web"}}`,
			alphaToBetaOK: true, betaToAlphaOK: true,
		},
		{
			name:          "disablePVCReuse inverts into enablePVCReuse",
			alpha:         `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{"disablePVCReuse":true},"updateStrategy":{"type":"ReCreate"}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			beta:          `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"ReCreate"}}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			alphaToBetaOK: true, betaToAlphaOK: true,
		},
		{
			name: "exclude-preparing-delete label and pre-download annotations move into fields",
			alpha: `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c",
			  "labels":{"apps.kruise.io/cloneset-scaling-exclude-preparing-delete":"true","team":"a"},
			  "annotations":{"apps.kruise.io/image-predownload-parallelism":"5","apps.kruise.io/image-predownload-timeout-seconds":"300",
			   "apps.kruise.io/image-predownload-min-updated-ready-pods":"2"}},
			 "spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"InPlaceOnly","inPlaceUpdateStrategy":{"gracePeriodSeconds":10}}},
			 "status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			beta: `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c","labels":{"team":"a"}},
			 "spec":{` + cloneSetTemplate + `,"scaleStrategy":{"enablePVCReuse":true,"excludePreparingDelete":true},
			  "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"InPlaceOnly","inPlaceUpdateStrategy":{"gracePeriodSeconds":10,
			   "imagePreDownloadParallelism":5,"imagePreDownloadTimeoutSeconds":300,"imagePreDownloadMinUpdatedReadyPods":2}}}},
			 "status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			alphaToBetaOK: true, betaToAlphaOK: true,
		},
		{
			name:          "OnDelete keeps its rolling-update settings instead of dropping them",
			alpha:         `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"OnDelete","partition":3}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			beta:          `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{"enablePVCReuse":true},"updateStrategy":{"type":"OnDelete","rollingUpdate":{"partition":3}}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			alphaToBetaOK: true, betaToAlphaOK: true,
		},
		{
			name:          "a strategy v1alpha1 cannot express travels in the preserve annotation",
			alpha:         `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c","annotations":{"kruise-aggregated.io/preserved-fields":"{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":{\"podUpdatePolicy\":\"InPlaceIfPossible\"}}}"}},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{"disablePVCReuse":true},"updateStrategy":{"type":"OnDelete"}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			beta:          `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"OnDelete","rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible"}}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`,
			alphaToBetaOK: true, betaToAlphaOK: true,
		},
	}
	scheme := newScheme()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.alphaToBetaOK {
				conversiontest.AssertConverts(t, scheme, tc.alpha, v1beta1.SchemeGroupVersion, tc.beta)
			}
			if tc.betaToAlphaOK {
				conversiontest.AssertConverts(t, scheme, tc.beta, v1alpha1.SchemeGroupVersion, tc.alpha)
			}
		})
	}
}

func TestCloneSetV1alpha1EditWinsOverThePreservedStrategy(t *testing.T) {
	// The client changed the v1alpha1 type from OnDelete to ReCreate: the preserved OnDelete
	// strategy no longer matches what it sees, so its edit is taken.
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c","annotations":{"kruise-aggregated.io/preserved-fields":"{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":{\"podUpdatePolicy\":\"InPlaceIfPossible\"}}}"}},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{"disablePVCReuse":true},"updateStrategy":{"type":"ReCreate"}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c"},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"ReCreate"}}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, beta)
}

func TestCloneSetUnparsableAnnotationStaysInMetadata(t *testing.T) {
	alpha := `{"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"c","annotations":{"apps.kruise.io/image-predownload-timeout-seconds":"soon"}},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{"disablePVCReuse":true},"updateStrategy":{"type":"ReCreate"}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`
	beta := `{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"c","annotations":{"apps.kruise.io/image-predownload-timeout-seconds":"soon"}},"spec":{` + cloneSetTemplate + `,"scaleStrategy":{},"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"ReCreate"}}},"status":{"replicas":0,"readyReplicas":0,"availableReplicas":0,"updatedReplicas":0,"updatedReadyReplicas":0}}`
	conversiontest.AssertConverts(t, newScheme(), alpha, v1beta1.SchemeGroupVersion, beta)
}
