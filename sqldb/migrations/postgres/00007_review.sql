-- +goose Up
-- 月度审核: the review of one county's month. A month without a row is
-- 填报中. Only records of approved months count in the official figures
-- (sqldb/stats.go joins this table: first_day and last_day let a project's
-- dates find their month); a submitted or approved month locks the
-- county's records of that month and of the earlier months of its year
-- (zhaoshang/review.go).
CREATE TABLE month_reviews (
    org_unit_id    BIGINT NOT NULL REFERENCES org_units(id),
    month          TEXT NOT NULL,   -- 2021-06
    first_day      DATE NOT NULL,    -- 2021-06-01
    last_day       DATE NOT NULL,    -- 2021-06-30
    status         TEXT NOT NULL CHECK (status IN ('filling', 'submitted', 'approved', 'returned')),
    reason         TEXT NOT NULL DEFAULT '',
    reopen_pending BOOLEAN NOT NULL DEFAULT FALSE,
    by_import      BOOLEAN NOT NULL DEFAULT FALSE, -- approved as historic data by import --approve: later approving imports may still add to it
    reopen_reason  TEXT NOT NULL DEFAULT '',
    submitted_by   TEXT NOT NULL DEFAULT '',
    submitted_at   TIMESTAMPTZ,
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    TIMESTAMPTZ,
    version        BIGINT NOT NULL DEFAULT 1,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_unit_id, month)
);
CREATE INDEX month_reviews_approved ON month_reviews(org_unit_id, status, first_day, last_day);
CREATE INDEX month_reviews_month ON month_reviews(month, status);

-- +goose Down
DROP TABLE month_reviews;
