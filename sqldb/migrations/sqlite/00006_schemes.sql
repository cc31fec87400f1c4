-- +goose Up
-- 综合评分办法: one year's scoring scheme of 季通报 and 年考核, as the JSON of
-- report.Scheme (weights, caps, bonus and penalty items). A year without a
-- row is scored by report.DefaultScheme.
CREATE TABLE scoring_schemes (
    year       INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    created_by INTEGER,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE scoring_schemes;
