-- +goose Up
-- The audit viewer filters by user, unit and action within a time range.
CREATE INDEX audit_log_actor_name ON audit_log(actor_name, at);
CREATE INDEX audit_log_actor_org ON audit_log(actor_org_id, at);
CREATE INDEX audit_log_action ON audit_log(action, at);

-- +goose Down
DROP INDEX audit_log_action;
DROP INDEX audit_log_actor_org;
DROP INDEX audit_log_actor_name;
