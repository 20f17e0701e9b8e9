package expectations

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestScaleIsUnsatisfiedUntilEveryWriteIsObserved(t *testing.T) {
	s := NewScale()
	s.Expect("ns/cs", Create, "cs-a")
	s.Expect("ns/cs", Delete, "cs-b")

	ok, pending := s.Satisfied("ns/cs")
	assert.False(t, ok)
	assert.Equal(t, []string{"cs-a"}, pending[Create])
	assert.Equal(t, []string{"cs-b"}, pending[Delete])

	s.Observe("ns/cs", Create, "cs-a")
	ok, _ = s.Satisfied("ns/cs")
	assert.False(t, ok, "the delete is still pending")

	s.Observe("ns/cs", Delete, "cs-b")
	ok, _ = s.Satisfied("ns/cs")
	assert.True(t, ok)

	ok, _ = s.Satisfied("ns/other")
	assert.True(t, ok, "keys are independent")
}

func TestScaleGivesUpAfterTheTimeout(t *testing.T) {
	now := time.Unix(1000, 0)
	s := NewScale()
	s.now = func() time.Time { return now }
	s.Expect("k", Create, "p")
	ok, _ := s.Satisfied("k")
	assert.False(t, ok)
	now = now.Add(DefaultTimeout + time.Second)
	ok, _ = s.Satisfied("k")
	assert.True(t, ok)
}

func TestResourceVersionsWaitForACopyAtLeastAsNew(t *testing.T) {
	r := NewResourceVersions()
	written := &v1.Pod{ObjectMeta: metav1.ObjectMeta{UID: "u1", ResourceVersion: "20"}}
	r.Expect(written)

	stale := written.DeepCopy()
	stale.ResourceVersion = "19"
	assert.False(t, r.Satisfied(stale))

	fresh := written.DeepCopy()
	fresh.ResourceVersion = "21"
	assert.True(t, r.Satisfied(fresh))
	assert.True(t, r.Satisfied(stale), "satisfied once, the record is forgotten")

	other := &v1.Pod{ObjectMeta: metav1.ObjectMeta{UID: "u2", ResourceVersion: "1"}}
	assert.True(t, r.Satisfied(other))
}
