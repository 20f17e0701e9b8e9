package statefulset

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	appsv1beta1 "github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

// podNamePattern splits a StatefulSet pod name into its set name and ordinal.
var podNamePattern = regexp.MustCompile(`^(.*)-([0-9]+)$`)

// parentAndOrdinal returns the set name and ordinal encoded in a pod name, or "", -1 when the
// name has no ordinal suffix.
func parentAndOrdinal(name string) (string, int) {
	m := podNamePattern.FindStringSubmatch(name)
	if m == nil {
		return "", -1
	}
	ord, err := strconv.ParseInt(m[2], 10, 32)
	if err != nil {
		return "", -1
	}
	return m[1], int(ord)
}

// ordinalOf returns the pod's ordinal, or -1.
func ordinalOf(pod *v1.Pod) int {
	_, ord := parentAndOrdinal(pod.Name)
	return ord
}

// podName is the name of the set's pod at ordinal.
func podName(setName string, ordinal int) string {
	return setName + "-" + strconv.Itoa(ordinal)
}

// claimName is the name of the PVC of template claim for the pod at ordinal.
func claimName(claim, setName string, ordinal int) string {
	return claim + "-" + setName + "-" + strconv.Itoa(ordinal)
}

// reservedOrdinals parses spec.reserveOrdinals: integers and "a-b" ranges (both ends included).
// Like OpenKruise, one malformed entry makes the whole list void rather than half applied.
func reservedOrdinals(list []intstr.IntOrString) map[int]bool {
	out := map[int]bool{}
	for _, r := range list {
		if r.Type == intstr.Int {
			out[int(r.IntVal)] = true
			continue
		}
		lo, hi, ok := parseRange(r.StrVal)
		if !ok {
			return map[int]bool{}
		}
		for i := lo; i <= hi; i++ {
			out[i] = true
		}
	}
	return out
}

func parseRange(s string) (int, int, bool) {
	a, b, found := strings.Cut(s, "-")
	if !found {
		// A plain number written as a string is a single ordinal.
		n, err := strconv.Atoi(strings.TrimSpace(s))
		return n, n, err == nil && n >= 0
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || lo < 0 || lo > hi {
		return 0, 0, false
	}
	return lo, hi, true
}

// ordinalRange is where a set's pods live: ordinals in [start, end) that are not reserved. end is
// the smallest bound leaving room for exactly `replicas` unreserved ordinals.
type ordinalRange struct {
	start, end int
	reserved   map[int]bool
}

func newOrdinalRange(start, replicas int, reserved map[int]bool) ordinalRange {
	end := start
	for n := 0; n < replicas; end++ {
		if !reserved[end] {
			n++
		}
	}
	return ordinalRange{start: start, end: end, reserved: reserved}
}

func rangeOf(set *appsv1beta1.StatefulSet) ordinalRange {
	start := 0
	if set.Spec.Ordinals != nil {
		start = int(set.Spec.Ordinals.Start)
	}
	return newOrdinalRange(start, int(replicasOf(set)), reservedOrdinals(set.Spec.ReserveOrdinals))
}

// contains reports whether ordinal belongs to a pod the set wants.
func (r ordinalRange) contains(ordinal int) bool {
	return ordinal >= r.start && ordinal < r.end && !r.reserved[ordinal]
}

// ordinals lists the wanted ordinals in ascending order.
func (r ordinalRange) ordinals() []int {
	var out []int
	for o := r.start; o < r.end; o++ {
		if !r.reserved[o] {
			out = append(out, o)
		}
	}
	return out
}

// rank is the position of ordinal among the wanted ordinals (0 for the first).
func (r ordinalRange) rank(ordinal int) int {
	n := 0
	for o := r.start; o < ordinal; o++ {
		if !r.reserved[o] {
			n++
		}
	}
	return n
}

// split sorts the set's pods into the wanted ones, by ordinal, and the condemned ones (outside
// the range or reserved), highest ordinal first. Pods whose name carries no ordinal are ignored.
func (r ordinalRange) split(pods []*v1.Pod) (byOrdinal map[int]*v1.Pod, condemned []*v1.Pod) {
	byOrdinal = map[int]*v1.Pod{}
	for _, p := range pods {
		ord := ordinalOf(p)
		switch {
		case ord < 0:
		case r.contains(ord):
			byOrdinal[ord] = p
		default:
			condemned = append(condemned, p)
		}
	}
	sort.Slice(condemned, func(i, j int) bool { return ordinalOf(condemned[i]) > ordinalOf(condemned[j]) })
	return byOrdinal, condemned
}

func replicasOf(set *appsv1beta1.StatefulSet) int32 {
	if set.Spec.Replicas == nil {
		return 1
	}
	return *set.Spec.Replicas
}
