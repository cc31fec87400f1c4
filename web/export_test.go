package web

import "net/http"

// RecoverPanics exposes the panic middleware to the tests.
func (s *Server) RecoverPanics(h http.Handler) http.Handler { return s.recoverPanics(h) }
