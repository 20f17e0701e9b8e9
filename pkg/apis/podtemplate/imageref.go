package podtemplate

import (
	"regexp"

	corev1 "k8s.io/api/core/v1"
)

// The expressions below follow the published grammar of container image
// references (registry host, lowercase repository path, optional tag,
// optional digest).
const (
	refAlnum         = `[a-z0-9]+`
	refSeparator     = `(?:[._]|__|[-]+)`
	refPathComponent = refAlnum + `(?:` + refSeparator + refAlnum + `)*`
	refDomainLabel   = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
	refHost          = `(?:` + refDomainLabel + `(?:\.` + refDomainLabel + `)*|\[[a-fA-F0-9:]+\])`
	refDomain        = refHost + `(?::[0-9]+)?`
	refName          = `(?:` + refDomain + `/)?` + refPathComponent + `(?:/` + refPathComponent + `)*`
	refTag           = `[\w][\w.-]{0,127}`
	refDigest        = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
)

var (
	imageReferenceRegexp = regexp.MustCompile(`^(` + refName + `)(?::(` + refTag + `))?(?:@(` + refDigest + `))?$`)
	bareImageIDRegexp    = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

// maxImageNameLength bounds the repository part of a reference.
const maxImageNameLength = 255

// imageTag returns the tag an image reference resolves to: the explicit tag
// if there is one, "latest" for a bare repository name, and "" for a
// digest-only reference or a reference that cannot be parsed.
func imageTag(image string) string {
	if bareImageIDRegexp.MatchString(image) {
		return ""
	}
	m := imageReferenceRegexp.FindStringSubmatch(image)
	if m == nil || len(m[1]) > maxImageNameLength {
		return ""
	}
	tag, digest := m[2], m[3]
	switch {
	case tag != "":
		return tag
	case digest != "":
		return ""
	default:
		return "latest"
	}
}

// pullPolicyForImage is the kube-apiserver default for an unset pull policy:
// Always for images resolving to the "latest" tag, IfNotPresent otherwise.
func pullPolicyForImage(image string) corev1.PullPolicy {
	if imageTag(image) == "latest" {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}
