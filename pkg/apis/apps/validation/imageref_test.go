package validation

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

const sha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func TestValidateImageReferenceAcceptsPullableReferences(t *testing.T) {
	for _, ref := range []string{
		"nginx",
		"nginx:1.25.3",
		"library/nginx:latest",
		"docker.io/library/nginx:alpine",
		"index.docker.io/team/app",
		"registry.example.com:5000/team/sub/app:v1.0-rc_1",
		"Registry.Example.COM/app:v1", // the registry host may use capitals
		"localhost/app",
		"localhost:5000/app:dev",
		"10.0.0.1:5000/app",
		"my-org/my__app.v2:tag",
		"a--b/c", // repeated dashes separate components
		"app@sha256:" + sha256Hex,
		"app:v1@sha256:" + sha256Hex,
		"app@sha512:" + strings.Repeat("ab", 64),
		strings.Repeat("a", 237), // docker.io/library/ + 237 characters = 255
	} {
		assert.NoError(t, ValidateImageReference(ref), ref)
	}
}

func TestValidateImageReferenceRejectsMalformedReferences(t *testing.T) {
	for _, ref := range []string{
		"",
		"Nginx",       // upper-case repository
		"team/App:v1", // upper-case repository component
		"nginx:",      // empty tag
		":v1",         // no name
		"nginx:-v1",   // tag must start with a word character
		"nginx:" + strings.Repeat("t", 129),
		"a//b",                  // empty component
		"-app",                  // component must start alphanumeric
		"app_",                  // component must end alphanumeric
		"app name",              // space
		"registry.example.com/", // no repository
		sha256Hex,               // bare image ID
		"app@sha256:abc",        // short digest
		"app@sha256:" + strings.ToUpper(sha256Hex),
		"app@md5:" + strings.Repeat("a", 32), // unsupported algorithm
		"app@" + sha256Hex,                   // digest without algorithm
		strings.Repeat("a", 238),             // 256 characters once completed
	} {
		assert.Error(t, ValidateImageReference(ref), ref)
	}
}
