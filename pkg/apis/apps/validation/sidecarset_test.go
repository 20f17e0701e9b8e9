package validation

import (
	"crypto/sha256"
	"encoding/hex"
	mathrand "math/rand"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apifuzzer "k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	"k8s.io/apimachinery/pkg/api/resource"
	metafuzzer "k8s.io/apimachinery/pkg/apis/meta/fuzzer"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	appsfuzzer "github.com/kruise-aggregated/kruise/pkg/apis/apps/fuzzer"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/install"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// expectNoFieldErrors requires an accepted object.
func expectNoFieldErrors(t *testing.T, errs field.ErrorList) {
	t.Helper()
	if len(errs) != 0 {
		t.Fatalf("want no errors, got %v", errs)
	}
}

// expectFieldError requires at least one error, every one of type typ at path.
func expectFieldError(t *testing.T, errs field.ErrorList, typ field.ErrorType, path string) {
	t.Helper()
	if len(errs) == 0 {
		t.Fatalf("want a %s error at %s, got none", typ, path)
	}
	for _, err := range errs {
		if err.Type != typ || err.Field != path {
			t.Fatalf("want only %s errors at %s, got %v", typ, path, errs)
		}
	}
}

// defaultedSidecarSet builds a SidecarSet the way the server sees it: written as v1beta1, defaulted,
// converted to the internal version.
func defaultedSidecarSet(mutate func(*v1beta1.SidecarSet)) *apps.SidecarSet {
	external := &v1beta1.SidecarSet{
		ObjectMeta: metav1.ObjectMeta{Name: "log-agent", ResourceVersion: "1"},
		Spec: v1beta1.SidecarSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Containers: []v1beta1.SidecarContainer{{Container: corev1.Container{
				Name: "log", Image: "log-agent:1",
				VolumeMounts: []corev1.VolumeMount{{Name: "logs", MountPath: "/var/log"}},
			}}},
			Volumes: []corev1.Volume{{Name: "logs", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}},
		},
	}
	if mutate != nil {
		mutate(external)
	}
	v1beta1.SetObjectDefaults_SidecarSet(external)
	out := &apps.SidecarSet{}
	if err := v1beta1.Convert_v1beta1_SidecarSet_To_apps_SidecarSet(external, out, nil); err != nil {
		panic(err)
	}
	return out
}

func validSidecarSet() *apps.SidecarSet { return defaultedSidecarSet(nil) }

func nativeSidecarInit(name string) v1beta1.SidecarContainer {
	return v1beta1.SidecarContainer{Container: corev1.Container{
		Name: name, Image: "proxy:1", RestartPolicy: ptr.To(corev1.ContainerRestartPolicyAlways),
	}}
}

