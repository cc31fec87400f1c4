-- +goose Up
-- 数据质量: the findings of the data-quality rules (package quality), kept
-- so that a county's explanation survives the next run. key is the rule's
-- stable identity of a finding; a run updates what it finds again, marks
-- fixed what it no longer finds, and reopens a fixed one found again.
CREATE TABLE quality_findings (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    rule             TEXT NOT NULL,
    severity         TEXT NOT NULL,
    org_unit_id      INTEGER NOT NULL REFERENCES org_units(id),
    project_id       INTEGER REFERENCES projects(id),
    other_project_id INTEGER REFERENCES projects(id),
    receipt_id       INTEGER REFERENCES fund_receipts(id),
    month            TEXT,
    year             INTEGER NOT NULL,
    message          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'explained', 'fixed')),
    explanation      TEXT NOT NULL DEFAULT '',
    explained_by     TEXT NOT NULL DEFAULT '',
    explained_at     TIMESTAMP,
    first_seen       TIMESTAMP NOT NULL,
    last_seen        TIMESTAMP NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quality_findings_org ON quality_findings(org_unit_id, status, year);
CREATE INDEX quality_findings_project ON quality_findings(project_id);
CREATE INDEX quality_findings_other ON quality_findings(other_project_id);

-- +goose Down
DROP TABLE quality_findings;
