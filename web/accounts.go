package web

// registerAccountRoutes registers the users, roles and policy screens.
func (s *Server) registerAccountRoutes() {}
