package web

import (
	"sync"
	"time"
)

// throttle limits how often something may happen per key (a client
// address): a bucket of Burst tokens per key, refilled one per Every. It
// keeps at most maxKeys buckets, dropping full ones first, so a flood of
// addresses cannot grow it without end. One process keeps its own counts:
// behind several copies each copy throttles on its own.
type throttle struct {
	Burst int
	Every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

const maxKeys = 50_000

func newThrottle(burst int, every time.Duration) *throttle {
	return &throttle{Burst: burst, Every: every, now: time.Now, buckets: map[string]*bucket{}}
}

// refill brings the key's bucket up to date and returns it (nil: full).
func (t *throttle) refill(key string, now time.Time) *bucket {
	b := t.buckets[key]
	if b == nil {
		return nil
	}
	b.tokens += float64(now.Sub(b.at)) / float64(t.Every)
	b.at = now
	if b.tokens >= float64(t.Burst) {
		delete(t.buckets, key)
		return nil
	}
	return b
}

// Blocked says whether the key has no token left.
func (t *throttle) Blocked(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.refill(key, t.now())
	return b != nil && b.tokens < 1
}

// Hit takes a token from the key's bucket and says whether it was the last.
func (t *throttle) Hit(key string) (emptied bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	b := t.refill(key, now)
	if b == nil {
		if len(t.buckets) >= maxKeys {
			t.prune(now)
		}
		b = &bucket{tokens: float64(t.Burst), at: now}
		t.buckets[key] = b
	}
	if b.tokens >= 1 {
		b.tokens--
	}
	return b.tokens < 1
}

// prune drops the buckets that have refilled, and if none has, one at
// random (an address that is being throttled may then start afresh; a flood
// of 50,000 addresses is for the network's defences).
func (t *throttle) prune(now time.Time) {
	for k := range t.buckets {
		t.refill(k, now)
	}
	for k := range t.buckets {
		if len(t.buckets) < maxKeys {
			return
		}
		delete(t.buckets, k)
	}
}
