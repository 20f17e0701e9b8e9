package preserve

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type extra struct {
	Ordinals []int `json:"ordinals,omitempty"`
}

func TestSaveThenRestoreGivesBackTheFieldsAndTheOriginalAnnotations(t *testing.T) {
	original := map[string]string{"a": "b"}
	meta := metav1.ObjectMeta{Annotations: original}
	require.NoError(t, Save(&meta, &extra{Ordinals: []int{1, 3}}))
	assert.Equal(t, `{"ordinals":[1,3]}`, meta.Annotations[AnnotationKey])
	assert.Equal(t, map[string]string{"a": "b"}, original, "the source map must not be modified")

	var got extra
	found, err := Restore(&meta, &got)
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, []int{1, 3}, got.Ordinals)
	assert.Equal(t, map[string]string{"a": "b"}, meta.Annotations)
}

func TestSaveOfEmptyFieldsAddsNoAnnotation(t *testing.T) {
	meta := metav1.ObjectMeta{}
	require.NoError(t, Save(&meta, &extra{}))
	require.NoError(t, Save(&meta, (*extra)(nil)))
	assert.Nil(t, meta.Annotations)
}

func TestRestoreDropsTheMapWhenItWasTheOnlyAnnotation(t *testing.T) {
	meta := metav1.ObjectMeta{Annotations: map[string]string{AnnotationKey: `{}`}}
	found, err := Restore(&meta, &extra{})
	require.NoError(t, err)
	assert.True(t, found)
	assert.Nil(t, meta.Annotations)
}

func TestRestoreDropsMalformedJSONWithoutFailing(t *testing.T) {
	meta := metav1.ObjectMeta{Annotations: map[string]string{AnnotationKey: `{"ordinals":[1,`, "a": "b"}}
	got := extra{Ordinals: []int{9}}
	found, err := Restore(&meta, &got)
	require.NoError(t, err)
	assert.False(t, found)
	assert.Empty(t, got.Ordinals)
	assert.Equal(t, map[string]string{"a": "b"}, meta.Annotations)
}

func TestLabelHelpersCopyTheMap(t *testing.T) {
	original := map[string]string{"x": "1"}
	meta := metav1.ObjectMeta{Labels: original}
	SetLabel(&meta, "y", "2")
	RemoveLabel(&meta, "x")
	assert.Equal(t, map[string]string{"y": "2"}, meta.Labels)
	assert.Equal(t, map[string]string{"x": "1"}, original)
	RemoveLabel(&meta, "y")
	assert.Nil(t, meta.Labels)
}