func TestSidecarSetValidationRules(t *testing.T) {
	cases := []struct {
		name   string
		obj    *apps.SidecarSet
		errTyp field.ErrorType // empty: accepted
		path   string
	}{
		{name: "a defaulted SidecarSet is accepted", obj: validSidecarSet()},
		{name: "name with a dot is rejected", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Name = "log.agent"; return o }(),
			errTyp: field.ErrorTypeInvalid, path: "metadata.name"},
		{name: "name longer than 63 characters is rejected", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Name = strings.Repeat("a", 64); return o }(),
			errTyp: field.ErrorTypeInvalid, path: "metadata.name"},
		{name: "name with upper-case letters is accepted", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Name = "Log-Agent"; return o }()},

		{name: "canary with a base and NotUpdate is accepted", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Annotations = map[string]string{apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: "base"}
			s.Spec.UpdateStrategy.Type = v1beta1.NotUpdateSidecarSetStrategyType
		})},
		{name: "canary that is its own base is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Annotations = map[string]string{apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: "log-agent"}
			s.Spec.UpdateStrategy.Type = v1beta1.NotUpdateSidecarSetStrategyType
		}), errTyp: field.ErrorTypeInvalid, path: "metadata.annotations[apps.kruise.io/sidecarset-base]"},
		{name: "canary with RollingUpdate is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Annotations = map[string]string{apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: "base"}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.type"},

		{name: "native sidecar init container with NotUpdate is accepted", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.InitContainers = []v1beta1.SidecarContainer{nativeSidecarInit("proxy")}
			s.Spec.UpdateStrategy.Type = v1beta1.NotUpdateSidecarSetStrategyType
		})},
		{name: "native sidecar init container with RollingUpdate is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.InitContainers = []v1beta1.SidecarContainer{nativeSidecarInit("proxy")}
		}), errTyp: field.ErrorTypeForbidden, path: "spec.updateStrategy.type"},

		{name: "missing selector is rejected", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Spec.Selector = nil; return o }(),
			errTyp: field.ErrorTypeRequired, path: "spec.selector"},
		{name: "empty selector is rejected", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Spec.Selector = &metav1.LabelSelector{}; return o }(),
			errTyp: field.ErrorTypeInvalid, path: "spec.selector"},
		{name: "namespace selector is accepted", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"team": "a"}}
			return o
		}()},
		{name: "empty namespace selector is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.NamespaceSelector = &metav1.LabelSelector{}
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.namespaceSelector"},

		{name: "injection revision by name with Partial policy is accepted", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.InjectionStrategy.Revision = &apps.SidecarSetInjectRevision{RevisionName: ptr.To("log-agent-abc"), Policy: apps.PartialSidecarSetInjectRevisionPolicy}
			return o
		}()},
		{name: "injection revision without name or custom version is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.InjectionStrategy.Revision = &apps.SidecarSetInjectRevision{Policy: apps.AlwaysSidecarSetInjectRevisionPolicy}
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.injectionStrategy.revision"},
		{name: "unknown injection revision policy is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.InjectionStrategy.Revision = &apps.SidecarSetInjectRevision{CustomVersion: ptr.To("v1"), Policy: "Sometimes"}
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.injectionStrategy.revision.policy"},

		{name: "unknown update strategy type is rejected", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Spec.UpdateStrategy.Type = "Rolling"; return o }(),
			errTyp: field.ErrorTypeNotSupported, path: "spec.updateStrategy.type"},
		{name: "update selector with the default partition 0 is accepted", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"canary": "true"}}
			return o
		}()},
		{name: "update selector with a partition is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"canary": "true"}}
			o.Spec.UpdateStrategy.Partition = ptr.To(intstr.FromString("10%"))
			return o
		}(), errTyp: field.ErrorTypeForbidden, path: "spec.updateStrategy.partition"},
		{name: "partition that is not a percentage is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.Partition = ptr.To(intstr.FromString("ten"))
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.partition"},
		{name: "negative maxUnavailable is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.MaxUnavailable = ptr.To(intstr.FromInt32(-1))
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.maxUnavailable"},
		{name: "a NotUpdate strategy skips the rolling-update checks", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.Type = apps.NotUpdateSidecarSetStrategyType
			o.Spec.UpdateStrategy.MaxUnavailable = ptr.To(intstr.FromInt32(-1))
			return o
		}()},
		{name: "priority weight above 100 is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.PriorityStrategy = &pub.UpdatePriorityStrategy{WeightPriority: []pub.UpdatePriorityWeightTerm{{
				Weight: 200, MatchSelector: metav1.LabelSelector{MatchLabels: map[string]string{"a": "b"}}}}}
			return o
		}(), errTyp: field.ErrorTypeInvalid, path: "spec.updateStrategy.priorityStrategy.weightPriority[0].weight"},
		{name: "scatter term without key is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.UpdateStrategy.ScatterStrategy = apps.UpdateScatterStrategy{{Value: "x"}}
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.updateStrategy.scatterStrategy[0].key"},

		{name: "no containers at all is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.Containers = nil
			o.Spec.Volumes = nil
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.containers"},
		{name: "only init containers is accepted", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.InitContainers = []v1beta1.SidecarContainer{{Container: corev1.Container{Name: "init", Image: "init:1"}}}
			s.Spec.Containers = nil
		})},
		{name: "unknown pod inject policy is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.Containers[0].PodInjectPolicy = "Middle"
			return o
		}(),
			errTyp: field.ErrorTypeNotSupported, path: "spec.containers[0].podInjectPolicy"},
		{name: "unknown share volume policy is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.Containers[0].ShareVolumePolicy.Type = "Enabled"
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.containers[0].shareVolumePolicy.type"},

		{name: "source container from a pod label is accepted", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['app-container']"})},
		{name: "source container from a pod annotation is accepted", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.annotations['example.com/Container']"})},
		{name: "source container from metadata.name is rejected", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}),
			errTyp: field.ErrorTypeInvalid, path: "spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.fieldPath"},
		{name: "source container field ref without apiVersion is rejected", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{FieldPath: "metadata.labels['a']"}),
			errTyp: field.ErrorTypeRequired, path: "spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.apiVersion"},
		{name: "source container field ref with apiVersion v2 is rejected", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{APIVersion: "v2", FieldPath: "metadata.labels['a']"}),
			errTyp: field.ErrorTypeNotSupported, path: "spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.apiVersion"},
		{name: "source container label key with a space is rejected", obj: withTransferEnvFieldRef(&corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['a b']"}),
			errTyp: field.ErrorTypeInvalid, path: "spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.fieldPath"},

		{name: "resources policy with valid expressions is accepted", obj: withResourcesPolicy(func(p *apps.ResourcesPolicy) {
			p.ResourcesExpr.Requests = &apps.ResourceExprRequests{CPU: "min(cpu / 2, 100m) + 10m", Memory: "-(-memory) * 2"}
		})},
		{name: "resources policy together with resources is rejected", obj: func() *apps.SidecarSet {
			o := withResourcesPolicy(nil)
			o.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}
			return o
		}(), errTyp: field.ErrorTypeForbidden, path: "spec.containers[0].resourcesPolicy"},
		{name: "unknown target containers mode is rejected", obj: withResourcesPolicy(func(p *apps.ResourcesPolicy) { p.TargetContainersMode = "avg" }),
			errTyp: field.ErrorTypeNotSupported, path: "spec.containers[0].resourcesPolicy.targetContainersMode"},
		{name: "target containers regex that does not compile is rejected", obj: withResourcesPolicy(func(p *apps.ResourcesPolicy) { p.TargetContainersNameRegex = "(" }),
			errTyp: field.ErrorTypeInvalid, path: "spec.containers[0].resourcesPolicy.targetContainersNameRegex"},
		{name: "resources policy without expressions is rejected", obj: withResourcesPolicy(func(p *apps.ResourcesPolicy) { p.ResourcesExpr = apps.ResourcesExpr{} }),
			errTyp: field.ErrorTypeRequired, path: "spec.containers[0].resourcesPolicy.resourcesExpr"},
		{name: "resources policy on a plain init container is rejected", obj: func() *apps.SidecarSet {
			o := defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
				s.Spec.InitContainers = []v1beta1.SidecarContainer{{Container: corev1.Container{Name: "init", Image: "init:1"}}}
			})
			o.Spec.InitContainers[0].ResourcesPolicy = withResourcesPolicy(nil).Spec.Containers[0].ResourcesPolicy
			return o
		}(), errTyp: field.ErrorTypeForbidden, path: "spec.initContainers[0].resourcesPolicy"},
		{name: "resources policy on a native sidecar init container is accepted", obj: func() *apps.SidecarSet {
			o := defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
				s.Spec.InitContainers = []v1beta1.SidecarContainer{nativeSidecarInit("proxy")}
				s.Spec.UpdateStrategy.Type = v1beta1.NotUpdateSidecarSetStrategyType
			})
			o.Spec.InitContainers[0].ResourcesPolicy = withResourcesPolicy(nil).Spec.Containers[0].ResourcesPolicy
			return o
		}()},

		{name: "container without image is rejected like a pod's", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Spec.Containers[0].Image = ""; return o }(),
			errTyp: field.ErrorTypeRequired, path: "spec.containers[0].image"},
		{name: "mount of an undeclared volume is rejected like a pod's", obj: func() *apps.SidecarSet { o := validSidecarSet(); o.Spec.Volumes = nil; return o }(),
			errTyp: field.ErrorTypeNotFound, path: "spec.containers[0].volumeMounts[0].name"},
		{name: "duplicate volume names are rejected like a pod's", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.Volumes = append(o.Spec.Volumes, o.Spec.Volumes[0])
			return o
		}(), errTyp: field.ErrorTypeDuplicate, path: "spec.volumes[1].name"},
		{name: "init container named like the pod placeholder container is accepted", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.InitContainers = []v1beta1.SidecarContainer{{Container: corev1.Container{Name: "placeholder", Image: "init:1"}}}
			s.Spec.Containers = nil
		})},

		{name: "patch pod metadata is accepted", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.PatchPodMetadata = []v1beta1.SidecarSetPatchPodMetadata{{Annotations: map[string]string{"example.com/a": "1"}}}
		})},
		{name: "patch pod metadata without annotations is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.PatchPodMetadata = []v1beta1.SidecarSetPatchPodMetadata{{}}
		}), errTyp: field.ErrorTypeRequired, path: "spec.patchPodMetadata[0].annotations"},
		{name: "patch pod metadata without policy is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.PatchPodMetadata = []apps.SidecarSetPatchPodMetadata{{Annotations: map[string]string{"a": "1"}}}
			return o
		}(), errTyp: field.ErrorTypeRequired, path: "spec.patchPodMetadata[0].patchPolicy"},
		{name: "unknown patch policy is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.PatchPodMetadata = []apps.SidecarSetPatchPodMetadata{{Annotations: map[string]string{"a": "1"}, PatchPolicy: "Merge"}}
			return o
		}(), errTyp: field.ErrorTypeNotSupported, path: "spec.patchPodMetadata[0].patchPolicy"},
		{name: "invalid patched annotation key is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.PatchPodMetadata = []v1beta1.SidecarSetPatchPodMetadata{{Annotations: map[string]string{"a b": "1"}}}
		}), errTyp: field.ErrorTypeInvalid, path: "spec.patchPodMetadata[0].annotations"},
		{name: "annotation key patched twice is rejected", obj: defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
			s.Spec.PatchPodMetadata = []v1beta1.SidecarSetPatchPodMetadata{
				{Annotations: map[string]string{"a": "1"}},
				{Annotations: map[string]string{"a": "2"}, PatchPolicy: v1beta1.SidecarSetOverwritePatchPolicy},
			}
		}), errTyp: field.ErrorTypeDuplicate, path: "spec.patchPodMetadata[1].annotations[a]"},
		{name: "negative revision history limit is rejected", obj: func() *apps.SidecarSet {
			o := validSidecarSet()
			o.Spec.RevisionHistoryLimit = ptr.To[int32](-1)
			return o
		}(),
			errTyp: field.ErrorTypeInvalid, path: "spec.revisionHistoryLimit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := ValidateSidecarSet(tc.obj)
			if tc.errTyp == "" {
				expectNoFieldErrors(t, errs)
			} else {
				expectFieldError(t, errs, tc.errTyp, tc.path)
			}
		})
	}
}

