-- +goose Up
-- Who set a password that its holder has not yet replaced (an
-- administrator's reset or a new account's initial password), and the same
-- on each session opened with it: what such a session does is audited as
-- such.
ALTER TABLE users ADD COLUMN password_set_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN password_set_by TEXT NOT NULL DEFAULT '';
-- API tokens expire; tokens made before expiry existed get 90 days from now.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
UPDATE api_tokens SET expires_at = datetime('now', '+90 days') WHERE revoked_at IS NULL;
-- The 等保 preset became the default password policy for new installs; an
-- install that has accounts and never saved a policy keeps the one it had.
INSERT INTO settings (key, value, version, updated_at)
SELECT 'password_policy', '{"min_length":8,"required_classes":0,"expiry_days":0,"max_failures":5,"lock_minutes":15,"idle_minutes":30,"absolute_hours":12}', 1, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'password_policy');

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN expires_at;
ALTER TABLE sessions DROP COLUMN password_set_by;
ALTER TABLE users DROP COLUMN password_set_by;
