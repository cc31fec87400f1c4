-- +goose Up
-- 综合评分办法: one year's scoring scheme of 季通报 and 年考核, as the JSON of
-- report.Scheme (weights, caps, bonus and penalty items). A year without a
-- row is scored by report.DefaultScheme.
CREATE TABLE scoring_schemes (
    year       INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    created_by BIGINT,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE scoring_schemes;