func withTransferEnvFieldRef(fs *corev1.ObjectFieldSelector) *apps.SidecarSet {
	o := validSidecarSet()
	o.Spec.Containers[0].TransferEnv = []apps.TransferEnvVar{{
		SourceContainerNameFrom: &apps.SourceContainerNameSource{FieldRef: fs}, EnvName: "TZ"}}
	return o
}

func withResourcesPolicy(mutate func(*apps.ResourcesPolicy)) *apps.SidecarSet {
	o := validSidecarSet()
	p := &apps.ResourcesPolicy{
		TargetContainersMode:      apps.TargetContainersModeSum,
		TargetContainersNameRegex: ".*",
		ResourcesExpr:             apps.ResourcesExpr{Limits: &apps.ResourceExprLimits{CPU: "max(cpu*50%, 50m)", Memory: "memory + 100Mi"}},
	}
	if mutate != nil {
		mutate(p)
	}
	o.Spec.Containers[0].ResourcesPolicy = p
	return o
}

func TestSidecarSetResourceExpressions(t *testing.T) {
	cases := []struct {
		expr, variable string
		valid          bool
	}{
		{"cpu", "cpu", true},
		{"max(cpu*50%, 50m)", "cpu", true},
		{"MIN(cpu, 1) + 0.5", "cpu", true},
		{"(memory + 1Gi) / 2", "memory", true},
		{"1.5e3 * 1.5Gi", "memory", true},
		{"memory", "cpu", false},         // the cpu field only knows cpu
		{"cpu +", "cpu", false},          // incomplete
		{"cpu - 2", "cpu", false},        // negative for cpu = 1
		{"1Gi * 2Mi", "memory", false},   // two quantities
		{"cpu / 0", "cpu", false},        // division by zero
		{"cpu / 1m", "cpu", false},       // division by a quantity
		{"max(cpu)", "cpu", false},       // needs two arguments
		{"avg(cpu, 1)", "cpu", false},    // unknown function
		{"2Zi", "memory", false},         // unknown unit
		{"cpu)", "cpu", false},           // unbalanced
		{"(cpu", "cpu", false},           // unbalanced
		{"cpu & 1", "cpu", false},        // unknown operator
		{"max(cpu, 1, 2)", "cpu", false}, // too many arguments
		{strings.Repeat("(", 10) + "cpu" + strings.Repeat(")", 10), "cpu", true},
		{strings.Repeat("(", 10000) + "cpu" + strings.Repeat(")", 10000), "cpu", false}, // nested too deeply
	}
	for _, tc := range cases {
		name := tc.expr
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			errs := validateResourceExpression(tc.expr, tc.variable, field.NewPath("expr"))
			if tc.valid {
				expectNoFieldErrors(t, errs)
			} else {
				expectFieldError(t, errs, field.ErrorTypeInvalid, "expr")
			}
		})
	}
}

