package statefulset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func TestParentAndOrdinalReadTheNameSuffix(t *testing.T) {
	for _, tc := range []struct {
		name, parent string
		ordinal      int
	}{
		{"web-0", "web", 0},
		{"my-web-12", "my-web", 12},
		{"web", "", -1},
		{"web-x", "", -1},
		{"web-99999999999", "", -1},
	} {
		parent, ord := parentAndOrdinal(tc.name)
		assert.Equal(t, tc.parent, parent, tc.name)
		assert.Equal(t, tc.ordinal, ord, tc.name)
	}
}

func TestReservedOrdinalsAcceptIntegersAndRanges(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []intstr.IntOrString
		want []int
	}{
		{"none", nil, nil},
		{"integers", []intstr.IntOrString{intstr.FromInt32(1), intstr.FromInt32(3)}, []int{1, 3}},
		{"range includes both ends", []intstr.IntOrString{intstr.FromString("2-4")}, []int{2, 3, 4}},
		{"mixed and overlapping", []intstr.IntOrString{intstr.FromInt32(0), intstr.FromString("0-1"), intstr.FromString("5-5")}, []int{0, 1, 5}},
		{"a malformed range voids the list", []intstr.IntOrString{intstr.FromInt32(1), intstr.FromString("4-2")}, nil},
		{"a non-number voids the list", []intstr.IntOrString{intstr.FromString("a-b")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := reservedOrdinals(tc.in)
			var ords []int
			for o := 0; o < 10; o++ {
				if got[o] {
					ords = append(ords, o)
				}
			}
			assert.Equal(t, tc.want, ords)
		})
	}
}

func TestOrdinalRangeSkipsReservedOrdinals(t *testing.T) {
	for _, tc := range []struct {
		name            string
		start, replicas int
		reserved        []int
		wantOrdinals    []int
		wantEnd         int
	}{
		{"plain", 0, 3, nil, []int{0, 1, 2}, 3},
		{"start", 5, 2, nil, []int{5, 6}, 7},
		{"reserved inside", 0, 3, []int{1}, []int{0, 2, 3}, 4},
		{"reserved below start are ignored", 2, 4, []int{1, 3}, []int{2, 4, 5, 6}, 7},
		{"reserved first ordinals", 0, 2, []int{0, 1}, []int{2, 3}, 4},
		{"zero replicas", 0, 0, []int{0}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := map[int]bool{}
			for _, o := range tc.reserved {
				res[o] = true
			}
			r := newOrdinalRange(tc.start, tc.replicas, res)
			assert.Equal(t, tc.wantOrdinals, r.ordinals())
			assert.Equal(t, tc.wantEnd, r.end)
			for i, o := range tc.wantOrdinals {
				assert.Equal(t, i, r.rank(o))
			}
		})
	}
}

func TestSplitCondemnsPodsOutsideTheRangeHighestFirst(t *testing.T) {
	r := newOrdinalRange(0, 3, map[int]bool{1: true})
	pods := []*v1.Pod{named("web-0"), named("web-1"), named("web-2"), named("web-3"), named("web-4"), named("web-7"), named("stray")}
	wanted, condemned := r.split(pods)
	assert.ElementsMatch(t, []int{0, 2, 3}, keys(wanted))
	var names []string
	for _, p := range condemned {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"web-7", "web-4", "web-1"}, names)
}

func named(name string) *v1.Pod {
	return &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns"}}
}

func keys(m map[int]*v1.Pod) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}
