-- mart_satisfaction_targets: distribution of 满意度 targets (canonical 一级 满意度指标), current submissions.
-- grain: one row per (division_code, fiscal_year, target_op, target_value, target_unit), nulls forming
-- their own group (qualitative targets); keys: those five columns.
CREATE OR REPLACE VIEW mart_satisfaction_targets AS
WITH satisfaction AS (
    SELECT t.division_code, t.fiscal_year, t.target_op, t.target_value, t.target_unit, t.is_quantified,
           t.unit_key, t.project_key
    FROM current_indicator_target AS t
    WHERE t.level1_canonical = '满意度指标'
)
SELECT
    division_code,
    fiscal_year,
    target_op,
    target_value,
    target_unit,
    bool_or(is_quantified)                                                     AS is_quantified,
    count(*)::INTEGER                                                          AS indicators,
    count(DISTINCT project_key)::INTEGER                                       AS projects,
    count(DISTINCT unit_key)::INTEGER                                          AS units,
    round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY division_code, fiscal_year), 2) AS share_pct
FROM satisfaction
GROUP BY division_code, fiscal_year, target_op, target_value, target_unit;
COMMENT ON VIEW mart_satisfaction_targets IS '满意度指标分布：每个年度按目标值（运算符、数值、单位）统计的满意度指标行数、项目数、单位数。';
COMMENT ON COLUMN mart_satisfaction_targets.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_satisfaction_targets.target_op IS 'Comparison (>=, =, ...); null for qualitative targets.';
COMMENT ON COLUMN mart_satisfaction_targets.target_value IS 'Target number (95 for ≥95%); null for qualitative targets.';
COMMENT ON COLUMN mart_satisfaction_targets.target_unit IS 'Target unit, usually %.';
COMMENT ON COLUMN mart_satisfaction_targets.is_quantified IS 'True for the groups of quantified targets.';
COMMENT ON COLUMN mart_satisfaction_targets.indicators IS '满意度 indicator rows with this target.';
COMMENT ON COLUMN mart_satisfaction_targets.projects IS 'Distinct projects with such a row.';
COMMENT ON COLUMN mart_satisfaction_targets.units IS 'Distinct units with such a row.';
COMMENT ON COLUMN mart_satisfaction_targets.share_pct IS 'Share of the year''s 满意度 rows, percent, 2 decimals.';
COMMENT ON COLUMN mart_satisfaction_targets.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code).';
