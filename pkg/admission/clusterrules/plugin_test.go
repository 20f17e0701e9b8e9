package clusterrules

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apiserver/pkg/admission"
	genericadmissioninit "k8s.io/apiserver/pkg/admission/initializer"
	"k8s.io/apiserver/pkg/authentication/user"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/client-go/informers"
	k8sfake "k8s.io/client-go/kubernetes/fake"
	featuregatetesting "k8s.io/component-base/featuregate/testing"
	"k8s.io/utils/ptr"

	kruiseinit "github.com/kruise-aggregated/kruise/pkg/admission/initializer"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	policyv1alpha1 "github.com/kruise-aggregated/kruise/pkg/apis/policy/v1alpha1"
	policyv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/policy/v1beta1"
	"github.com/kruise-aggregated/kruise/pkg/features"
	kruisefake "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned/fake"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

const (
	testNS          = "ns"
	testKruiseNS    = "kruise-system"
	testCloneSetUID = types.UID("cs-uid")
)

// newTestPlugin builds the plugin the way the server does (both initializers), over fake
// clientsets holding the given objects, and waits for its informers.
func newTestPlugin(t *testing.T, kubeObjs, kruiseObjs []runtime.Object) *Plugin {
	t.Helper()
	kube := k8sfake.NewClientset(kubeObjs...)
	kruise := kruisefake.NewSimpleClientset(kruiseObjs...)
	kubeInformers := informers.NewSharedInformerFactory(kube, 0)
	kruiseInformers := kruiseinformers.NewSharedInformerFactory(kruise, 0)

	p := New()
	inits := admission.PluginInitializers{
		genericadmissioninit.New(kube, nil, kubeInformers, nil, nil, nil, nil, nil),
		kruiseinit.New(kruise, kruiseInformers, testKruiseNS),
	}
	inits.Initialize(p)
	if err := p.ValidateInitialization(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	kubeInformers.Start(ctx.Done())
	kruiseInformers.Start(ctx.Done())
	kubeInformers.WaitForCacheSync(ctx.Done())
	kruiseInformers.WaitForCacheSync(ctx.Done())
	if !p.WaitForReady() {
		t.Fatal("plugin not ready")
	}
	return p
}

func attrs(gr schema.GroupResource, kind string, op admission.Operation, obj, old runtime.Object) admission.Attributes {
	var meta metav1.Object
	if obj != nil {
		meta, _ = obj.(metav1.Object)
	} else if old != nil {
		meta, _ = old.(metav1.Object)
	}
	ns, name := "", ""
	if meta != nil {
		ns, name = meta.GetNamespace(), meta.GetName()
	}
	var opts runtime.Object
	switch op {
	case admission.Create:
		opts = &metav1.CreateOptions{}
	case admission.Update:
		opts = &metav1.UpdateOptions{}
	case admission.Delete:
		opts = &metav1.DeleteOptions{}
	}
	return admission.NewAttributesRecord(obj, old,
		schema.GroupVersionKind{Group: gr.Group, Version: "v1beta1", Kind: kind}, ns, name,
		gr.WithVersion("v1beta1"), "", op, opts, false, &user.DefaultInfo{Name: "tester"})
}

// checkResult asserts err: allowed when wantCode is 0, else that HTTP status and a cause on
// wantField.
func checkResult(t *testing.T, err error, wantCode int32, wantField string) {
	t.Helper()
	if wantCode == 0 {
		if err != nil {
			t.Fatalf("want allowed, got %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("want %d on %s, got allowed", wantCode, wantField)
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		t.Fatalf("want an API status error, got %T: %v", err, err)
	}
	st := status.Status()
	if st.Code != wantCode {
		t.Fatalf("want code %d, got %d: %v", wantCode, st.Code, err)
	}
	if wantField == "" {
		return
	}
	if st.Details != nil {
		for _, c := range st.Details.Causes {
			if c.Field == wantField {
				return
			}
		}
	}
	t.Fatalf("want a cause on %s, got %v", wantField, err)
}

func controlledPod(name string, owner types.UID) *corev1.Pod {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: name}}
	if owner != "" {
		pod.OwnerReferences = []metav1.OwnerReference{{
			APIVersion: "apps.kruise.io/v1beta1", Kind: "CloneSet", Name: "cs", UID: owner, Controller: ptr.To(true),
		}}
	}
	return pod
}

func cloneSet(podsToDelete ...string) *apps.CloneSet {
	return &apps.CloneSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "cs", UID: testCloneSetUID},
		Spec:       apps.CloneSetSpec{ScaleStrategy: apps.CloneSetScaleStrategy{PodsToDelete: podsToDelete}},
	}
}

