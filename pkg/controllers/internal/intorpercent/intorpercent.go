// Package intorpercent resolves the int-or-percent knobs of rollouts (partition, maxSurge,
// maxUnavailable) against a pod count.
package intorpercent

import "k8s.io/apimachinery/pkg/util/intstr"

// Resolve returns v as a count out of total, rounding a percentage up or down. Unset, malformed or
// negative values resolve to 0: validation rejects them, and a controller must not act on one that
// slipped through.
func Resolve(v *intstr.IntOrString, total int, roundUp bool) int {
	if v == nil {
		return 0
	}
	n, err := intstr.GetScaledValueFromIntOrPercent(v, total, roundUp)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
