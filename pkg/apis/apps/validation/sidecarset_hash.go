package validation

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/rand"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// SidecarSetHash is the value of the kruise.io/sidecarset-hash annotation: a hash of the sidecar
// containers in their v1beta1 JSON form (init containers are included only when one of them is a
// native sidecar), encoded exactly as OpenKruise encodes it so pods injected by OpenKruise keep
// matching. Call it after defaulting.
func SidecarSetHash(spec *apps.SidecarSetSpec) (string, error) {
	return sidecarSetHash(spec, false)
}

// SidecarSetHashWithoutImage is the value of kruise.io/sidecarset-hash-without-image: the same hash
// with every image blanked, which tells whether only images changed.
func SidecarSetHashWithoutImage(spec *apps.SidecarSetSpec) (string, error) {
	return sidecarSetHash(spec, true)
}

// SetSidecarSetHashAnnotations writes both hash annotations on obj (copying the annotation map).
func SetSidecarSetHashAnnotations(obj *apps.SidecarSet) error {
	hash, err := SidecarSetHash(&obj.Spec)
	if err != nil {
		return err
	}
	withoutImage, err := SidecarSetHashWithoutImage(&obj.Spec)
	if err != nil {
		return err
	}
	annotations := make(map[string]string, len(obj.Annotations)+2)
	for k, v := range obj.Annotations {
		annotations[k] = v
	}
	annotations[apps.SidecarSetHashAnnotation] = hash
	annotations[apps.SidecarSetHashWithoutImageAnnotation] = withoutImage
	obj.Annotations = annotations
	return nil
}

func sidecarSetHash(spec *apps.SidecarSetSpec, withoutImage bool) (string, error) {
	if spec == nil {
		spec = &apps.SidecarSetSpec{}
	}
	containers, err := externalSidecarContainers(spec.Containers, withoutImage)
	if err != nil {
		return "", err
	}
	doc := map[string]interface{}{"containers": containers}
	for i := range spec.InitContainers {
		if isNativeSidecarContainer(&spec.InitContainers[i].Container) {
			initContainers, err := externalSidecarContainers(spec.InitContainers, withoutImage)
			if err != nil {
				return "", err
			}
			doc["initContainers"] = initContainers
			break
		}
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("encoding sidecar containers: %w", err)
	}
	sum := sha256.Sum256(data)
	return rand.SafeEncodeString(hex.EncodeToString(sum[:])), nil
}

// externalSidecarContainers converts to the v1beta1 type, whose JSON the hash covers; nil stays nil.
func externalSidecarContainers(in []apps.SidecarContainer, withoutImage bool) ([]v1beta1.SidecarContainer, error) {
	if in == nil {
		return nil, nil
	}
	out := make([]v1beta1.SidecarContainer, len(in))
	for i := range in {
		c := in[i].DeepCopy()
		if withoutImage {
			c.Image = ""
		}
		if err := v1beta1.Convert_apps_SidecarContainer_To_v1beta1_SidecarContainer(c, &out[i], nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// isNativeSidecarContainer reports whether an init container keeps running beside the app (restartPolicy Always).
func isNativeSidecarContainer(c *corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}