func TestCloneSetPodsToDelete(t *testing.T) {
	terminating := controlledPod("terminating", testCloneSetUID)
	terminating.DeletionTimestamp = &metav1.Time{Time: time.Now()}
	terminating.Finalizers = []string{"test/keep"}
	kubeObjs := []runtime.Object{
		controlledPod("owned", testCloneSetUID),
		controlledPod("foreign", "other-uid"),
		controlledPod("orphan", ""),
		terminating,
	}
	p := newTestPlugin(t, kubeObjs, nil)

	tests := []struct {
		name      string
		op        admission.Operation
		obj, old  *apps.CloneSet
		wantCode  int32
		wantField string
	}{
		{"owned pod added; names kept from the old object are not checked", admission.Update,
			cloneSet("gone", "owned"), cloneSet("gone"), 0, ""},
		{"no new names", admission.Update, cloneSet("gone"), cloneSet("gone"), 0, ""},
		{"pod of another controller", admission.Update,
			cloneSet("owned", "foreign"), cloneSet("owned"), http.StatusUnprocessableEntity, "spec.scaleStrategy.podsToDelete[1]"},
		{"pod without controller", admission.Create,
			cloneSet("orphan"), nil, http.StatusUnprocessableEntity, "spec.scaleStrategy.podsToDelete[0]"},
		{"missing pod", admission.Update,
			cloneSet("gone", "missing"), cloneSet("gone"), http.StatusUnprocessableEntity, "spec.scaleStrategy.podsToDelete[1]"},
		{"terminating pod", admission.Update,
			cloneSet("terminating"), cloneSet(), http.StatusUnprocessableEntity, "spec.scaleStrategy.podsToDelete[0]"},
		{"name that cannot be a pod", admission.Update,
			cloneSet("../x"), cloneSet(), http.StatusUnprocessableEntity, "spec.scaleStrategy.podsToDelete[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var old runtime.Object
			if tc.old != nil {
				old = tc.old
			}
			err := p.Validate(context.Background(), attrs(cloneSets, "CloneSet", tc.op, tc.obj, old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

func crrPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "web", UID: "pod-uid"},
		Spec: corev1.PodSpec{
			NodeName:                      "node-1",
			TerminationGracePeriodSeconds: ptr.To[int64](45),
			InitContainers:                []corev1.Container{{Name: "init"}},
			Containers: []corev1.Container{
				{
					Name:  "app",
					Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
					Lifecycle: &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{
						HTTPGet: &corev1.HTTPGetAction{Path: "/quit", Port: intstr.FromString("http")},
					}},
				},
				{Name: "sidecar"},
				{Name: "starting"},
			},
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning,
			ContainerStatuses: []corev1.ContainerStatus{
				{Name: "app", ContainerID: "containerd://app", RestartCount: 2},
				{Name: "sidecar", ContainerID: "containerd://sidecar"},
				{Name: "starting"},
			},
		},
	}
}

func crr(pod string, containers ...apps.ContainerRecreateRequestContainer) *apps.ContainerRecreateRequest {
	return &apps.ContainerRecreateRequest{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "crr", Labels: map[string]string{"user": "label"}},
		Spec: apps.ContainerRecreateRequestSpec{
			PodName:    pod,
			Containers: containers,
			Strategy:   &apps.ContainerRecreateRequestStrategy{FailurePolicy: apps.ContainerRecreateRequestFailurePolicyFail},
		},
	}
}

func named(name string) apps.ContainerRecreateRequestContainer {
	return apps.ContainerRecreateRequestContainer{Name: name}
}

