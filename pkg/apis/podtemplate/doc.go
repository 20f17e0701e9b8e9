// Package podtemplate holds the defaulting and validation that the aggregated
// server applies to the core/v1 pod templates and persistent volume claim
// templates embedded in OpenKruise workloads (CloneSet, Advanced StatefulSet,
// ...).
//
// kube-apiserver and OpenKruise implement these rules with packages from
// k8s.io/kubernetes, which this module must not import. This package is an
// independent implementation that works directly on the versioned
// k8s.io/api/core/v1 types:
//
//   - SetDefaultsPodTemplate mirrors what the core/v1 scheme defaults on a pod
//     template (not on a Pod: pod-only defaults such as enableServiceLinks or
//     requests-from-limits are intentionally not applied), plus OpenKruise's
//     rule that regular containers default imagePullPolicy to Always.
//   - SetDefaultsPersistentVolumeClaim mirrors the core/v1 defaults of a
//     PersistentVolumeClaim used as a volume claim template.
//   - ValidatePodTemplateSpec and ValidatePersistentVolumeClaimTemplate are a
//     subset of the upstream core validation, reporting the same error types
//     and field paths. Like upstream, they expect defaulted input (for example
//     an empty restartPolicy is reported as required).
package podtemplate
