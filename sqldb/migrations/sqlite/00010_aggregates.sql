-- +goose Up
-- The monthly aggregates of the measures (sqldb/aggregates.go): for each
-- county, month and measure, the value of that month's live records, kept
-- current by the write transaction that changes a record. cond_month is
-- the month of a later date a measure also asks about (开工, 投产), '' for
-- none. The cells are filled from the records when the program first opens
-- a database that has records and no cells (rebuildAggregates).
CREATE TABLE measure_months (
    org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
    month       TEXT NOT NULL,
    measure     TEXT NOT NULL,
    cond_month  TEXT NOT NULL DEFAULT '',
    value       BIGINT NOT NULL,
    PRIMARY KEY (org_unit_id, month, measure, cond_month)
);
CREATE INDEX measure_months_month ON measure_months(month, org_unit_id);

-- +goose Down
DROP TABLE measure_months;
