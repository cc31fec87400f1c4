package web

import (
	"fmt"
	"testing"
	"time"
)

func TestAThrottleAllowsItsBurstThenOneTokenPerInterval(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := newThrottle(3, 10*time.Second)
	th.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if th.Blocked("a") {
			t.Fatalf("blocked after %d hits", i)
		}
		th.Hit("a")
	}
	if !th.Blocked("a") || th.Blocked("b") {
		t.Fatal("after its burst one address is blocked, and only that one")
	}
	now = now.Add(10 * time.Second)
	if th.Blocked("a") {
		t.Fatal("a token should have come back after one interval")
	}
	th.Hit("a")
	if !th.Blocked("a") {
		t.Fatal("one token only")
	}
	now = now.Add(time.Minute)
	if th.Blocked("a") || len(th.buckets) != 0 {
		t.Fatalf("a refilled bucket is forgotten: %d kept", len(th.buckets))
	}
}

func TestAThrottleKeepsABoundedNumberOfAddresses(t *testing.T) {
	th := newThrottle(2, time.Hour)
	for i := 0; i < maxKeys+100; i++ {
		th.Hit(fmt.Sprint(i))
	}
	if len(th.buckets) > maxKeys {
		t.Errorf("%d buckets kept", len(th.buckets))
	}
}