func TestSidecarSetUpdateRules(t *testing.T) {
	old := validSidecarSet()
	cases := []struct {
		name   string
		mutate func(*apps.SidecarSet)
		errTyp field.ErrorType
		path   string
	}{
		{name: "changing the image is accepted", mutate: func(o *apps.SidecarSet) { o.Spec.Containers[0].Image = "log-agent:2" }},
		{name: "adding a container is rejected", mutate: func(o *apps.SidecarSet) {
			c := o.Spec.Containers[0]
			c.Name, c.VolumeMounts = "metrics", nil
			o.Spec.Containers = append(o.Spec.Containers, c)
		}, errTyp: field.ErrorTypeForbidden, path: "spec.containers[1].name"},
		{name: "changing the upgrade type is rejected", mutate: func(o *apps.SidecarSet) {
			o.Spec.Containers[0].UpgradeStrategy = apps.SidecarContainerUpgradeStrategy{UpgradeType: apps.SidecarContainerHotUpgrade, HotUpgradeEmptyImage: "empty:1"}
		}, errTyp: field.ErrorTypeInvalid, path: "spec.containers[0].upgradeStrategy.upgradeType"},
		{name: "changing the canary base is rejected", mutate: func(o *apps.SidecarSet) {
			o.Annotations = map[string]string{apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: "base"}
			o.Spec.UpdateStrategy.Type = apps.NotUpdateSidecarSetStrategyType
		}, errTyp: field.ErrorTypeInvalid, path: "metadata.annotations[apps.kruise.io/sidecarset-base]"},
		{name: "spec rules still apply on update", mutate: func(o *apps.SidecarSet) { o.Spec.Selector = nil },
			errTyp: field.ErrorTypeRequired, path: "spec.selector"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := old.DeepCopy()
			tc.mutate(obj)
			errs := ValidateSidecarSetUpdate(obj, old)
			if tc.errTyp == "" {
				expectNoFieldErrors(t, errs)
			} else {
				expectFieldError(t, errs, tc.errTyp, tc.path)
			}
		})
	}
}

