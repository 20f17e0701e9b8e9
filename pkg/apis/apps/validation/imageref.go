package validation

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Grammar of an image reference, as kruise-daemon parses it (docker reference grammar):
//
//	reference  := name [ ":" tag ] [ "@" digest ]
//	name       := [ domain "/" ] component ( "/" component )*
//	domain     := host-label ( "." host-label )* [ ":" port ]
//	component  := lower-alnum ( separator lower-alnum )*   separator: ".", "_", "__" or dashes
//	tag        := word-char ( word-char | "." | "-" ){0,127}
//	digest     := algorithm ":" hex
const (
	irAlnum     = `[a-z0-9]+`
	irComponent = irAlnum + `(?:(?:[._]|__|[-]*)` + irAlnum + `)*`
	irHostLabel = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
	irDomain    = irHostLabel + `(?:\.` + irHostLabel + `)*(?::[0-9]+)?`
	irName      = `(?:` + irDomain + `/)?` + irComponent + `(?:/` + irComponent + `)*`
	irTag       = `[\w][\w.-]{0,127}`
	irDigest    = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
)

var (
	imageRefRegexp   = regexp.MustCompile(`^(` + irName + `)(?::` + irTag + `)?(?:@(` + irDigest + `))?$`)
	hexImageIDRegexp = regexp.MustCompile(`^[a-f0-9]{64}$`)
	// digestHexLength is the hex length of each digest algorithm the daemon can verify.
	digestHexLength = map[string]int{"sha256": 64, "sha384": 96, "sha512": 128}
	lowerHexRegexp  = regexp.MustCompile(`^[a-f0-9]+$`)
)

const (
	maxImageRepositoryLength = 255
	defaultRegistry          = "docker.io"
)

// ValidateImageReference reports why ref is not an image reference kruise-daemon can pull.
// Short names are completed the usual way ("nginx" is docker.io/library/nginx) before the
// repository length limit of 255 characters is applied.
func ValidateImageReference(ref string) error {
	if ref == "" {
		return errors.New("must not be empty")
	}
	if hexImageIDRegexp.MatchString(ref) {
		return errors.New("must be a repository name, not a 64-character hexadecimal image ID")
	}
	domain, remainder := splitImageDomain(ref)
	repository, _, _ := strings.Cut(remainder, ":")
	if strings.ToLower(repository) != repository {
		return errors.New("repository name must be lowercase")
	}
	full := domain + "/" + remainder
	m := imageRefRegexp.FindStringSubmatch(full)
	if m == nil {
		if imageRefRegexp.MatchString(strings.ToLower(full)) {
			return errors.New("repository name must be lowercase")
		}
		return errors.New("invalid reference format")
	}
	if len(m[1]) > maxImageRepositoryLength {
		return fmt.Errorf("repository name must not be longer than %d characters", maxImageRepositoryLength)
	}
	if m[2] != "" {
		return validateImageDigest(m[2])
	}
	return nil
}

// splitImageDomain separates the registry from the rest: the first path element is a registry
// only if it contains "." or ":" or is "localhost"; otherwise the registry is docker.io, where
// single-element names live under "library/".
func splitImageDomain(ref string) (domain, remainder string) {
	first, rest, found := strings.Cut(ref, "/")
	if !found || (!strings.ContainsAny(first, ".:") && first != "localhost") {
		domain, remainder = defaultRegistry, ref
	} else {
		domain, remainder = first, rest
	}
	if domain == "index.docker.io" {
		domain = defaultRegistry
	}
	if domain == defaultRegistry && !strings.Contains(remainder, "/") {
		remainder = "library/" + remainder
	}
	return domain, remainder
}

func validateImageDigest(digest string) error {
	algorithm, hex, _ := strings.Cut(digest, ":")
	length, ok := digestHexLength[algorithm]
	if !ok {
		return fmt.Errorf("unsupported digest algorithm %q", algorithm)
	}
	if len(hex) != length {
		return fmt.Errorf("%s digest must have %d hexadecimal characters", algorithm, length)
	}
	if !lowerHexRegexp.MatchString(hex) {
		return errors.New("digest must be lower-case hexadecimal")
	}
	return nil
}
