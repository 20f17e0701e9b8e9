package pub

// Lifecycle state label and timestamp annotation written on pods by the workload controllers.
const (
	LifecycleStateKey     = "lifecycle.apps.kruise.io/state"
	LifecycleTimestampKey = "lifecycle.apps.kruise.io/timestamp"
)

// LifecycleStateType is the value of the lifecycle state label.
type LifecycleStateType string

// Lifecycle states a pod moves through.
const (
	LifecycleStatePreparingNormal LifecycleStateType = "PreparingNormal"
	LifecycleStateNormal          LifecycleStateType = "Normal"
	LifecycleStatePreparingUpdate LifecycleStateType = "PreparingUpdate"
	LifecycleStateUpdating        LifecycleStateType = "Updating"
	LifecycleStateUpdated         LifecycleStateType = "Updated"
	LifecycleStatePreparingDelete LifecycleStateType = "PreparingDelete"
)

// Lifecycle holds the hooks a workload honours around pod creation, in-place update and deletion.
type Lifecycle struct {
	// PreDelete holds a pod in PreparingDelete until the hook is released.
	// +optional
	PreDelete *LifecycleHook `json:"preDelete,omitempty"`
	// InPlaceUpdate holds a pod in PreparingUpdate before, and Updated after, an in-place update.
	// +optional
	InPlaceUpdate *LifecycleHook `json:"inPlaceUpdate,omitempty"`
	// PreNormal holds a new pod in PreparingNormal until the hook is satisfied.
	// +optional
	PreNormal *LifecycleHook `json:"preNormal,omitempty"`
}

// LifecycleHook says which labels or finalizers on a pod keep the hook in force.
type LifecycleHook struct {
	// LabelsHandler: the hook holds while the pod carries all of these labels.
	// +optional
	LabelsHandler map[string]string `json:"labelsHandler,omitempty"`
	// FinalizersHandler: the hook holds while the pod carries any of these finalizers.
	// +optional
	// +listType=atomic
	FinalizersHandler []string `json:"finalizersHandler,omitempty"`
	// MarkPodNotReady sets the KruisePodReady condition False while the hook holds
	// (honoured for preDelete and inPlaceUpdate).
	// +optional
	MarkPodNotReady bool `json:"markPodNotReady,omitempty"`
}
