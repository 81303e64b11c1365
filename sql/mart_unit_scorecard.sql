-- mart_unit_scorecard: the review scorecard of each unit's current submission (单位审核得分): size,
-- share of quantified targets, findings by severity and a quality score.
-- grain: one row per current submission, i.e. per (division_code, unit_code, fiscal_year); keys: division_code, unit_key,
-- unit_code, fiscal_year, submission_key.
-- quality_score: the share of the submission's places that carry no error or warning, a place with
-- an error weighing double; 0 to 100, one decimal:
--   places          = indicator rows + projects + 1 (the file as a whole: unit code, department part)
--   quality_score   = 100 x places_clean / (places + places_with_error)
-- A finding is at its place (fct_review_finding: the row, else the project, else the file), so the
-- score reads "72: 72 in 100 of what the unit wrote needs nothing done". A place with two findings
-- is one place to fix; info findings cost nothing. One more error or warning never raises the
-- score (it lowers it unless its place already had one of that severity or worse); a file without
-- findings scores 100; every place with an error gives 0. Findings: current_review_finding.
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
-- the places (row, project or file) of each submission with an error or warning, and whether one is an error
flagged AS (
    SELECT submission_key, project_seq, indicator_seq, bool_or(severity = 'error') AS has_error
    FROM current_review_finding
    WHERE severity IN ('error', 'warning')
    GROUP BY ALL
),
place_counts AS (
    SELECT submission_key,
           count(*)::INTEGER                              AS places_flagged,
           count(*) FILTER (WHERE has_error)::INTEGER     AS places_with_error
    FROM flagged
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
        coalesce(f.rules_broken, 0)                                AS rules_broken,
        coalesce(i.indicators, 0) + coalesce(p.projects, 0) + 1    AS places,
        coalesce(c.places_flagged, 0)                              AS places_flagged,
        coalesce(c.places_with_error, 0)                           AS places_with_error
    FROM subs AS s
    LEFT JOIN projects AS p USING (submission_key)
    LEFT JOIN indicators AS i USING (submission_key)
    LEFT JOIN findings AS f USING (submission_key)
    LEFT JOIN place_counts AS c USING (submission_key)
)
SELECT
    * EXCLUDE (places_flagged),
    errors + warnings                                                          AS findings,
    places - places_flagged                                                    AS places_clean,
    round(100.0 * (places - places_flagged) / (places + places_with_error), 1) AS quality_score
FROM scored;
COMMENT ON VIEW mart_unit_scorecard IS '单位审核得分：每个单位每个年度当前报送的项目数、预算总额、定量指标占比、审核发现（错误/警告）和质量得分（没有错误和警告的指标行、项目和文件整体所占的百分比，有错误之处按两处计）。';
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
COMMENT ON COLUMN mart_unit_scorecard.places IS 'Places a finding can be at: indicator rows + projects + 1 (the file as a whole).';
COMMENT ON COLUMN mart_unit_scorecard.places_with_error IS 'Places with at least one error.';
COMMENT ON COLUMN mart_unit_scorecard.places_clean IS 'Places with no error and no warning (info findings do not count).';
COMMENT ON COLUMN mart_unit_scorecard.quality_score IS '100 x places_clean / (places + places_with_error), one decimal: the share of the file''s indicator rows, projects and the file itself that carry no error or warning, a place with an error weighing double; 100 without findings, 0 when every place has an error.';
COMMENT ON COLUMN mart_unit_scorecard.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
