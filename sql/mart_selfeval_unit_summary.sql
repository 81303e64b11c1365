-- mart_selfeval_unit_summary: each unit's self-evaluation of a year in one row: targets met, money executed,
-- self-scores against the numbers, indicators dropped or added, 自评复核 findings.
-- grain: one row per current self-evaluation (division_code, unit_code, fiscal_year); keys: division_code,
-- unit_code, submission_key. Money and scores over the projects (the department part, when present, is not
-- added to them); targets over every indicator row.
CREATE OR REPLACE VIEW mart_selfeval_unit_summary AS
WITH subs AS (
    SELECT * FROM current_selfeval_submission
),
projects AS (
    SELECT submission_key, count(*) AS projects_evaluated, sum(budget_full_year_yuan) AS budget_full_year_yuan,
           sum(spent_yuan) AS executed_yuan, round(avg(total_score), 2) AS avg_total_score
    FROM fct_selfeval_project WHERE subject = 'project' GROUP BY submission_key
),
results AS (
    SELECT submission_key, count(*) AS indicators, count(met) AS quantified_results,
           count(*) FILTER (WHERE met) AS targets_met, count(*) FILTER (WHERE NOT met) AS targets_missed,
           round(sum(score - justified_score), 2) AS score_gap
    FROM fct_indicator_result GROUP BY submission_key
),
links AS (
    SELECT selfeval_submission_key AS submission_key,
           count(*) FILTER (WHERE link_status = 'dropped') AS indicators_dropped,
           count(*) FILTER (WHERE link_status = 'added') AS indicators_added
    FROM fct_selfeval_indicator_link GROUP BY ALL
),
project_links AS (
    SELECT selfeval_submission_key AS submission_key,
           count(*) FILTER (WHERE link_status = 'not_evaluated') AS projects_not_evaluated
    FROM fct_selfeval_project_link GROUP BY ALL
),
findings AS (
    SELECT submission_key, count(*) FILTER (WHERE severity = 'error') AS errors,
           count(*) FILTER (WHERE severity = 'warning') AS warnings,
           count(*) FILTER (WHERE severity = 'info') AS infos
    FROM fct_selfeval_finding GROUP BY submission_key
)
SELECT
    s.division_code,
    s.unit_code,
    s.unit_name,
    left(s.unit_code, 3)                                                              AS department_code,
    s.fiscal_year,
    make_date(s.fiscal_year, 1, 1)                                                    AS fiscal_year_start,
    s.submission_key,
    s.file_name,
    coalesce(p.projects_evaluated, 0)                                                 AS projects_evaluated,
    coalesce(pl.projects_not_evaluated, 0)                                            AS projects_not_evaluated,
    coalesce(r.indicators, 0)                                                         AS indicators,
    coalesce(r.quantified_results, 0)                                                 AS quantified_results,
    coalesce(r.targets_met, 0)                                                        AS targets_met,
    coalesce(r.targets_missed, 0)                                                     AS targets_missed,
    round(100.0 * r.targets_met / nullif(r.quantified_results, 0), 2)                 AS met_pct,
    coalesce(l.indicators_dropped, 0)                                                 AS indicators_dropped,
    coalesce(l.indicators_added, 0)                                                   AS indicators_added,
    p.budget_full_year_yuan,
    p.executed_yuan,
    round(100.0 * p.executed_yuan / nullif(p.budget_full_year_yuan, 0), 2)           AS execution_rate_pct,
    p.avg_total_score,
    r.score_gap,
    coalesce(f.errors, 0)                                                             AS errors,
    coalesce(f.warnings, 0)                                                           AS warnings,
    coalesce(f.infos, 0)                                                              AS infos
FROM subs AS s
LEFT JOIN projects AS p USING (submission_key)
LEFT JOIN results AS r USING (submission_key)
LEFT JOIN links AS l USING (submission_key)
LEFT JOIN project_links AS pl USING (submission_key)
LEFT JOIN findings AS f USING (submission_key);
COMMENT ON VIEW mart_selfeval_unit_summary IS '单位绩效自评汇总：每个单位每个年度当前自评一行：目标完成、预算执行、自评得分与应得分之差、删去或新增的指标、复核发现。';
COMMENT ON COLUMN mart_selfeval_unit_summary.division_code IS 'County (6-digit 行政区划 code): the file''s, else that of the targets it is linked to.';
COMMENT ON COLUMN mart_selfeval_unit_summary.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_selfeval_unit_summary.unit_name IS 'Unit name as written in the self-evaluation.';
COMMENT ON COLUMN mart_selfeval_unit_summary.department_code IS 'Department: the first three digits of the unit code.';
COMMENT ON COLUMN mart_selfeval_unit_summary.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN mart_selfeval_unit_summary.fiscal_year_start IS 'January 1 of the budget year, for BI time filters.';
COMMENT ON COLUMN mart_selfeval_unit_summary.submission_key IS 'dim_submission.submission_key of the current self-evaluation.';
COMMENT ON COLUMN mart_selfeval_unit_summary.file_name IS 'The self-evaluation file.';
COMMENT ON COLUMN mart_selfeval_unit_summary.projects_evaluated IS 'Projects in the self-evaluation (the department part not counted).';
COMMENT ON COLUMN mart_selfeval_unit_summary.projects_not_evaluated IS 'Projects with targets for the year that the self-evaluation left out.';
COMMENT ON COLUMN mart_selfeval_unit_summary.indicators IS 'Indicator rows in the self-evaluation.';
COMMENT ON COLUMN mart_selfeval_unit_summary.quantified_results IS 'Rows whose target and actual are both numbers (met is known).';
COMMENT ON COLUMN mart_selfeval_unit_summary.targets_met IS 'Rows whose actual value reaches the target.';
COMMENT ON COLUMN mart_selfeval_unit_summary.targets_missed IS 'Rows whose actual value misses the target.';
COMMENT ON COLUMN mart_selfeval_unit_summary.met_pct IS 'targets_met / quantified_results x 100.';
COMMENT ON COLUMN mart_selfeval_unit_summary.indicators_dropped IS 'Target rows of evaluated projects absent from the self-evaluation.';
COMMENT ON COLUMN mart_selfeval_unit_summary.indicators_added IS 'Self-evaluation rows that were not in the targets.';
COMMENT ON COLUMN mart_selfeval_unit_summary.budget_full_year_yuan IS 'Sum of the projects'' 全年预算数, yuan.';
COMMENT ON COLUMN mart_selfeval_unit_summary.executed_yuan IS 'Sum of the projects'' 全年执行数, yuan.';
COMMENT ON COLUMN mart_selfeval_unit_summary.execution_rate_pct IS 'executed_yuan / budget_full_year_yuan x 100.';
COMMENT ON COLUMN mart_selfeval_unit_summary.avg_total_score IS 'Mean 总分 the unit gave its projects.';
COMMENT ON COLUMN mart_selfeval_unit_summary.score_gap IS 'Sum over quantitative rows of self score minus the score the numbers justify.';
COMMENT ON COLUMN mart_selfeval_unit_summary.errors IS '自评复核 findings of severity error.';
COMMENT ON COLUMN mart_selfeval_unit_summary.warnings IS '自评复核 findings of severity warning.';
COMMENT ON COLUMN mart_selfeval_unit_summary.infos IS '自评复核 findings of severity info.';