func TestContainerRecreateRequestCreate(t *testing.T) {
	pending := crrPod()
	pending.Name, pending.Spec.NodeName = "pending", ""
	finished := crrPod()
	finished.Name, finished.Status.Phase = "finished", corev1.PodSucceeded
	sidecarDone := crrPod()
	sidecarDone.Name, sidecarDone.Status.Phase = "sidecar-done", corev1.PodSucceeded
	sidecarDone.Status.Conditions = []corev1.PodCondition{{Type: "SidecarTerminated", Status: corev1.ConditionTrue}}
	orphaned := crrPod()
	orphaned.Name, orphaned.Spec.NodeName = "orphaned", "gone-node"
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-1", Labels: map[string]string{"type": "virtual-kubelet"}}}
	p := newTestPlugin(t, []runtime.Object{crrPod(), pending, finished, sidecarDone, orphaned, node}, nil)

	withStatus := named("app")
	withStatus.StatusContext = &apps.ContainerRecreateRequestContainerContext{ContainerID: "x"}
	withPreStop := named("app")
	withPreStop.PreStop = &apps.CRRProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}

	tests := []struct {
		name      string
		obj       *apps.ContainerRecreateRequest
		wantCode  int32
		wantField string
	}{
		{"running pod", crr("web", named("app"), named("sidecar")), 0, ""},
		{"pod finished but sidecars terminated by Kruise", crr("sidecar-done", named("sidecar")), 0, ""},
		{"no pod name is left to validation", crr(""), 0, ""},
		{"missing pod", crr("nope", named("app")), http.StatusUnprocessableEntity, "spec.podName"},
		{"finished pod", crr("finished", named("app")), http.StatusForbidden, "spec.podName"},
		{"unscheduled pod", crr("pending", named("app")), http.StatusForbidden, "spec.podName"},
		{"node gone", crr("orphaned", named("app")), http.StatusForbidden, "spec.podName"},
		{"unknown container", crr("web", named("app"), named("nope")), http.StatusUnprocessableEntity, "spec.containers[1].name"},
		{"container without status", crr("web", named("init")), http.StatusUnprocessableEntity, "spec.containers[0].name"},
		{"container not started", crr("web", named("starting")), http.StatusUnprocessableEntity, "spec.containers[0].name"},
		{"container twice", crr("web", named("app"), named("app")), http.StatusUnprocessableEntity, "spec.containers[1].name"},
		{"statusContext set by the user", crr("web", withStatus), http.StatusUnprocessableEntity, "spec.containers[0].statusContext"},
		{"preStop set by the user", crr("web", withPreStop), http.StatusUnprocessableEntity, "spec.containers[0].preStop"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.obj.DeepCopy()
			err := p.Admit(context.Background(), attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, tc.obj, nil), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
			if (err != nil || tc.obj.Spec.PodName == "") && !apiEqual(before, tc.obj) {
				t.Errorf("object changed by a request that was not completed: %#v", tc.obj)
			}
		})
	}

	t.Run("fills pod-derived fields", func(t *testing.T) {
		obj := crr("web", named("app"), named("sidecar"))
		obj.Spec.Strategy = nil
		if err := p.Admit(context.Background(), attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, obj, nil), nil); err != nil {
			t.Fatal(err)
		}
		wantLabels := map[string]string{
			"user":                                   "label",
			apps.ContainerRecreateRequestActiveKey:   "true",
			apps.ContainerRecreateRequestNodeNameKey: "node-1",
			apps.ContainerRecreateRequestPodUIDKey:   "pod-uid",
			"type":                                   "virtual-kubelet",
		}
		if !apiEqual(obj.Labels, wantLabels) {
			t.Errorf("labels = %v, want %v", obj.Labels, wantLabels)
		}
		s := obj.Spec.Strategy
		if s == nil || s.TerminationGracePeriodSeconds == nil || *s.TerminationGracePeriodSeconds != 45 || s.FailurePolicy != apps.ContainerRecreateRequestFailurePolicyFail {
			t.Errorf("strategy = %#v, want grace 45 from the pod and failurePolicy Fail", s)
		}
		app, sidecar := obj.Spec.Containers[0], obj.Spec.Containers[1]
		if app.PreStop == nil || app.PreStop.HTTPGet == nil || app.PreStop.HTTPGet.Path != "/quit" {
			t.Errorf("app preStop = %#v, want the pod's HTTP hook", app.PreStop)
		}
		if len(app.Ports) != 1 || app.Ports[0].ContainerPort != 8080 {
			t.Errorf("app ports = %v, want the pod's ports", app.Ports)
		}
		if app.StatusContext == nil || *app.StatusContext != (apps.ContainerRecreateRequestContainerContext{ContainerID: "containerd://app", RestartCount: 2}) {
			t.Errorf("app statusContext = %#v", app.StatusContext)
		}
		if sidecar.PreStop != nil || sidecar.Ports != nil || sidecar.StatusContext == nil || sidecar.StatusContext.ContainerID != "containerd://sidecar" {
			t.Errorf("sidecar = %#v, want only statusContext", sidecar)
		}
		// The informer's pod must not be aliased.
		app.PreStop.HTTPGet.Path = "/changed"
		cached, _ := p.podLister.Pods(testNS).Get("web")
		if cached.Spec.Containers[0].Lifecycle.PreStop.HTTPGet.Path != "/quit" {
			t.Error("the CRR shares memory with the cached pod")
		}
	})

	t.Run("keeps a grace period set by the user", func(t *testing.T) {
		obj := crr("web", named("app"))
		obj.Spec.Strategy.TerminationGracePeriodSeconds = ptr.To[int64](5)
		if err := p.Admit(context.Background(), attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, obj, nil), nil); err != nil {
			t.Fatal(err)
		}
		if got := *obj.Spec.Strategy.TerminationGracePeriodSeconds; got != 5 {
			t.Errorf("grace = %d, want 5", got)
		}
	})

	t.Run("pod created after the informer synced", func(t *testing.T) {
		late := crrPod()
		late.Name = "late"
		if _, err := p.kubeClient.CoreV1().Pods(testNS).Create(context.Background(), late, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		obj := crr("late", named("app"))
		if err := p.Admit(context.Background(), attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, obj, nil), nil); err != nil {
			t.Fatal(err)
		}
	})
}

