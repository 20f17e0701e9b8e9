// Package expectations remembers what a controller asked the API server to do and has not yet seen
// in its informer caches, so a sync working from a stale cache never creates or deletes twice.
package expectations

import (
	"sync"
	"time"
)

// Action is a kind of write a controller waits to observe.
type Action string

// Actions tracked by Scale.
const (
	Create Action = "create"
	Delete Action = "delete"
)

// DefaultTimeout is how long an expectation may stay unobserved before it is given up on: an
// informer that missed an event is eventually corrected by a relist, never by waiting forever.
const DefaultTimeout = 5 * time.Minute

// Scale tracks, per controller key, the names of objects created or deleted but not yet observed.
type Scale struct {
	mu      sync.Mutex
	timeout time.Duration
	now     func() time.Time
	byKey   map[string]*pending
}

type pending struct {
	names map[Action]map[string]struct{}
	since time.Time
}

// NewScale returns an empty tracker with DefaultTimeout.
func NewScale() *Scale {
	return &Scale{timeout: DefaultTimeout, now: time.Now, byKey: map[string]*pending{}}
}

// Expect records that the controller of key wrote (or is about to write) the named object.
func (s *Scale) Expect(key string, action Action, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byKey[key]
	if p == nil {
		p = &pending{names: map[Action]map[string]struct{}{}, since: s.now()}
		s.byKey[key] = p
	}
	if p.names[action] == nil {
		p.names[action] = map[string]struct{}{}
	}
	p.names[action][name] = struct{}{}
}

// Observe records that the informer showed the write (or that the write failed and never will be).
func (s *Scale) Observe(key string, action Action, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byKey[key]
	if p == nil {
		return
	}
	delete(p.names[action], name)
	if len(p.names[Create]) == 0 && len(p.names[Delete]) == 0 {
		delete(s.byKey, key)
	}
}

// Satisfied reports whether every write of key was observed. Writes pending longer than the
// timeout are dropped and count as observed.
func (s *Scale) Satisfied(key string) (bool, map[Action][]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byKey[key]
	if p == nil {
		return true, nil
	}
	if s.now().Sub(p.since) > s.timeout {
		delete(s.byKey, key)
		return true, nil
	}
	out := map[Action][]string{}
	for a, names := range p.names {
		for n := range names {
			out[a] = append(out[a], n)
		}
	}
	return false, out
}

// Forget drops everything recorded for key (the controller's object was deleted).
func (s *Scale) Forget(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byKey, key)
}
