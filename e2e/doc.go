// Package e2e drives the real zhaoshang binary with headless Chromium, the
// way a clerk uses it: it builds the binary, starts it on a random port over
// a fresh database and clicks through the screens. Without a browser the
// tests skip and say why; ZHAOSHANG_REQUIRE_BROWSER=1 (set by CI) makes a
// missing browser a failure instead.
package e2e
