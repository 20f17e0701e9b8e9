// Package revision keeps the ControllerRevisions of a workload: one per distinct pod template,
// named <workload>-<hash>, numbered in the order they became the update revision.
package revision

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"

	apps "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/client-go/kubernetes"
)

// Hash returns the hash of a revision's data and the workload's collision count, in the alphabet
// used for generated names; it is computed as kube-controller-manager's ControllerRevisions are (32-bit
// FNV-1 of the data, then of the decimal collision count), so identical data names the same revision.
// Bumping the collision count yields a different name for the same data.
func Hash(data []byte, collisionCount *int32) string {
	h := fnv.New32()
	h.Write(data)
	if collisionCount != nil {
		h.Write([]byte(strconv.FormatInt(int64(*collisionCount), 10)))
	}
	return rand.SafeEncodeString(strconv.FormatUint(uint64(h.Sum32()), 10))
}

// TemplatePatch is the revision data of a workload whose revisions differ only by pod template: a
// patch replacing spec.template, the form OpenKruise and apps/v1 store.
func TemplatePatch(template *v1.PodTemplateSpec) ([]byte, error) {
	raw, err := json.Marshal(template)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	m["$patch"] = "replace"
	return json.Marshal(map[string]any{"spec": map[string]any{"template": m}})
}

// Template decodes the pod template stored in a revision written by TemplatePatch.
func Template(rev *apps.ControllerRevision) (*v1.PodTemplateSpec, error) {
	var data struct {
		Spec struct {
			Template v1.PodTemplateSpec `json:"template"`
		} `json:"spec"`
	}
	if err := json.Unmarshal(rev.Data.Raw, &data); err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev.Name, err)
	}
	return &data.Spec.Template, nil
}

// Owner is the workload whose revisions are kept.
type Owner struct {
	Object metav1.Object
	Kind   schema.GroupVersionKind
	// Labels are copied onto each new revision (the template labels, so the workload's selector
	// finds its revisions).
	Labels map[string]string
}

// Sort orders revisions by revision number, then creation time, then name.
func Sort(revs []*apps.ControllerRevision) {
	sort.SliceStable(revs, func(i, j int) bool {
		a, b := revs[i], revs[j]
		if a.Revision != b.Revision {
			return a.Revision < b.Revision
		}
		if !a.CreationTimestamp.Equal(&b.CreationTimestamp) {
			return a.CreationTimestamp.Before(&b.CreationTimestamp)
		}
		return a.Name < b.Name
	})
}

// Result is what Sync decided.
type Result struct {
	Current, Update *apps.ControllerRevision
	CollisionCount  int32
	// Revisions is the owner's history after Sync, sorted.
	Revisions []*apps.ControllerRevision
}

// Client writes ControllerRevisions.
type Client struct {
	Kube kubernetes.Interface
}

// Sync makes data the update revision: it reuses an identical revision (renumbering it last when it
// is an older one, i.e. a rollback) or creates a new one, bumping the collision count when another
// revision already holds the name. currentName is the workload's status.currentRevision; when no
// such revision exists the update revision is also current.
func (c Client) Sync(ctx context.Context, owner Owner, existing []*apps.ControllerRevision, data []byte, collisionCount *int32, currentName string) (*Result, error) {
	revs := append([]*apps.ControllerRevision(nil), existing...)
	Sort(revs)
	var count int32
	if collisionCount != nil {
		count = *collisionCount
	}
	next := int64(1)
	if n := len(revs); n > 0 {
		next = revs[n-1].Revision + 1
	}

	var update *apps.ControllerRevision
	for i := len(revs) - 1; i >= 0; i-- {
		if bytes.Equal(revs[i].Data.Raw, data) || jsonEqual(revs[i].Data.Raw, data) {
			update = revs[i]
			break
		}
	}
	switch {
	case update != nil && update != revs[len(revs)-1]:
		renumbered := update.DeepCopy()
		renumbered.Revision = next
		updated, err := c.Kube.AppsV1().ControllerRevisions(renumbered.Namespace).Update(ctx, renumbered, metav1.UpdateOptions{})
		if err != nil {
			return nil, err
		}
		for i := range revs {
			if revs[i] == update {
				revs[i] = updated
			}
		}
		update = updated
		Sort(revs)
	case update == nil:
		created, err := c.create(ctx, owner, data, next, &count)
		if err != nil {
			return nil, err
		}
		update = created
		revs = append(revs, created)
		Sort(revs)
	}

	current := update
	for _, r := range revs {
		if r.Name == currentName {
			current = r
			break
		}
	}
	return &Result{Current: current, Update: update, CollisionCount: count, Revisions: revs}, nil
}

func (c Client) create(ctx context.Context, owner Owner, data []byte, number int64, count *int32) (*apps.ControllerRevision, error) {
	for {
		hash := Hash(data, count)
		rev := &apps.ControllerRevision{
			ObjectMeta: metav1.ObjectMeta{
				Name:            owner.Object.GetName() + "-" + hash,
				Namespace:       owner.Object.GetNamespace(),
				Labels:          copyLabels(owner.Labels),
				OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(owner.Object, owner.Kind)},
			},
			Data:     runtime.RawExtension{Raw: data},
			Revision: number,
		}
		rev.Labels[apps.ControllerRevisionHashLabelKey] = hash
		created, err := c.Kube.AppsV1().ControllerRevisions(rev.Namespace).Create(ctx, rev, metav1.CreateOptions{})
		if err == nil {
			return created, nil
		}
		if !apierrors.IsAlreadyExists(err) {
			return nil, err
		}
		found, getErr := c.Kube.AppsV1().ControllerRevisions(rev.Namespace).Get(ctx, rev.Name, metav1.GetOptions{})
		if getErr != nil {
			return nil, getErr
		}
		if metav1.IsControlledBy(found, owner.Object) && jsonEqual(found.Data.Raw, data) {
			// Our own earlier create that the lister has not shown yet.
			return found, nil
		}
		*count++
	}
}

// Truncate deletes the oldest revisions beyond limit, never one in use.
func (c Client) Truncate(ctx context.Context, revs []*apps.ControllerRevision, inUse map[string]bool, limit int32) error {
	var unused []*apps.ControllerRevision
	for _, r := range revs {
		if !inUse[r.Name] {
			unused = append(unused, r)
		}
	}
	Sort(unused)
	excess := len(unused) - int(limit)
	for i := 0; i < excess; i++ {
		err := c.Kube.AppsV1().ControllerRevisions(unused[i].Namespace).Delete(ctx, unused[i].Name, metav1.DeleteOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			return err
		}
	}
	return nil
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ra, _ := json.Marshal(x)
	rb, _ := json.Marshal(y)
	return bytes.Equal(ra, rb)
}

func copyLabels(in map[string]string) map[string]string {
	out := make(map[string]string, len(in)+1)
	for k, v := range in {
		out[k] = v
	}
	return out
}
