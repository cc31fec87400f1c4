// Package zhaoshang holds the domain of the investment promotion platform
// (招商引资管理平台): the entities, the service interfaces the adapters
// implement, the error codes and the rules of who may do what.
//
// It imports only the standard library. Every outside dependency (the
// database, the web, spreadsheets) lives in its own package and speaks to the
// others in terms of this one; only cmd/zhaoshang wires them together.
package zhaoshang