func pub(name string, ref *policy.TargetReference, sel *metav1.LabelSelector) *policy.PodUnavailableBudget {
	return &policy.PodUnavailableBudget{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: name},
		Spec:       policy.PodUnavailableBudgetSpec{TargetReference: ref, Selector: sel},
	}
}

func TestPodUnavailableBudgetUniqueness(t *testing.T) {
	existing := []runtime.Object{
		&policyv1beta1.PodUnavailableBudget{
			ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "by-ref"},
			Spec:       policyv1beta1.PodUnavailableBudgetSpec{TargetReference: &policyv1beta1.TargetReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"}},
		},
		&policyv1beta1.PodUnavailableBudget{
			ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "by-selector"},
			Spec:       policyv1beta1.PodUnavailableBudgetSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}},
		},
		&policyv1beta1.PodUnavailableBudget{
			ObjectMeta: metav1.ObjectMeta{Namespace: "elsewhere", Name: "other-ns"},
			Spec:       policyv1beta1.PodUnavailableBudgetSpec{TargetReference: &policyv1beta1.TargetReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "api"}},
		},
	}
	p := newTestPlugin(t, nil, existing)
	ref := func(apiVersion, kind, name string) *policy.TargetReference {
		return &policy.TargetReference{APIVersion: apiVersion, Kind: kind, Name: name}
	}
	sel := func(expr ...metav1.LabelSelectorRequirement) *metav1.LabelSelector {
		return &metav1.LabelSelector{MatchExpressions: expr}
	}

	tests := []struct {
		name      string
		op        admission.Operation
		obj, old  *policy.PodUnavailableBudget
		wantCode  int32
		wantField string
	}{
		{"other workload", admission.Create, pub("new", ref("apps/v1", "Deployment", "api"), nil), nil, 0, ""},
		{"same name in another group", admission.Create, pub("new", ref("apps.kruise.io/v1beta1", "Deployment", "web"), nil), nil, 0, ""},
		{"same workload, other version", admission.Create, pub("new", ref("apps/v1beta2", "Deployment", "web"), nil),
			nil, http.StatusUnprocessableEntity, "spec.targetRef"},
		{"itself on update", admission.Update, pub("by-ref", ref("apps/v1", "Deployment", "web"), nil),
			pub("by-ref", ref("apps/v1", "Deployment", "old"), nil), 0, ""},
		{"disjoint selector", admission.Create, pub("new", nil, sel(metav1.LabelSelectorRequirement{Key: "app", Operator: metav1.LabelSelectorOpIn, Values: []string{"api"}})), nil, 0, ""},
		{"selector over other keys", admission.Create, pub("new", nil, &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web", "tier": "fe"}}), nil, 0, ""},
		{"overlapping selector", admission.Create, pub("new", nil, sel(metav1.LabelSelectorRequirement{Key: "app", Operator: metav1.LabelSelectorOpIn, Values: []string{"api", "web"}})),
			nil, http.StatusUnprocessableEntity, "spec.selector"},
		{"overlapping NotIn selector", admission.Create, pub("new", nil, sel(metav1.LabelSelectorRequirement{Key: "app", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"api"}})),
			nil, http.StatusUnprocessableEntity, "spec.selector"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var old runtime.Object
			if tc.old != nil {
				old = tc.old
			}
			err := p.Validate(context.Background(), attrs(podUnavailableBudgets, "PodUnavailableBudget", tc.op, tc.obj, old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

func TestSelectorsLooselyOverlap(t *testing.T) {
	req := func(op metav1.LabelSelectorOperator, values ...string) *metav1.LabelSelector {
		return &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "k", Operator: op, Values: values}}}
	}
	const (
		in, notIn, exists, absent = metav1.LabelSelectorOpIn, metav1.LabelSelectorOpNotIn, metav1.LabelSelectorOpExists, metav1.LabelSelectorOpDoesNotExist
	)
	tests := []struct {
		a, b *metav1.LabelSelector
		want bool
	}{
		{req(in, "a", "b"), req(in, "b"), true},
		{req(in, "a"), req(in, "b"), false},
		{req(in, "a", "b"), req(notIn, "a"), true},
		{req(in, "a"), req(notIn, "a", "b"), false},
		{req(in, "a"), req(exists), true},
		{req(in, "a"), req(absent), false},
		{req(notIn, "a"), req(notIn, "b"), true},
		{req(notIn, "a"), req(exists), true},
		{req(notIn, "a"), req(absent), true},
		{req(exists), req(exists), true},
		{req(exists), req(absent), false},
		{req(absent), req(absent), true},
		{req("Bogus"), req(exists), false},
		{&metav1.LabelSelector{MatchLabels: map[string]string{"k": "a"}}, req(in, "a"), true},
	}
	for i, tc := range tests {
		if got := selectorsLooselyOverlap(tc.a, tc.b); got != tc.want {
			t.Errorf("%d: overlap(%v, %v) = %v, want %v", i, tc.a, tc.b, got, tc.want)
		}
		if got := selectorsLooselyOverlap(tc.b, tc.a); got != tc.want {
			t.Errorf("%d: overlap(%v, %v) = %v, want %v (reversed)", i, tc.b, tc.a, got, tc.want)
		}
	}
}

func TestWorkloadSpreadUniqueness(t *testing.T) {
	existing := []runtime.Object{&appsv1beta1.WorkloadSpread{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "ws-a"},
		Spec:       appsv1beta1.WorkloadSpreadSpec{TargetReference: &appsv1beta1.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "CloneSet", Name: "cs"}},
	}}
	p := newTestPlugin(t, nil, existing)
	ws := func(name, apiVersion, kind, target string) *apps.WorkloadSpread {
		return &apps.WorkloadSpread{
			ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: name},
			Spec:       apps.WorkloadSpreadSpec{TargetReference: &apps.TargetReference{APIVersion: apiVersion, Kind: kind, Name: target}},
		}
	}
	tests := []struct {
		name      string
		op        admission.Operation
		obj, old  *apps.WorkloadSpread
		wantCode  int32
		wantField string
	}{
		{"other workload", admission.Create, ws("ws-b", "apps.kruise.io/v1beta1", "CloneSet", "other"), nil, 0, ""},
		{"itself on update", admission.Update, ws("ws-a", "apps.kruise.io/v1beta1", "CloneSet", "cs"), ws("ws-a", "apps.kruise.io/v1beta1", "CloneSet", "x"), 0, ""},
		{"same workload", admission.Create, ws("ws-b", "apps.kruise.io/v1alpha1", "CloneSet", "cs"), nil, http.StatusUnprocessableEntity, "spec.targetRef"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var old runtime.Object
			if tc.old != nil {
				old = tc.old
			}
			err := p.Validate(context.Background(), attrs(workloadSpreads, "WorkloadSpread", tc.op, tc.obj, old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

func TestPersistentPodStateUniqueness(t *testing.T) {
	existing := []runtime.Object{&appsv1beta1.PersistentPodState{
		ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "pps-a"},
		Spec:       appsv1beta1.PersistentPodStateSpec{TargetReference: appsv1beta1.TargetReference{APIVersion: "apps.kruise.io/v1beta1", Kind: "StatefulSet", Name: "sts"}},
	}}
	p := newTestPlugin(t, nil, existing)
	pps := func(name, apiVersion, target string) *apps.PersistentPodState {
		return &apps.PersistentPodState{
			ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: name},
			Spec:       apps.PersistentPodStateSpec{TargetReference: apps.TargetReference{APIVersion: apiVersion, Kind: "StatefulSet", Name: target}},
		}
	}
	tests := []struct {
		name      string
		op        admission.Operation
		obj, old  *apps.PersistentPodState
		wantCode  int32
		wantField string
	}{
		{"native StatefulSet of the same name", admission.Create, pps("pps-b", "apps/v1", "sts"), nil, 0, ""},
		{"itself on update", admission.Update, pps("pps-a", "apps.kruise.io/v1beta1", "sts"), pps("pps-a", "apps.kruise.io/v1beta1", "x"), 0, ""},
		{"same workload", admission.Create, pps("pps-b", "apps.kruise.io/v1alpha1", "sts"), nil, http.StatusUnprocessableEntity, "spec.targetRef"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var old runtime.Object
			if tc.old != nil {
				old = tc.old
			}
			err := p.Validate(context.Background(), attrs(persistentPodStates, "PersistentPodState", tc.op, tc.obj, old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

func TestSidecarSetReferences(t *testing.T) {
	revision := &appsv1.ControllerRevision{ObjectMeta: metav1.ObjectMeta{
		Namespace: testKruiseNS, Name: "ss-rev-1",
		Labels: map[string]string{"kruise.io/sidecarset-name": "ss", apps.SidecarSetCustomVersionLabel: "v1"},
	}}
	elsewhere := &appsv1.ControllerRevision{ObjectMeta: metav1.ObjectMeta{
		Namespace: "default", Name: "ss-rev-2",
		Labels: map[string]string{"kruise.io/sidecarset-name": "ss", apps.SidecarSetCustomVersionLabel: "v2"},
	}}
	canary := map[string]string{apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: "base"}
	kruiseObjs := []runtime.Object{
		&appsv1beta1.SidecarSet{ObjectMeta: metav1.ObjectMeta{Name: "base"}},
		&appsv1beta1.SidecarSet{ObjectMeta: metav1.ObjectMeta{Name: "canary-1", Annotations: canary}},
	}
	p := newTestPlugin(t, []runtime.Object{revision, elsewhere}, kruiseObjs)

	withRevision := func(name, version *string) *apps.SidecarSet {
		return &apps.SidecarSet{
			ObjectMeta: metav1.ObjectMeta{Name: "ss"},
			Spec: apps.SidecarSetSpec{InjectionStrategy: apps.SidecarSetInjectionStrategy{
				Revision: &apps.SidecarSetInjectRevision{RevisionName: name, CustomVersion: version},
			}},
		}
	}
	canaryOf := func(name, base string) *apps.SidecarSet {
		return &apps.SidecarSet{ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: map[string]string{
			apps.SidecarSetCanaryAnnotation: "true", apps.SidecarSetBaseAnnotation: base,
		}}}
	}
	tests := []struct {
		name      string
		op        admission.Operation
		obj, old  *apps.SidecarSet
		wantCode  int32
		wantField string
	}{
		{"revision by name", admission.Create, withRevision(ptr.To("ss-rev-1"), nil), nil, 0, ""},
		{"missing revision name", admission.Create, withRevision(ptr.To("ss-rev-2"), nil), nil,
			http.StatusUnprocessableEntity, "spec.injectionStrategy.revision.revisionName"},
		{"unchanged revision is not looked up again", admission.Update, withRevision(ptr.To("pruned"), nil), withRevision(ptr.To("pruned"), nil), 0, ""},
		{"revision by custom version", admission.Create, withRevision(nil, ptr.To("v1")), nil, 0, ""},
		{"missing custom version", admission.Update, withRevision(nil, ptr.To("v2")), withRevision(nil, ptr.To("v1")),
			http.StatusUnprocessableEntity, "spec.injectionStrategy.revision.customVersion"},
		{"canary of a base", admission.Create, canaryOf("canary-2", "base"), nil, 0, ""},
		{"canary of a missing base", admission.Create, canaryOf("canary-2", "nope"), nil,
			http.StatusUnprocessableEntity, "metadata.annotations[apps.kruise.io/sidecarset-base]"},
		{"canary of a canary", admission.Create, canaryOf("canary-2", "canary-1"), nil,
			http.StatusUnprocessableEntity, "metadata.annotations[apps.kruise.io/sidecarset-base]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var old runtime.Object
			if tc.old != nil {
				old = tc.old
			}
			err := p.Validate(context.Background(), attrs(sidecarSets, "SidecarSet", tc.op, tc.obj, old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

func TestDeletionProtection(t *testing.T) {
	p := New() // needs no informers
	labelled := func(value string) map[string]string {
		return map[string]string{policyv1alpha1.DeletionProtectionKey: value}
	}
	const labelField = "metadata.labels[policy.kruise.io/delete-protection]"
	cs := func(labels map[string]string, replicas int32) runtime.Object {
		return &apps.CloneSet{ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "cs", Labels: labels}, Spec: apps.CloneSetSpec{Replicas: &replicas}}
	}
	sts := func(labels map[string]string, replicas int32) runtime.Object {
		return &apps.StatefulSet{ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "sts", Labels: labels}, Spec: apps.StatefulSetSpec{Replicas: &replicas}}
	}
	ud := func(labels map[string]string, replicas *int32) runtime.Object {
		return &apps.UnitedDeployment{ObjectMeta: metav1.ObjectMeta{Namespace: testNS, Name: "ud", Labels: labels}, Spec: apps.UnitedDeploymentSpec{Replicas: replicas}}
	}
	deleting := cs(labelled("Always"), 1).(*apps.CloneSet)
	deleting.DeletionTimestamp = &metav1.Time{Time: time.Now()}

	tests := []struct {
		name      string
		gate      bool
		gr        schema.GroupResource
		kind      string
		old       runtime.Object
		wantCode  int32
		wantField string
	}{
		{"gate off", false, cloneSets, "CloneSet", cs(labelled("Always"), 1), 0, ""},
		{"no label", true, cloneSets, "CloneSet", cs(nil, 3), 0, ""},
		{"Always", true, cloneSets, "CloneSet", cs(labelled("Always"), 0), http.StatusForbidden, labelField},
		{"already being deleted", true, cloneSets, "CloneSet", deleting, 0, ""},
		{"Cascading without replicas", true, statefulSets, "StatefulSet", sts(labelled("Cascading"), 0), 0, ""},
		{"Cascading with replicas", true, statefulSets, "StatefulSet", sts(labelled("Cascading"), 2), http.StatusForbidden, labelField},
		{"Cascading, replicas unset", true, unitedDeployments, "UnitedDeployment", ud(labelled("Cascading"), nil), 0, ""},
		{"Always UnitedDeployment", true, unitedDeployments, "UnitedDeployment", ud(labelled("Always"), nil), http.StatusForbidden, labelField},
		{"other value", true, unitedDeployments, "UnitedDeployment", ud(labelled("Sometimes"), ptr.To[int32](1)), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			featuregatetesting.SetFeatureGateDuringTest(t, utilfeature.DefaultFeatureGate, features.ResourcesDeletionProtection, tc.gate)
			err := p.Validate(context.Background(), attrs(tc.gr, tc.kind, admission.Delete, nil, tc.old), nil)
			checkResult(t, err, tc.wantCode, tc.wantField)
		})
	}
}

// TestUnexpectedInput feeds objects the plugin does not expect; it must neither panic nor reject.
func TestUnexpectedInput(t *testing.T) {
	featuregatetesting.SetFeatureGateDuringTest(t, utilfeature.DefaultFeatureGate, features.ResourcesDeletionProtection, true)
	p := newTestPlugin(t, nil, nil)
	var nilCloneSet *apps.CloneSet
	cases := []admission.Attributes{
		attrs(cloneSets, "CloneSet", admission.Create, nil, nil),
		attrs(cloneSets, "CloneSet", admission.Update, &apps.SidecarSet{}, nil),
		attrs(cloneSets, "CloneSet", admission.Delete, nil, nil),
		admission.NewAttributesRecord(nil, nilCloneSet, apps.Kind("CloneSet").WithVersion("v1beta1"), testNS, "cs",
			cloneSets.WithVersion("v1beta1"), "", admission.Delete, &metav1.DeleteOptions{}, false, nil),
		attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, nil, nil),
		attrs(containerRecreateRequests, "ContainerRecreateRequest", admission.Create, &apps.ContainerRecreateRequest{}, nil),
		attrs(podUnavailableBudgets, "PodUnavailableBudget", admission.Create, &policy.PodUnavailableBudget{}, nil),
		attrs(workloadSpreads, "WorkloadSpread", admission.Create, &apps.WorkloadSpread{}, nil),
		attrs(sidecarSets, "SidecarSet", admission.Create, &apps.SidecarSet{}, nil),
		attrs(sidecarSets, "SidecarSet", admission.Create, &apps.SidecarSet{Spec: apps.SidecarSetSpec{InjectionStrategy: apps.SidecarSetInjectionStrategy{Revision: &apps.SidecarSetInjectRevision{}}}}, nil),
		// A status write never reaches the rules.
		admission.NewAttributesRecord(cloneSet("missing"), cloneSet(), apps.Kind("CloneSet").WithVersion("v1beta1"), testNS, "cs",
			cloneSets.WithVersion("v1beta1"), "status", admission.Update, &metav1.UpdateOptions{}, false, nil),
	}
	for i, a := range cases {
		if err := p.Admit(context.Background(), a, nil); err != nil {
			t.Errorf("%d: Admit: %v", i, err)
		}
		if err := p.Validate(context.Background(), a, nil); err != nil {
			t.Errorf("%d: Validate: %v", i, err)
		}
	}
}

func TestValidateInitializationNeedsInitializers(t *testing.T) {
	if err := New().ValidateInitialization(); err == nil {
		t.Fatal("an uninitialized plugin passed ValidateInitialization")
	}
}

type noConfig struct{}

func (noConfig) ConfigFor(string) (io.Reader, error) { return nil, nil }

func TestRegisterAndInitialize(t *testing.T) {
	plugins := admission.NewPlugins()
	Register(plugins)
	kube := k8sfake.NewClientset()
	kruise := kruisefake.NewSimpleClientset()
	inits := admission.PluginInitializers{
		genericadmissioninit.New(kube, nil, informers.NewSharedInformerFactory(kube, 0), nil, nil, nil, nil, nil),
		kruiseinit.New(kruise, kruiseinformers.NewSharedInformerFactory(kruise, 0), testKruiseNS),
	}
	chain, err := plugins.NewFromPlugins([]string{PluginName}, noConfig{}, inits, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := chain.(admission.MutationInterface); !ok || !chain.Handles(admission.Delete) {
		t.Fatalf("chain %T does not mutate or does not handle DELETE", chain)
	}
}

func apiEqual(a, b any) bool {
	return apiequality.Semantic.DeepEqual(a, b)
}
