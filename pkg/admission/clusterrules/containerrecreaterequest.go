package clusterrules

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
)

const (
	// virtualKubeletLabelKey/Value mark a virtual-kubelet node; the mark is copied onto the
	// ContainerRecreateRequests of its pods.
	virtualKubeletLabelKey   = "type"
	virtualKubeletLabelValue = "virtual-kubelet"

	// sidecarTerminatedCondition is set by Kruise's sidecar terminator on a pod whose main
	// containers have finished; such a pod still accepts recreate requests.
	sidecarTerminatedCondition corev1.PodConditionType = "SidecarTerminated"
)

// admitContainerRecreateRequest checks a new ContainerRecreateRequest against its pod and fills in
// what the kruise-daemon needs from it: the grace period, each container's preStop hook (and ports,
// for HTTP hooks) and current container ID and restart count, and the pod's node and UID as
// labels. The object is only changed when every check passed.
func (p *Plugin) admitContainerRecreateRequest(ctx context.Context, a admission.Attributes, crr *apps.ContainerRecreateRequest) error {
	spec := &crr.Spec
	if spec.PodName == "" || len(spec.Containers) == 0 {
		// The resource's own validation reports these together with any other field error.
		return nil
	}
	specPath := field.NewPath("spec")
	podNamePath := specPath.Child("podName")
	containersPath := specPath.Child("containers")

	var errs field.ErrorList
	for i, c := range spec.Containers {
		cp := containersPath.Index(i)
		if c.PreStop != nil {
			errs = append(errs, field.Forbidden(cp.Child("preStop"), "is copied from the pod and may not be set"))
		}
		if len(c.Ports) > 0 {
			errs = append(errs, field.Forbidden(cp.Child("ports"), "are copied from the pod and may not be set"))
		}
		if c.StatusContext != nil {
			errs = append(errs, field.Forbidden(cp.Child("statusContext"), "is copied from the pod status and may not be set"))
		}
	}
	if len(errs) > 0 {
		return invalid(a, errs)
	}

	if err := p.waitReady(a); err != nil {
		return err
	}
	pod, err := p.getPod(ctx, a.GetNamespace(), spec.PodName)
	if apierrors.IsNotFound(err) {
		return invalid(a, field.ErrorList{field.NotFound(podNamePath, spec.PodName)})
	} else if err != nil {
		return lookupFailed(fmt.Sprintf("pod %s/%s", a.GetNamespace(), spec.PodName), err)
	}
	if !podActive(pod) && !terminatedBySidecarTerminator(pod) {
		return forbidden(a, podNamePath, fmt.Sprintf("pod %s has finished or is being deleted; its containers cannot be recreated", pod.Name))
	}
	if pod.Spec.NodeName == "" {
		return forbidden(a, podNamePath, fmt.Sprintf("pod %s is not scheduled to a node yet; its containers cannot be recreated", pod.Name))
	}
	node, err := p.getNode(ctx, pod.Spec.NodeName)
	if apierrors.IsNotFound(err) {
		return forbidden(a, podNamePath, fmt.Sprintf("node %s of pod %s does not exist", pod.Spec.NodeName, pod.Name))
	} else if err != nil {
		return lookupFailed("node "+pod.Spec.NodeName, err)
	}

	filled := make([]apps.ContainerRecreateRequestContainer, len(spec.Containers))
	seen := sets.New[string]()
	for i, c := range spec.Containers {
		namePath := containersPath.Index(i).Child("name")
		if seen.Has(c.Name) {
			errs = append(errs, field.Duplicate(namePath, c.Name))
			continue
		}
		seen.Insert(c.Name)
		podContainer := findContainer(pod, c.Name)
		if podContainer == nil {
			errs = append(errs, field.NotFound(namePath, c.Name))
			continue
		}
		status := findContainerStatus(pod, c.Name)
		switch {
		case status == nil:
			errs = append(errs, field.Invalid(namePath, c.Name, "the pod reports no status for this container"))
			continue
		case status.ContainerID == "":
			errs = append(errs, field.Invalid(namePath, c.Name, "the container has no containerID in the pod status yet (not started)"))
			continue
		}
		if lc := podContainer.Lifecycle; lc != nil && lc.PreStop != nil &&
			(lc.PreStop.Exec != nil || lc.PreStop.HTTPGet != nil || lc.PreStop.TCPSocket != nil) {
			c.PreStop = &apps.CRRProbeHandler{
				Exec:      lc.PreStop.Exec.DeepCopy(),
				HTTPGet:   lc.PreStop.HTTPGet.DeepCopy(),
				TCPSocket: lc.PreStop.TCPSocket.DeepCopy(),
			}
			// An HTTP hook may name its port; the daemon resolves it against these.
			if c.PreStop.HTTPGet != nil && len(podContainer.Ports) > 0 {
				c.Ports = append([]corev1.ContainerPort(nil), podContainer.Ports...)
			}
		}
		c.StatusContext = &apps.ContainerRecreateRequestContainerContext{
			ContainerID:  status.ContainerID,
			RestartCount: status.RestartCount,
		}
		filled[i] = c
	}
	if len(errs) > 0 {
		return invalid(a, errs)
	}

	spec.Containers = filled
	if spec.Strategy == nil {
		spec.Strategy = &apps.ContainerRecreateRequestStrategy{}
	}
	if spec.Strategy.FailurePolicy == "" {
		spec.Strategy.FailurePolicy = apps.ContainerRecreateRequestFailurePolicyFail
	}
	if spec.Strategy.TerminationGracePeriodSeconds == nil && pod.Spec.TerminationGracePeriodSeconds != nil {
		grace := *pod.Spec.TerminationGracePeriodSeconds
		spec.Strategy.TerminationGracePeriodSeconds = &grace
	}
	labels := make(map[string]string, len(crr.Labels)+4)
	for k, v := range crr.Labels {
		labels[k] = v
	}
	labels[apps.ContainerRecreateRequestActiveKey] = "true"
	labels[apps.ContainerRecreateRequestNodeNameKey] = pod.Spec.NodeName
	labels[apps.ContainerRecreateRequestPodUIDKey] = string(pod.UID)
	if node.Labels[virtualKubeletLabelKey] == virtualKubeletLabelValue {
		labels[virtualKubeletLabelKey] = virtualKubeletLabelValue
	}
	crr.Labels = labels
	return nil
}

// podActive reports whether the pod has neither finished nor started terminating.
func podActive(pod *corev1.Pod) bool {
	return pod.DeletionTimestamp == nil &&
		pod.Status.Phase != corev1.PodSucceeded && pod.Status.Phase != corev1.PodFailed
}

func terminatedBySidecarTerminator(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == sidecarTerminatedCondition {
			return true
		}
	}
	return false
}

// findContainer looks a container up among the pod's init and regular containers.
func findContainer(pod *corev1.Pod, name string) *corev1.Container {
	for _, list := range [][]corev1.Container{pod.Spec.InitContainers, pod.Spec.Containers} {
		for i := range list {
			if list[i].Name == name {
				return &list[i]
			}
		}
	}
	return nil
}

// findContainerStatus looks among the regular containers' statuses only, as OpenKruise does: the
// kruise-daemon recreates containers it finds there.
func findContainerStatus(pod *corev1.Pod, name string) *corev1.ContainerStatus {
	for i := range pod.Status.ContainerStatuses {
		if pod.Status.ContainerStatuses[i].Name == name {
			return &pod.Status.ContainerStatuses[i]
		}
	}
	return nil
}
