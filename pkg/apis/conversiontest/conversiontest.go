// Package conversiontest checks conversions between served versions by their exact JSON.
package conversiontest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
)

// Convert decodes in (JSON of any registered version, apiVersion and kind set), converts it
// through the internal version to target and returns the encoded JSON. Defaulting is not applied,
// so the output shows the conversion alone.
func Convert(t *testing.T, scheme *runtime.Scheme, in string, target schema.GroupVersion) string {
	t.Helper()
	codecs := serializer.NewCodecFactory(scheme)
	decoder := codecs.UniversalDeserializer()
	obj, gvk, err := decoder.Decode([]byte(in), nil, nil)
	require.NoError(t, err, "decoding input")
	internal, err := scheme.ConvertToVersion(obj, schema.GroupVersion{Group: gvk.Group, Version: runtime.APIVersionInternal})
	require.NoError(t, err, "converting to internal")
	out, err := scheme.ConvertToVersion(internal, target)
	require.NoError(t, err, "converting to %s", target)
	data, err := json.Marshal(out)
	require.NoError(t, err)
	return string(data)
}

// AssertConverts checks that in converts to exactly want (compared as JSON documents).
func AssertConverts(t *testing.T, scheme *runtime.Scheme, in string, target schema.GroupVersion, want string) {
	t.Helper()
	require.JSONEq(t, want, Convert(t, scheme, in, target))
}
