package pub

// Labels and annotations shared by the apps.kruise.io workloads.
const (
	// ControllerRevisionHashLabelKey is Kruise's own revision label (pods also carry apps/v1's controller-revision-hash).
	ControllerRevisionHashLabelKey = "apps.kruise.io/controller-revision-hash"
	// SpecifiedDeleteKey on a pod asks its CloneSet or Advanced StatefulSet to delete (and replace) it.
	SpecifiedDeleteKey = "apps.kruise.io/specified-delete"
	// ReservedPodLabelKey marks UnitedDeployment pods reserved in an unschedulable subset.
	ReservedPodLabelKey = "apps.kruise.io/united-deployment-reserved-pod"
	// SubSetNameLabelKey names the UnitedDeployment subset of a workload or pod.
	SubSetNameLabelKey = "apps.kruise.io/subset-name"
	// AnnotationSubsetPatchKey holds the subset patch applied to a UnitedDeployment subset workload.
	AnnotationSubsetPatchKey = "apps.kruise.io/subset-patch"
	// ImagePreDownloadCreatedKey and ImagePreDownloadIgnoredKey label ControllerRevisions handled by pre-download.
	ImagePreDownloadCreatedKey = "apps.kruise.io/pre-predownload-created"
	ImagePreDownloadIgnoredKey = "apps.kruise.io/image-predownload-ignored"
	// Workload annotations tuning image pre-download (the v1alpha1 CloneSet form of the inPlaceUpdateStrategy fields).
	ImagePreDownloadParallelismKey         = "apps.kruise.io/image-predownload-parallelism"
	ImagePreDownloadTimeoutSecondsKey      = "apps.kruise.io/image-predownload-timeout-seconds"
	ImagePreDownloadMinUpdatedReadyPodsKey = "apps.kruise.io/image-predownload-min-updated-ready-pods"
	// Env vars of Job pods asking the sidecar terminator to stop sidecars.
	KruiseTerminateSidecarEnv          = "KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT"
	KruiseTerminateSidecarWithImageEnv = "KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT_WITH_IMAGE"
	KruiseIgnoreContainerExitCodeEnv   = "KRUISE_TERMINATE_SIDECAR_IGNORE_EXIT_CODE"
	// Enhanced liveness annotations.
	AnnotationUsingEnhancedLiveness       = "apps.kruise.io/using-enhanced-liveness"
	AnnotationNativeContainerProbeContext = "apps.kruise.io/container-probe-context"
)
