package intorpercent

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func TestResolve(t *testing.T) {
	pct := func(s string) *intstr.IntOrString { v := intstr.FromString(s); return &v }
	n := func(i int) *intstr.IntOrString { v := intstr.FromInt(i); return &v }
	assert.Equal(t, 0, Resolve(nil, 10, true))
	assert.Equal(t, 3, Resolve(n(3), 10, true))
	assert.Equal(t, 1, Resolve(pct("20%"), 5, false))
	assert.Equal(t, 0, Resolve(pct("20%"), 3, false), "rounds down")
	assert.Equal(t, 1, Resolve(pct("20%"), 3, true), "rounds up")
	assert.Equal(t, 0, Resolve(pct("abc"), 3, true), "malformed")
	assert.Equal(t, 0, Resolve(n(-2), 3, true), "negative")
}
