// Package clusterrules is the KruiseClusterRules admission plugin: the rules of OpenKruise's
// admission webhooks for its own kinds that cannot be checked from the object alone, because they
// read Pods, Nodes, ControllerRevisions or other Kruise objects.
//
// The plugin sees internal objects (*apps.CloneSet, *policy.PodUnavailableBudget, ...) after the
// resource's own defaulting; its validation runs after the resource's own validation, so it only
// adds the cross-object checks:
//
//   - CloneSet (both versions): pods newly named in spec.scaleStrategy.podsToDelete exist, are
//     not terminating and are controlled by this CloneSet.
//   - ContainerRecreateRequest create (mutating): the pod and its containers are checked and the
//     pod-derived fields and labels are filled in.
//   - PodUnavailableBudget, WorkloadSpread, PersistentPodState: no two in a namespace target the
//     same workload (PodUnavailableBudget also: no two with loosely overlapping selectors).
//   - SidecarSet: the injection revision's ControllerRevision exists; a canary's base exists and
//     is not a canary itself.
//   - CloneSet, Advanced StatefulSet, UnitedDeployment delete: the
//     policy.kruise.io/delete-protection label, behind the ResourcesDeletionProtection gate.
package clusterrules

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission"
	genericadmissioninit "k8s.io/apiserver/pkg/admission/initializer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"

	kruiseinit "github.com/kruise-aggregated/kruise/pkg/admission/initializer"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/policy"
	"github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	"github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
	appslisters "github.com/kruise-aggregated/kruise/pkg/generated/listers/apps/v1beta1"
	policylisters "github.com/kruise-aggregated/kruise/pkg/generated/listers/policy/v1beta1"
)

// PluginName is the name the plugin is registered and enabled under.
const PluginName = "KruiseClusterRules"

// DefaultKruiseNamespace is where Kruise's components (and the SidecarSet ControllerRevisions)
// live unless configured otherwise; OpenKruise reads it from POD_NAMESPACE the same way.
func DefaultKruiseNamespace() string {
	if ns := os.Getenv("POD_NAMESPACE"); ns != "" {
		return ns
	}
	return "kruise-system"
}

var (
	cloneSets                 = apps.Resource("clonesets")
	statefulSets              = apps.Resource("statefulsets")
	unitedDeployments         = apps.Resource("uniteddeployments")
	containerRecreateRequests = apps.Resource("containerrecreaterequests")
	sidecarSets               = apps.Resource("sidecarsets")
	workloadSpreads           = apps.Resource("workloadspreads")
	persistentPodStates       = apps.Resource("persistentpodstates")
	podUnavailableBudgets     = policy.Resource("podunavailablebudgets")
)

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(io.Reader) (admission.Interface, error) {
		return New(), nil
	})
}

// Plugin is the KruiseClusterRules admission plugin.
type Plugin struct {
	*admission.Handler

	kruiseNamespace string

	// kubeClient reads what the informers do not hold (ControllerRevisions) and objects
	// the informers have not seen yet.
	kubeClient kubernetes.Interface
	podLister  corelisters.PodLister
	nodeLister corelisters.NodeLister

	kruiseClient             versioned.Interface
	sidecarSetLister         appslisters.SidecarSetLister
	workloadSpreadLister     appslisters.WorkloadSpreadLister
	persistentPodStateLister appslisters.PersistentPodStateLister
	pubLister                policylisters.PodUnavailableBudgetLister

	synced []cache.InformerSynced
}

var (
	_ admission.MutationInterface                           = &Plugin{}
	_ admission.ValidationInterface                         = &Plugin{}
	_ admission.InitializationValidator                     = &Plugin{}
	_ genericadmissioninit.WantsExternalKubeClientSet       = &Plugin{}
	_ genericadmissioninit.WantsExternalKubeInformerFactory = &Plugin{}
	_ kruiseinit.WantsKruiseClientSet                       = &Plugin{}
	_ kruiseinit.WantsKruiseInformerFactory                 = &Plugin{}
	_ kruiseinit.WantsKruiseNamespace                       = &Plugin{}
)

// New returns the plugin; it is usable once its initializers have run.
func New() *Plugin {
	p := &Plugin{
		Handler:         admission.NewHandler(admission.Create, admission.Update, admission.Delete),
		kruiseNamespace: DefaultKruiseNamespace(),
	}
	p.SetReadyFunc(p.hasSynced)
	return p
}

func (p *Plugin) hasSynced() bool {
	for _, synced := range p.synced {
		if !synced() {
			return false
		}
	}
	return true
}

// SetExternalKubeClientSet implements genericadmissioninit.WantsExternalKubeClientSet.
func (p *Plugin) SetExternalKubeClientSet(client kubernetes.Interface) {
	p.kubeClient = client
}

