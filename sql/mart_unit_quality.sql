-- mart_unit_quality: indicator quality per unit and year (current submissions): share quantified,
-- share vague, duplicated rows.
-- grain: one row per (division_code, unit_code, fiscal_year); keys: division_code, unit_key, unit_code, fiscal_year.
CREATE OR REPLACE VIEW mart_unit_quality AS
WITH indicators AS (
    SELECT t.unit_key, t.fiscal_year, t.submission_key, t.project_seq, t.level2, t.indicator_name,
           t.target_raw, t.is_quantified, t.is_vague
    FROM current_indicator_target AS t
),
repeats AS (
    -- the same (二级, 三级, 指标值) again in one project: every copy after the first is a duplicate
    SELECT unit_key, fiscal_year, sum(copies - 1)::INTEGER AS duplicates
    FROM (
        SELECT unit_key, fiscal_year, count(*) AS copies
        FROM indicators
        GROUP BY unit_key, fiscal_year, submission_key, project_seq, level2, indicator_name, target_raw
    )
    GROUP BY ALL
),
projects AS (
    SELECT unit_key, fiscal_year, count(*)::INTEGER AS projects
    FROM current_project_budget
    GROUP BY ALL
),
totals AS (
    SELECT unit_key, fiscal_year,
           count(*)::INTEGER                               AS indicators,
           count(*) FILTER (WHERE is_quantified)::INTEGER  AS quantified,
           count(*) FILTER (WHERE is_vague)::INTEGER       AS vague
    FROM indicators
    GROUP BY ALL
)
SELECT
    u.division_code,
    u.unit_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    p.fiscal_year,
    p.projects,
    coalesce(t.indicators, 0)                                              AS indicators,
    coalesce(t.quantified, 0)                                              AS quantified,
    coalesce(t.vague, 0)                                                   AS vague,
    coalesce(r.duplicates, 0)                                              AS duplicates,
    round(100.0 * t.quantified / nullif(t.indicators, 0), 2)               AS quantified_pct,
    round(100.0 * t.vague / nullif(t.indicators, 0), 2)                    AS vague_pct,
    round(100.0 * r.duplicates / nullif(t.indicators, 0), 2)               AS duplicate_pct,
    round(coalesce(t.indicators, 0) / p.projects, 2)                       AS indicators_per_project
FROM projects AS p
JOIN dim_unit AS u USING (unit_key)
LEFT JOIN totals AS t USING (unit_key, fiscal_year)
LEFT JOIN repeats AS r USING (unit_key, fiscal_year);
COMMENT ON VIEW mart_unit_quality IS '单位指标质量：每个单位每个年度的指标数、定量占比、模糊表述占比、重复指标数（仅当前报送）。';
COMMENT ON COLUMN mart_unit_quality.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_unit_quality.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_unit_quality.unit_name IS 'Unit name.';
COMMENT ON COLUMN mart_unit_quality.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_unit_quality.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_unit_quality.projects IS 'Projects in the current submission.';
COMMENT ON COLUMN mart_unit_quality.indicators IS 'Indicator rows over all projects.';
COMMENT ON COLUMN mart_unit_quality.quantified IS 'Rows with an operator and a number (定量).';
COMMENT ON COLUMN mart_unit_quality.vague IS 'Rows with a vague qualitative target (fct_indicator_target.is_vague).';
COMMENT ON COLUMN mart_unit_quality.duplicates IS 'Rows repeating an earlier row''s (二级, 三级, 指标值) in the same project.';
COMMENT ON COLUMN mart_unit_quality.quantified_pct IS '100 x quantified / indicators, 2 decimals.';
COMMENT ON COLUMN mart_unit_quality.vague_pct IS '100 x vague / indicators, 2 decimals.';
COMMENT ON COLUMN mart_unit_quality.duplicate_pct IS '100 x duplicates / indicators, 2 decimals.';
COMMENT ON COLUMN mart_unit_quality.indicators_per_project IS 'indicators / projects, 2 decimals.';
COMMENT ON COLUMN mart_unit_quality.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
