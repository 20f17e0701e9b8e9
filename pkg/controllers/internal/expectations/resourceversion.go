package expectations

import (
	"strconv"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// ResourceVersions tracks objects the controller updated: until the informer shows a copy at least
// as new as the one the update returned, decisions about that object wait.
type ResourceVersions struct {
	mu      sync.Mutex
	timeout time.Duration
	now     func() time.Time
	byUID   map[types.UID]expectedVersion
}

type expectedVersion struct {
	version uint64
	since   time.Time
}

// NewResourceVersions returns an empty tracker with DefaultTimeout.
func NewResourceVersions() *ResourceVersions {
	return &ResourceVersions{timeout: DefaultTimeout, now: time.Now, byUID: map[types.UID]expectedVersion{}}
}

// Expect records the object as returned by a successful write.
func (r *ResourceVersions) Expect(obj metav1.Object) {
	v, ok := parseVersion(obj)
	if !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur, found := r.byUID[obj.GetUID()]; found && cur.version >= v {
		return
	}
	r.byUID[obj.GetUID()] = expectedVersion{version: v, since: r.now()}
}

// Satisfied reports whether the cached obj is at least as new as the last write recorded for it,
// and forgets the record once it is.
func (r *ResourceVersions) Satisfied(obj metav1.Object) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	exp, found := r.byUID[obj.GetUID()]
	if !found {
		return true
	}
	v, ok := parseVersion(obj)
	if !ok || v >= exp.version || r.now().Sub(exp.since) > r.timeout {
		delete(r.byUID, obj.GetUID())
		return true
	}
	return false
}

// Forget drops the record of uid (the object is gone).
func (r *ResourceVersions) Forget(uid types.UID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.byUID, uid)
}

// Resource versions are opaque to clients in general, but both kube-apiserver and kruise-apiserver
// store in etcd, whose versions are increasing integers; anything else disables the check.
func parseVersion(obj metav1.Object) (uint64, bool) {
	v, err := strconv.ParseUint(obj.GetResourceVersion(), 10, 64)
	return v, err == nil
}