func TestSidecarSetStatusUpdateRejectsNegativeCounts(t *testing.T) {
	old := validSidecarSet()
	obj := old.DeepCopy()
	obj.Status = apps.SidecarSetStatus{MatchedPods: 3, UpdatedPods: 2, ReadyPods: 1, LatestRevision: "r"}
	expectNoFieldErrors(t, ValidateSidecarSetStatusUpdate(obj, old))
	obj.Status.ReadyPods = -1
	expectFieldError(t, ValidateSidecarSetStatusUpdate(obj, old), field.ErrorTypeInvalid, "status.readyPods")
}

func TestSidecarSetDefaultsMatchOpenKruise(t *testing.T) {
	o := defaultedSidecarSet(func(s *v1beta1.SidecarSet) {
		s.Spec.InitContainers = []v1beta1.SidecarContainer{{Container: corev1.Container{Name: "init", Image: "init@sha256:" + strings.Repeat("a", 64)}}}
		s.Spec.Containers[0].StartupProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 1}}}
		s.Spec.Containers[0].LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}}}
		s.Spec.InjectionStrategy.Revision = &v1beta1.SidecarSetInjectRevision{CustomVersion: ptr.To("v1")}
		s.Spec.PatchPodMetadata = []v1beta1.SidecarSetPatchPodMetadata{{Annotations: map[string]string{"a": "1"}}}
		s.Spec.Containers[0].ResourcesPolicy = &v1beta1.ResourcesPolicy{TargetContainersMode: v1beta1.TargetContainersModeMax}
	})
	s := &o.Spec
	if s.UpdateStrategy.Type != apps.RollingUpdateSidecarSetStrategyType || s.UpdateStrategy.Partition.String() != "0" || s.UpdateStrategy.MaxUnavailable.String() != "1" {
		t.Errorf("update strategy defaults: %+v", s.UpdateStrategy)
	}
	if *s.RevisionHistoryLimit != 10 || s.PatchPodMetadata[0].PatchPolicy != apps.SidecarSetRetainPatchPolicy ||
		s.InjectionStrategy.Revision.Policy != apps.AlwaysSidecarSetInjectRevisionPolicy {
		t.Errorf("spec defaults: limit %d, patch %q, revision %q", *s.RevisionHistoryLimit, s.PatchPodMetadata[0].PatchPolicy, s.InjectionStrategy.Revision.Policy)
	}
	init, c := s.InitContainers[0], s.Containers[0]
	if init.PodInjectPolicy != apps.AfterAppContainerType || c.PodInjectPolicy != apps.BeforeAppContainerType {
		t.Errorf("inject policies: init %q, container %q", init.PodInjectPolicy, c.PodInjectPolicy)
	}
	if c.UpgradeStrategy.UpgradeType != apps.SidecarContainerColdUpgrade || c.ShareVolumePolicy.Type != apps.ShareVolumePolicyDisabled {
		t.Errorf("container policies: %+v %+v", c.UpgradeStrategy, c.ShareVolumePolicy)
	}
	// Sidecars follow the image tag (no Kruise Always override): a digest pulls IfNotPresent.
	if init.ImagePullPolicy != corev1.PullIfNotPresent || c.ImagePullPolicy != corev1.PullIfNotPresent {
		t.Errorf("pull policies: init %q, container %q", init.ImagePullPolicy, c.ImagePullPolicy)
	}
	if c.LivenessProbe.TimeoutSeconds != 1 || c.LivenessProbe.HTTPGet.Path != "/" || c.LivenessProbe.HTTPGet.Scheme != corev1.URISchemeHTTP {
		t.Errorf("liveness probe defaults: %+v", c.LivenessProbe)
	}
	// OpenKruise leaves startup probes and gRPC service alone, which keeps the sidecar hash stable.
	if c.StartupProbe.TimeoutSeconds != 0 || c.StartupProbe.GRPC.Service != nil {
		t.Errorf("startup probe was defaulted: %+v", c.StartupProbe)
	}
	if c.ResourcesPolicy.TargetContainersNameRegex != ".*" {
		t.Errorf("targetContainersNameRegex = %q", c.ResourcesPolicy.TargetContainersNameRegex)
	}
}