// SetExternalKubeInformerFactory implements genericadmissioninit.WantsExternalKubeInformerFactory.
func (p *Plugin) SetExternalKubeInformerFactory(f informers.SharedInformerFactory) {
	pods := f.Core().V1().Pods()
	nodes := f.Core().V1().Nodes()
	p.podLister = pods.Lister()
	p.nodeLister = nodes.Lister()
	p.synced = append(p.synced, pods.Informer().HasSynced, nodes.Informer().HasSynced)
}

// SetKruiseClientSet implements kruiseinit.WantsKruiseClientSet.
func (p *Plugin) SetKruiseClientSet(client versioned.Interface) {
	p.kruiseClient = client
}

// SetKruiseInformerFactory implements kruiseinit.WantsKruiseInformerFactory.
func (p *Plugin) SetKruiseInformerFactory(f externalversions.SharedInformerFactory) {
	ss := f.Apps().V1beta1().SidecarSets()
	ws := f.Apps().V1beta1().WorkloadSpreads()
	pps := f.Apps().V1beta1().PersistentPodStates()
	pubs := f.Policy().V1beta1().PodUnavailableBudgets()
	p.sidecarSetLister = ss.Lister()
	p.workloadSpreadLister = ws.Lister()
	p.persistentPodStateLister = pps.Lister()
	p.pubLister = pubs.Lister()
	p.synced = append(p.synced, ss.Informer().HasSynced, ws.Informer().HasSynced,
		pps.Informer().HasSynced, pubs.Informer().HasSynced)
}

// SetKruiseNamespace implements kruiseinit.WantsKruiseNamespace.
func (p *Plugin) SetKruiseNamespace(ns string) {
	if ns != "" {
		p.kruiseNamespace = ns
	}
}

// ValidateInitialization implements admission.InitializationValidator.
func (p *Plugin) ValidateInitialization() error {
	var missing []error
	if p.kubeClient == nil {
		missing = append(missing, errors.New("missing kube client"))
	}
	if p.podLister == nil || p.nodeLister == nil {
		missing = append(missing, errors.New("missing core informers"))
	}
	if p.kruiseClient == nil {
		missing = append(missing, errors.New("missing Kruise client"))
	}
	if p.sidecarSetLister == nil || p.workloadSpreadLister == nil || p.persistentPodStateLister == nil || p.pubLister == nil {
		missing = append(missing, errors.New("missing Kruise informers"))
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: %w", PluginName, errors.Join(missing...))
	}
	return nil
}

// waitReady blocks until the informers have synced (at most ten seconds) and refuses the request
// if they have not.
func (p *Plugin) waitReady(a admission.Attributes) error {
	if p.WaitForReady() {
		return nil
	}
	return admission.NewForbidden(a, fmt.Errorf("%s is not yet ready to handle the request", PluginName))
}

func resourceOf(a admission.Attributes) (schema.GroupResource, bool) {
	// Subresources (status, scale) never carry the fields these rules look at.
	if a.GetSubresource() != "" {
		return schema.GroupResource{}, false
	}
	return a.GetResource().GroupResource(), true
}

// Admit implements admission.MutationInterface: it completes ContainerRecreateRequests at create.
func (p *Plugin) Admit(ctx context.Context, a admission.Attributes, _ admission.ObjectInterfaces) error {
	gr, ok := resourceOf(a)
	if !ok || gr != containerRecreateRequests || a.GetOperation() != admission.Create {
		return nil
	}
	crr, ok := a.GetObject().(*apps.ContainerRecreateRequest)
	if !ok {
		return nil
	}
	return p.admitContainerRecreateRequest(ctx, a, crr)
}

// Validate implements admission.ValidationInterface.
func (p *Plugin) Validate(ctx context.Context, a admission.Attributes, _ admission.ObjectInterfaces) error {
	gr, ok := resourceOf(a)
	if !ok {
		return nil
	}
	op := a.GetOperation()
	if op == admission.Delete {
		switch gr {
		case cloneSets, statefulSets, unitedDeployments:
			return validateDeletionProtection(a)
		}
		return nil
	}
	if op != admission.Create && op != admission.Update {
		return nil
	}
	switch gr {
	case cloneSets:
		return p.validateCloneSetPodsToDelete(ctx, a)
	case sidecarSets:
		return p.validateSidecarSet(ctx, a)
	case podUnavailableBudgets:
		return p.validatePodUnavailableBudget(a)
	case workloadSpreads:
		return p.validateWorkloadSpread(a)
	case persistentPodStates:
		return p.validatePersistentPodState(a)
	}
	return nil
}
