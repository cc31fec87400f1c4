-- +goose Up
CREATE TABLE enterprises (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    norm_name   TEXT NOT NULL,            -- zhaoshang.NormalizeName(name), for duplicate checks
    credit_code TEXT NOT NULL DEFAULT '', -- 统一社会信用代码, '' when unknown
    home_region TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]', -- JSON array
    search_key  TEXT NOT NULL DEFAULT '',   -- name, code and pinyin, lower case
    created_by  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code) WHERE credit_code <> '';
CREATE INDEX enterprises_norm_name ON enterprises(norm_name);

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    name          TEXT NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX contacts_enterprise ON contacts(enterprise_id);

CREATE TABLE projects (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    org_unit_id         INTEGER NOT NULL REFERENCES org_units(id),
    enterprise_id       INTEGER NOT NULL REFERENCES enterprises(id),
    investor_name       TEXT NOT NULL,
    area                TEXT NOT NULL,
    industry            TEXT NOT NULL DEFAULT '',
    key_industry        BOOLEAN NOT NULL,
    industrial          BOOLEAN NOT NULL,
    investor_region     TEXT NOT NULL DEFAULT '',
    contract_investment INTEGER NOT NULL, -- 元
    total_investment    INTEGER NOT NULL DEFAULT 0, -- 元, 0 when not given
    signed_on           TEXT,             -- 2021-06-03
    started_on          TEXT,
    producing_on        TEXT,
    effective_on        TEXT,
    responsible_unit    TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    voided              BOOLEAN NOT NULL DEFAULT FALSE,
    void_reason         TEXT NOT NULL DEFAULT '',
    search_key          TEXT NOT NULL DEFAULT '',
    created_by          INTEGER,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX projects_org_signed ON projects(org_unit_id, signed_on);
CREATE INDEX projects_signed ON projects(signed_on);
CREATE INDEX projects_enterprise ON projects(enterprise_id);

-- A stage change with its note: the project's timeline.
CREATE TABLE project_stages (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    stage      TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_stages_project ON project_stages(project_id);

CREATE TABLE fund_receipts (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    org_unit_id INTEGER NOT NULL REFERENCES org_units(id), -- the project's county, for scope and reports
    month       TEXT NOT NULL,            -- 2021-06
    amount      INTEGER NOT NULL,         -- 元
    source      TEXT NOT NULL,
    evidence_no TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    voided      BOOLEAN NOT NULL DEFAULT FALSE,
    void_reason TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX fund_receipts_identity ON fund_receipts(project_id, month, source, evidence_no) WHERE NOT voided;
CREATE INDEX fund_receipts_org_month ON fund_receipts(org_unit_id, month);
CREATE INDEX fund_receipts_month ON fund_receipts(month);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    owner_kind   TEXT NOT NULL,   -- project, fund_receipt
    owner_id     INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    voided       BOOLEAN NOT NULL DEFAULT FALSE,
    created_by   INTEGER,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

-- An uploaded ledger between its preview and its confirmation.
CREATE TABLE import_uploads (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    filename   TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE import_uploads;
DROP TABLE attachments;
DROP TABLE fund_receipts;
DROP TABLE project_stages;
DROP TABLE projects;
DROP TABLE contacts;
DROP TABLE enterprises;
