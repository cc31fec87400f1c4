-- +goose Up
-- 目标任务: the annual value of one indicator for one org unit. value is a
-- count (个/家) or an amount in 元, as the indicator's unit says; rates
-- take no target.
CREATE TABLE targets (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
    indicator   TEXT NOT NULL,    -- indicator code, e.g. new_key_projects
    value       INTEGER NOT NULL, -- count, or 元
    created_by  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (year, org_unit_id, indicator)
);
CREATE INDEX targets_org ON targets(org_unit_id, year);

-- Indexes the indicator reports (sqldb/stats.go) read alone, without the
-- tables, so that a report costs what the period holds, whatever the
-- years kept: a period's projects by county and signing date; an
-- investor's earlier signings within a region; a period's receipts by
-- county and month.
CREATE INDEX projects_report ON projects(org_unit_id, signed_on, voided, key_industry, enterprise_id, contract_investment, started_on, producing_on);
CREATE INDEX projects_enterprise_org_signed ON projects(enterprise_id, org_unit_id, signed_on, voided);
CREATE INDEX fund_receipts_report ON fund_receipts(org_unit_id, month, voided, project_id, source, amount);

-- +goose Down
DROP INDEX fund_receipts_report;
DROP INDEX projects_enterprise_org_signed;
DROP INDEX projects_report;
DROP TABLE targets;
