package zhaoshang

import "context"

// Actor is who performs an action, as the audit trail records it.
type Actor struct {
	UserID    int64 // 0 for the system itself (first start, command line)
	Username  string
	OrgUnitID int64
	IP        string
	UserAgent string
}

// SystemActor acts for the program itself: first-start setup and commands
// run on the server's console.
var SystemActor = &Actor{Username: "system"}

type actorKey struct{}

// WithActor returns a context that carries the acting user.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the acting user of ctx, the system when none is set.
func ActorFrom(ctx context.Context) *Actor {
	if a, ok := ctx.Value(actorKey{}).(*Actor); ok && a != nil {
		return a
	}
	return SystemActor
}
