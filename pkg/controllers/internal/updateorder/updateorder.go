// Package updateorder decides which pods a rolling update touches first: pods that are already out
// of service, then the workload's priorityStrategy (weights or ordered label values), then its
// scatterStrategy spreading pods with given labels over the whole rollout.
package updateorder

import (
	"sort"
	"strconv"
	"unicode"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps/pub"
)

// ScatterTerm is one key=value label pair whose pods should not be updated together.
type ScatterTerm struct {
	Key, Value string
}

// Sort orders pods for update in place. notReadyFirst ranks pods that are not ready (already out of
// service) first, which costs no extra unavailability.
func Sort(pods []*v1.Pod, priority *pub.UpdatePriorityStrategy, scatter []ScatterTerm, isReady func(*v1.Pod) bool) {
	weights := make(map[*v1.Pod]int64, len(pods))
	var selectors []labels.Selector
	if priority != nil {
		for _, w := range priority.WeightPriority {
			s, err := metav1.LabelSelectorAsSelector(&w.MatchSelector)
			if err != nil {
				s = labels.Nothing()
			}
			selectors = append(selectors, s)
		}
		for _, p := range pods {
			for i, w := range priority.WeightPriority {
				if selectors[i].Matches(labels.Set(p.Labels)) {
					weights[p] += int64(w.Weight)
				}
			}
		}
	}
	sort.SliceStable(pods, func(i, j int) bool {
		a, b := pods[i], pods[j]
		if ra, rb := isReady(a), isReady(b); ra != rb {
			return !ra
		}
		if priority != nil {
			if wa, wb := weights[a], weights[b]; wa != wb {
				return wa > wb
			}
			for _, term := range priority.OrderPriority {
				va, oka := orderValue(a, term.OrderedKey)
				vb, okb := orderValue(b, term.OrderedKey)
				if oka != okb {
					return oka
				}
				if va != vb {
					return va > vb
				}
			}
		}
		return false
	})
	for _, term := range scatter {
		spread(pods, term)
	}
}

// orderValue reads the integer at the end of the label's value ("v12" → 12).
func orderValue(pod *v1.Pod, key string) (int64, bool) {
	v, ok := pod.Labels[key]
	if !ok {
		return 0, false
	}
	i := len(v)
	for i > 0 && unicode.IsDigit(rune(v[i-1])) {
		i--
	}
	n, err := strconv.ParseInt(v[i:], 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// spread moves the pods matching term to evenly spaced positions, keeping the relative order of
// both the matching and the other pods.
func spread(pods []*v1.Pod, term ScatterTerm) {
	var match, rest []*v1.Pod
	for _, p := range pods {
		if v, ok := p.Labels[term.Key]; ok && v == term.Value {
			match = append(match, p)
		} else {
			rest = append(rest, p)
		}
	}
	n, m := len(pods), len(match)
	if m == 0 || m == n {
		return
	}
	next := 0
	for i := 0; i < m; i++ {
		// The i-th matching pod goes at the middle of the i-th of m equal slices of the order.
		pos := (2*i + 1) * n / (2 * m)
		for next < pos-i && len(rest) > 0 {
			pods[next+i] = rest[0]
			rest = rest[1:]
			next++
		}
		pods[next+i] = match[i]
	}
	copy(pods[next+m:], rest)
}
