package apiserver

import (
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// kind is one served kind with fixtures for each version.
type kind struct {
	Kind       string
	Group      string
	Resource   string
	Namespaced bool
	Versions   []string
	Scale      bool
	// Spec returns a valid spec for a version; label is the pod label its selectors use.
	Spec func(version, label string) map[string]interface{}
	// Change is a merge patch that changes the spec validly.
	Change map[string]interface{}
	// Invalid is a merge patch making the object invalid, and the field path the 422 names.
	Invalid      map[string]interface{}
	InvalidField string
	// Status is a merge patch of the status subresource, and Columns the table header names.
	Status  map[string]interface{}
	Columns []string
}

func (k kind) gvr(version string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Group: k.Group, Version: version, Resource: k.Resource}
}

type obj = map[string]interface{}
type arr = []interface{}

const (
	apps   = "apps.kruise.io"
	policy = "policy.kruise.io"
)

var both = []string{"v1alpha1", "v1beta1"}

func podTemplate(label string) obj {
	return obj{
		"metadata": obj{"labels": obj{"app": label}},
		"spec":     obj{"containers": arr{obj{"name": "main", "image": "nginx:1.25"}}},
	}
}

func selector(label string) obj { return obj{"matchLabels": obj{"app": label}} }

var kinds = []kind{
	{
		Kind: "CloneSet", Group: apps, Resource: "clonesets", Namespaced: true, Versions: both, Scale: true,
		Spec: func(_, l string) obj {
			return obj{"replicas": int64(2), "selector": selector(l), "template": podTemplate(l)}
		},
		Change:  obj{"spec": obj{"minReadySeconds": int64(5)}},
		Invalid: obj{"spec": obj{"replicas": int64(-1)}}, InvalidField: "spec.replicas",
		Status:  obj{"status": obj{"replicas": int64(2), "readyReplicas": int64(1), "updatedReplicas": int64(1), "updatedReadyReplicas": int64(1), "availableReplicas": int64(1), "labelSelector": "app=x"}},
		Columns: []string{"Name", "DESIRED", "UPDATED", "UPDATED_READY", "UPDATED_AVAILABLE", "READY", "TOTAL", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"},
	},
	{
		Kind: "StatefulSet", Group: apps, Resource: "statefulsets", Namespaced: true, Versions: both, Scale: true,
		Spec: func(_, l string) obj {
			return obj{"replicas": int64(2), "selector": selector(l), "template": podTemplate(l), "serviceName": "svc"}
		},
		Change:  obj{"spec": obj{"revisionHistoryLimit": int64(3)}},
		Invalid: obj{"spec": obj{"replicas": int64(-1)}}, InvalidField: "spec.replicas",
		Status:  obj{"status": obj{"replicas": int64(2), "readyReplicas": int64(1), "labelSelector": "app=x"}},
		Columns: []string{"Name", "DESIRED", "CURRENT", "UPDATED", "READY", "AGE", "CONTAINERS", "IMAGES"},
	},
	{
		Kind: "DaemonSet", Group: apps, Resource: "daemonsets", Namespaced: true, Versions: both,
		Spec: func(_, l string) obj {
			return obj{"selector": selector(l), "template": podTemplate(l)}
		},
		Change:  obj{"spec": obj{"minReadySeconds": int64(5)}},
		Invalid: obj{"spec": obj{"minReadySeconds": int64(-1)}}, InvalidField: "spec.minReadySeconds",
		Status:  obj{"status": obj{"desiredNumberScheduled": int64(3), "numberReady": int64(2)}},
		Columns: []string{"Name", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES"},
	},
	{
		Kind: "SidecarSet", Group: apps, Resource: "sidecarsets", Versions: both,
		Spec: func(_, l string) obj {
			return obj{"selector": selector(l), "containers": arr{obj{"name": "sidecar", "image": "busybox:1.36"}}}
		},
		Change:  obj{"spec": obj{"revisionHistoryLimit": int64(3)}},
		Invalid: obj{"spec": obj{"selector": obj{"matchLabels": nil}}}, InvalidField: "spec.selector",
		Status:  obj{"status": obj{"matchedPods": int64(3), "updatedPods": int64(2), "readyPods": int64(1)}},
		Columns: []string{"Name", "MATCHED", "UPDATED", "READY", "AGE"},
	},
	{
		Kind: "UnitedDeployment", Group: apps, Resource: "uniteddeployments", Namespaced: true, Versions: both, Scale: true,
		Spec: func(_, l string) obj {
			return obj{
				"replicas": int64(2), "selector": selector(l),
				"template": obj{"cloneSetTemplate": obj{
					"metadata": obj{"labels": obj{"app": l}},
					"spec":     obj{"selector": selector(l), "template": podTemplate(l)},
				}},
				"topology": obj{"subsets": arr{obj{"name": "zone-a"}, obj{"name": "zone-b"}}},
			}
		},
		Change:  obj{"spec": obj{"revisionHistoryLimit": int64(3)}},
		Invalid: obj{"spec": obj{"replicas": int64(-1)}}, InvalidField: "spec.replicas",
		Status:  obj{"status": obj{"replicas": int64(2), "readyReplicas": int64(1), "currentRevision": "r1", "labelSelector": "app=x"}},
		Columns: []string{"Name", "DESIRED", "CURRENT", "UPDATED", "READY", "AGE"},
	},
	{
		Kind: "BroadcastJob", Group: apps, Resource: "broadcastjobs", Namespaced: true, Versions: both,
		Spec: func(_, l string) obj {
			t := podTemplate(l)
			t["spec"].(obj)["restartPolicy"] = "Never"
			return obj{"template": t}
		},
		Change:  obj{"spec": obj{"paused": true}},
		Invalid: obj{"spec": obj{"completionPolicy": obj{"type": "Never", "ttlSecondsAfterFinished": int64(10)}}}, InvalidField: "spec.completionPolicy.ttlSecondsAfterFinished",
		Status:  obj{"status": obj{"desired": int64(3), "active": int64(1), "phase": "running"}},
		Columns: []string{"Name", "Desired", "Active", "Succeeded", "Failed", "AGE"},
	},
	{
		Kind: "AdvancedCronJob", Group: apps, Resource: "advancedcronjobs", Namespaced: true, Versions: both,
		Spec: func(_, l string) obj {
			t := podTemplate(l)
			t["spec"].(obj)["restartPolicy"] = "Never"
			return obj{"schedule": "*/5 * * * *", "template": obj{"jobTemplate": obj{"spec": obj{"template": t}}}}
		},
		Change:  obj{"spec": obj{"schedule": "*/10 * * * *"}},
		Invalid: obj{"spec": obj{"schedule": "not a schedule"}}, InvalidField: "spec.schedule",
		Status:  obj{"status": obj{"type": "Job"}},
		Columns: []string{"Name", "Schedule", "Type", "LastScheduleTime", "AGE"},
	},
	{
		Kind: "ContainerRecreateRequest", Group: apps, Resource: "containerrecreaterequests", Namespaced: true, Versions: both,
		Spec: func(_, _ string) obj {
			return obj{"podName": "pod-1", "containers": arr{obj{"name": "main"}}}
		},
		Change:  nil, // the whole spec is immutable
		Invalid: obj{"spec": obj{"podName": "pod-2"}}, InvalidField: "spec",
		Status:  obj{"status": obj{"phase": "Recreating"}},
		Columns: []string{"Name", "PHASE", "POD", "NODE", "AGE"},
	},
	{
		Kind: "ImagePullJob", Group: apps, Resource: "imagepulljobs", Namespaced: true, Versions: both,
		Spec: func(_, _ string) obj {
			return obj{"image": "nginx:1.25", "completionPolicy": obj{"type": "Always"}}
		},
		Change:  obj{"spec": obj{"parallelism": int64(2)}},
		Invalid: obj{"spec": obj{"image": ""}}, InvalidField: "spec.image",
		Status:  obj{"status": obj{"desired": int64(3), "active": int64(1)}},
		Columns: []string{"Name", "TOTAL", "ACTIVE", "SUCCEED", "FAILED", "AGE"},
	},
	{
		Kind: "ImageListPullJob", Group: apps, Resource: "imagelistpulljobs", Namespaced: true, Versions: both,
		Spec: func(_, _ string) obj {
			return obj{"images": arr{"nginx:1.25"}, "completionPolicy": obj{"type": "Always"}}
		},
		Change:  obj{"spec": obj{"parallelism": int64(2)}},
		Invalid: obj{"spec": obj{"images": arr{}}}, InvalidField: "spec.images",
		Status:  obj{"status": obj{"desired": int64(1)}},
		Columns: []string{"Name", "TOTAL", "SUCCEEDED", "COMPLETED", "AGE"},
	},
	{
		Kind: "NodeImage", Group: apps, Resource: "nodeimages", Versions: both,
		Spec: func(_, _ string) obj {
			return obj{"images": obj{"nginx": obj{"tags": arr{obj{"tag": "1.25", "pullPolicy": obj{"ttlSecondsAfterFinished": int64(300)}}}}}}
		},
		Change:  obj{"spec": obj{"images": obj{"busybox": obj{"tags": arr{obj{"tag": "1.36", "pullPolicy": obj{"ttlSecondsAfterFinished": int64(300)}}}}}}},
		Invalid: obj{"spec": obj{"images": obj{"nginx": obj{"tags": arr{obj{"tag": "", "pullPolicy": obj{"ttlSecondsAfterFinished": int64(300)}}}}}}}, InvalidField: "spec.images[nginx].tags[0].tag",
		Status:  obj{"status": obj{"desired": int64(1), "pulling": int64(1)}},
		Columns: []string{"Name", "DESIRED", "PULLING", "SUCCEED", "FAILED", "AGE"},
	},
	{
		Kind: "WorkloadSpread", Group: apps, Resource: "workloadspreads", Namespaced: true, Versions: both,
		Spec: func(_, _ string) obj {
			return obj{
				"targetRef": obj{"apiVersion": "apps.kruise.io/v1beta1", "kind": "CloneSet", "name": "web"},
				"subsets":   arr{obj{"name": "zone-a", "maxReplicas": int64(3)}, obj{"name": "zone-b"}},
			}
		},
		Change:  obj{"spec": obj{"targetFilter": obj{"selector": selector("x")}}},
		Invalid: obj{"spec": obj{"subsets": arr{}}}, InvalidField: "spec.subsets",
		Status:  obj{"status": obj{"observedGeneration": int64(1)}},
		Columns: []string{"Name", "WorkloadName", "WorkloadKind", "Adaptive", "Age"},
	},
	{
		Kind: "ResourceDistribution", Group: apps, Resource: "resourcedistributions", Versions: both,
		Spec: func(_, _ string) obj {
			return obj{
				"resource": obj{"apiVersion": "v1", "kind": "ConfigMap", "metadata": obj{"name": "shared"}, "data": obj{"k": "v"}},
				"targets":  obj{"includedNamespaces": obj{"list": arr{obj{"name": "default"}}}},
			}
		},
		Change:  obj{"spec": obj{"targets": obj{"allNamespaces": true}}},
		Invalid: obj{"spec": obj{"resource": obj{"apiVersion": "v1", "kind": "Pod", "metadata": obj{"name": "shared"}}}}, InvalidField: "spec.resource",
		Status:  obj{"status": obj{"desired": int64(2), "succeeded": int64(1)}},
		Columns: []string{"Name", "TOTAL", "SUCCEED", "FAILED"},
	},
	{
		Kind: "PersistentPodState", Group: apps, Resource: "persistentpodstates", Namespaced: true, Versions: both,
		Spec: func(v, _ string) obj {
			keysField := "keys"
			if v == "v1alpha1" {
				keysField = "nodeTopologyKeys"
			}
			return obj{
				"targetRef":                  obj{"apiVersion": "apps.kruise.io/v1beta1", "kind": "StatefulSet", "name": "db"},
				"requiredPersistentTopology": obj{keysField: arr{"topology.kubernetes.io/zone"}},
			}
		},
		Change:  obj{"spec": obj{"persistentPodStateRetentionPolicy": "WhenDeleted"}},
		Invalid: obj{"spec": obj{"targetRef": obj{"name": ""}}}, InvalidField: "spec.targetRef",
		Status:  obj{"status": obj{"observedGeneration": int64(1)}},
		Columns: []string{"Name", "Age"},
	},
	{
		Kind: "EphemeralJob", Group: apps, Resource: "ephemeraljobs", Namespaced: true, Versions: []string{"v1alpha1"},
		Spec: func(_, l string) obj {
			return obj{"selector": selector(l), "template": obj{"ephemeralContainers": arr{obj{
				"name": "debug", "image": "busybox:1.36", "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File",
			}}}}
		},
		Change:  obj{"spec": obj{"paused": true}},
		Invalid: obj{"spec": obj{"template": obj{"ephemeralContainers": arr{obj{"name": "debug", "image": "", "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File"}}}}}, InvalidField: "spec.template.ephemeralContainers[0].image",
		Status:  obj{"status": obj{"phase": "Running", "match": int64(2)}},
		Columns: []string{"Name", "STATUS", "MATCH", "SUCCEED", "FAILED", "RUNNING", "WAITING", "AGE"},
	},
	{
		Kind: "PodProbeMarker", Group: apps, Resource: "podprobemarkers", Namespaced: true, Versions: []string{"v1alpha1"},
		Spec: func(_, l string) obj {
			return obj{"selector": selector(l), "probes": arr{obj{
				"name": "healthy", "containerName": "main", "podConditionType": "game.io/healthy",
				"probe": obj{"exec": obj{"command": arr{"cat", "/healthy"}}},
			}}}
		},
		Change:  obj{"spec": obj{"probes": arr{obj{"name": "ready", "containerName": "main", "podConditionType": "game.io/ready", "probe": obj{"exec": obj{"command": arr{"true"}}}}}}},
		Invalid: obj{"spec": obj{"probes": arr{}}}, InvalidField: "spec.probes",
		Status:  obj{"status": obj{"observedGeneration": int64(1), "matchedPods": int64(2)}},
		Columns: []string{"Name", "Age"},
	},
	{
		Kind: "NodePodProbe", Group: apps, Resource: "nodepodprobes", Versions: []string{"v1alpha1"},
		Spec: func(_, _ string) obj {
			return obj{"podProbes": arr{obj{"name": "pod-1", "namespace": "default", "uid": "u1", "IP": "10.0.0.1",
				"probes": arr{obj{"name": "ppm#healthy", "containerName": "main", "probe": obj{"exec": obj{"command": arr{"true"}}}}}}}}
		},
		Change:  obj{"spec": obj{"podProbes": arr{}}},
		Invalid: obj{"metadata": obj{"labels": obj{"bad key!": "x"}}}, InvalidField: "metadata.labels",
		Status:  obj{"status": obj{"podProbeStatuses": arr{obj{"name": "pod-1", "namespace": "default", "uid": "u1"}}}},
		Columns: []string{"Name", "Age"},
	},
	{
		Kind: "PodUnavailableBudget", Group: policy, Resource: "podunavailablebudgets", Namespaced: true, Versions: both,
		Spec: func(_, l string) obj {
			return obj{"selector": selector(l), "maxUnavailable": int64(1)}
		},
		Change:  obj{"spec": obj{"maxUnavailable": "50%"}},
		Invalid: obj{"spec": obj{"minAvailable": int64(1)}}, InvalidField: "spec",
		Status:  obj{"status": obj{"unavailableAllowed": int64(1), "currentAvailable": int64(2), "desiredAvailable": int64(1), "totalReplicas": int64(3)}},
		Columns: []string{"Name", "Allowed", "Current", "Desired", "Total"},
	},
}