func TestImageTagIsLatestDecidesSidecarPullPolicy(t *testing.T) {
	for image, want := range map[string]corev1.PullPolicy{
		"nginx":                         corev1.PullAlways,
		"nginx:latest":                  corev1.PullAlways,
		"registry.example.com:5000/a/b": corev1.PullAlways,
		"nginx:1.25":                    corev1.PullIfNotPresent,
		"localhost:5000/nginx:1.25":     corev1.PullIfNotPresent,
		"nginx@sha256:" + strings.Repeat("0", 64): corev1.PullIfNotPresent,
		"Nginx": corev1.PullIfNotPresent, // not a valid reference
		"":      corev1.PullIfNotPresent,
	} {
		c := corev1.Container{Image: image}
		v1beta1.DefaultSidecarContainer(&c)
		if c.ImagePullPolicy != want {
			t.Errorf("%q: got %q, want %q", image, c.ImagePullPolicy, want)
		}
	}
}

// The hash covers the v1beta1 JSON of {"containers": [...]} (plus initContainers when one of them is a
// native sidecar), as sha256 hex passed through rand.SafeEncodeString.
func TestSidecarSetHashEncodesContainersLikeOpenKruise(t *testing.T) {
	spec := &apps.SidecarSetSpec{Containers: []apps.SidecarContainer{{
		Container:         corev1.Container{Name: "c", Image: "img:1"},
		PodInjectPolicy:   apps.BeforeAppContainerType,
		UpgradeStrategy:   apps.SidecarContainerUpgradeStrategy{UpgradeType: apps.SidecarContainerColdUpgrade},
		ShareVolumePolicy: apps.ShareVolumePolicy{Type: apps.ShareVolumePolicyDisabled},
	}}}
	hashOf := func(doc string) string {
		sum := sha256.Sum256([]byte(doc))
		return rand.SafeEncodeString(hex.EncodeToString(sum[:]))
	}
	const container = `"resources":{},"podInjectPolicy":"BeforeAppContainer","upgradeStrategy":{"upgradeType":"ColdUpgrade"},"shareVolumePolicy":{"type":"disabled"}}`

	got, err := SidecarSetHash(spec)
	if err != nil {
		t.Fatal(err)
	}
	if want := hashOf(`{"containers":[{"name":"c","image":"img:1",` + container + `]}`); got != want {
		t.Errorf("SidecarSetHash = %s, want %s", got, want)
	}
	got, err = SidecarSetHashWithoutImage(spec)
	if err != nil {
		t.Fatal(err)
	}
	if want := hashOf(`{"containers":[{"name":"c",` + container + `]}`); got != want {
		t.Errorf("SidecarSetHashWithoutImage = %s, want %s", got, want)
	}
	if spec.Containers[0].Image != "img:1" {
		t.Errorf("hashing changed the spec")
	}

	// A plain init container does not count; a native sidecar adds every init container.
	withInit := spec.DeepCopy()
	withInit.InitContainers = []apps.SidecarContainer{{Container: corev1.Container{Name: "i", Image: "init:1"}}}
	if h, _ := SidecarSetHash(withInit); h != hashOf(`{"containers":[{"name":"c","image":"img:1",`+container+`]}`) {
		t.Errorf("plain init container changed the hash")
	}
	withInit.InitContainers[0].RestartPolicy = ptr.To(corev1.ContainerRestartPolicyAlways)
	want := hashOf(`{"containers":[{"name":"c","image":"img:1",` + container + `],` +
		`"initContainers":[{"name":"i","image":"init:1","resources":{},"restartPolicy":"Always","upgradeStrategy":{},"shareVolumePolicy":{}}]}`)
	if h, _ := SidecarSetHash(withInit); h != want {
		t.Errorf("native sidecar hash = %s, want %s", h, want)
	}
}

