-- mart_unit_scorecard: the review scorecard of each unit's current submission (单位审核得分): size,
-- share of quantified targets, findings by severity and a quality score.
-- grain: one row per current submission, i.e. per (division_code, unit_code, fiscal_year); keys: division_code, unit_key,
-- unit_code, fiscal_year, submission_key.
-- quality_score: 100 less the penalty points per 100 indicator rows, floored at 0, one decimal:
--   penalty_points = 10 x errors + 3 x warnings (info findings cost nothing)
--   quality_score  = greatest(0, 100 - 100 x penalty_points / greatest(indicators, 10))
-- Per 100 indicators so that a large unit is not punished for its size (findings grow with its
-- indicators) and a small one cannot hide (at least 10 rows are assumed). A submission without
-- findings scores 100; one warning in every 10 indicator rows about 70; an error and two
-- warnings in every 10 rows 0. Findings: current_review_finding (current submissions only).
CREATE OR REPLACE VIEW mart_unit_scorecard AS
WITH subs AS (
    SELECT s.submission_key, s.division_code, s.unit_key, s.unit_code, s.unit_name, s.fiscal_year
    FROM dim_submission AS s
    WHERE s.is_current AND s.kind = 'targets'
),
projects AS (
    SELECT submission_key, count(*)::INTEGER AS projects, sum(budget_total_yuan) AS budget_total_yuan
    FROM current_project_budget
    GROUP BY ALL
),
indicators AS (
    SELECT submission_key,
           count(*)::INTEGER                               AS indicators,
           count(*) FILTER (WHERE is_quantified)::INTEGER  AS quantified
    FROM current_indicator_target
    GROUP BY ALL
),
findings AS (
    SELECT f.submission_key,
           count(*) FILTER (WHERE f.severity = 'error')::INTEGER    AS errors,
           count(*) FILTER (WHERE f.severity = 'warning')::INTEGER  AS warnings,
           count(*) FILTER (WHERE f.severity = 'info')::INTEGER     AS infos,
           count(DISTINCT f.rule_id) FILTER (WHERE f.severity <> 'info')::INTEGER AS rules_broken
    FROM current_review_finding AS f
    GROUP BY ALL
),
scored AS (
    SELECT
        s.division_code,
        s.unit_key,
        s.unit_code,
        s.unit_name,
        s.fiscal_year,
        make_date(s.fiscal_year, 1, 1) AS fiscal_year_start,
        s.submission_key,
        coalesce(p.projects, 0)                                    AS projects,
        p.budget_total_yuan,
        coalesce(i.indicators, 0)                                  AS indicators,
        coalesce(i.quantified, 0)                                  AS quantified,
        round(100.0 * i.quantified / nullif(i.indicators, 0), 2)   AS quantified_pct,
        coalesce(f.errors, 0)                                      AS errors,
        coalesce(f.warnings, 0)                                    AS warnings,
        coalesce(f.infos, 0)                                       AS infos,
        coalesce(f.rules_broken, 0)                                AS rules_broken
    FROM subs AS s
    LEFT JOIN projects AS p USING (submission_key)
    LEFT JOIN indicators AS i USING (submission_key)
    LEFT JOIN findings AS f USING (submission_key)
)
SELECT
    *,
    errors + warnings                                                          AS findings,
    10 * errors + 3 * warnings                                                 AS penalty_points,
    greatest(0.0, round(100.0 - 100.0 * (10 * errors + 3 * warnings) / greatest(indicators, 10), 1))
                                                                               AS quality_score
FROM scored;
COMMENT ON VIEW mart_unit_scorecard IS '单位审核得分：每个单位每个年度当前报送的项目数、预算总额、定量指标占比、审核发现（错误/警告）和质量得分（每百个指标扣分：100 − 100×(10×错误 + 3×警告)/指标数（至少按10个计），最低0分）。';
COMMENT ON COLUMN mart_unit_scorecard.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_unit_scorecard.unit_code IS 'Budget unit code (预算单位编码) of the submission.';
COMMENT ON COLUMN mart_unit_scorecard.unit_name IS 'Unit name as written in the current submission.';
COMMENT ON COLUMN mart_unit_scorecard.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_unit_scorecard.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_unit_scorecard.submission_key IS 'dim_submission.submission_key of the current submission scored.';
COMMENT ON COLUMN mart_unit_scorecard.projects IS 'Projects in the current submission.';
COMMENT ON COLUMN mart_unit_scorecard.budget_total_yuan IS 'Sum of the projects'' 预算数, yuan (null when none was readable).';
COMMENT ON COLUMN mart_unit_scorecard.indicators IS 'Indicator rows over all projects.';
COMMENT ON COLUMN mart_unit_scorecard.quantified IS 'Indicator rows with an operator and a number (定量).';
COMMENT ON COLUMN mart_unit_scorecard.quantified_pct IS '100 x quantified / indicators, 2 decimals; null without indicators.';
COMMENT ON COLUMN mart_unit_scorecard.errors IS 'Review findings of severity error (must be fixed).';
COMMENT ON COLUMN mart_unit_scorecard.warnings IS 'Review findings of severity warning (should be improved).';
COMMENT ON COLUMN mart_unit_scorecard.infos IS 'Review findings of severity info (advice kept for the bureau; not sent, not scored).';
COMMENT ON COLUMN mart_unit_scorecard.rules_broken IS 'Distinct review rules with at least one error or warning.';
COMMENT ON COLUMN mart_unit_scorecard.findings IS 'errors + warnings: the findings sent to the unit by default.';
COMMENT ON COLUMN mart_unit_scorecard.penalty_points IS '10 x errors + 3 x warnings.';
COMMENT ON COLUMN mart_unit_scorecard.quality_score IS 'greatest(0, 100 - 100 x penalty_points / greatest(indicators, 10)), one decimal: penalty per 100 indicator rows; 100 without findings, about 70 with a warning every 10 rows, 0 with an error and two warnings every 10 rows.';
COMMENT ON COLUMN mart_unit_scorecard.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
