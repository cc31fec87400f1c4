package web

// registerAuditRoutes registers the audit trail and login log screens.
func (s *Server) registerAuditRoutes() {}