func TestSetSidecarSetHashAnnotationsWritesBothKeys(t *testing.T) {
	o := validSidecarSet()
	o.Annotations = map[string]string{"keep": "me"}
	shared := o.Annotations
	if err := SetSidecarSetHashAnnotations(o); err != nil {
		t.Fatal(err)
	}
	h, _ := SidecarSetHash(&o.Spec)
	hw, _ := SidecarSetHashWithoutImage(&o.Spec)
	if o.Annotations[apps.SidecarSetHashAnnotation] != h || o.Annotations[apps.SidecarSetHashWithoutImageAnnotation] != hw || o.Annotations["keep"] != "me" {
		t.Errorf("annotations = %v", o.Annotations)
	}
	if len(shared) != 1 {
		t.Errorf("the caller's annotation map was modified: %v", shared)
	}
	if h == hw {
		t.Errorf("hash with and without image should differ")
	}
}

// Random objects (any pointer may be nil, any string may be garbage) must produce field errors,
// never a panic.
func TestSidecarSetValidationNeverPanicsOnRandomObjects(t *testing.T) {
	f := randomAppsFiller(t)
	for i := 0; i < 300; i++ {
		obj, old := &apps.SidecarSet{}, &apps.SidecarSet{}
		f.Fill(obj)
		f.Fill(old)
		ValidateSidecarSet(obj)
		ValidateSidecarSetUpdate(obj, old)
		ValidateSidecarSetStatusUpdate(obj, old)
		if _, err := SidecarSetHash(&obj.Spec); err != nil {
			t.Fatal(err)
		}
		if _, err := SidecarSetHashWithoutImage(nil); err != nil {
			t.Fatal(err)
		}
	}
}

func randomAppsFiller(t *testing.T) *randfill.Filler {
	scheme := runtime.NewScheme()
	install.Install(scheme)
	codecs := runtimeserializer.NewCodecFactory(scheme)
	return apifuzzer.FuzzerFor(apifuzzer.MergeFuzzerFuncs(metafuzzer.Funcs, appsfuzzer.Funcs), mathrand.NewSource(time.Now().UnixNano()), codecs).
		NilChance(0.3).NumElements(0, 3)
}
