package keyqueue

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestRunSyncsKeysRetriesFailuresAndHonoursRequeueAfter(t *testing.T) {
	q := New("test")
	var mu sync.Mutex
	calls := map[string]int{}
	done := make(chan struct{})
	sync := func(_ context.Context, key string) (time.Duration, error) {
		mu.Lock()
		defer mu.Unlock()
		calls[key]++
		switch {
		case key == "ns/flaky" && calls[key] == 1:
			return 0, errors.New("transient")
		case key == "ns/later" && calls[key] == 1:
			return 10 * time.Millisecond, nil
		}
		if calls["ns/flaky"] == 2 && calls["ns/later"] == 2 && calls["ns/once"] == 1 {
			close(done)
		}
		return 0, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	q.Enqueue(&metav1.ObjectMeta{Namespace: "ns", Name: "once"})
	q.Enqueue(&metav1.ObjectMeta{Namespace: "ns", Name: "flaky"})
	q.Enqueue(&metav1.ObjectMeta{Namespace: "ns", Name: "later"})
	go q.Run(ctx, 2, sync)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("keys were not synced as expected")
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, map[string]int{"ns/once": 1, "ns/flaky": 2, "ns/later": 2}, calls)
}
