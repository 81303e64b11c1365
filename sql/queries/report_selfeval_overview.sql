-- report_selfeval_overview: the self-evaluations of budget year $evaluated in one row: units, projects,
-- indicator rows, targets met among those that can be judged, money executed (万元) and 自评复核 findings
-- (mart_selfeval_unit_summary). Parameters: $evaluated, $division (or NULL).
SELECT count(*)                                                                   AS units,
       sum(projects_evaluated)                                                    AS projects,
       sum(projects_not_evaluated)                                                AS projects_not_evaluated,
       sum(indicators)                                                            AS indicators,
       sum(quantified_results)                                                    AS judged,
       sum(targets_met)                                                           AS met,
       round(100.0 * sum(targets_met) / nullif(sum(quantified_results), 0), 1)    AS met_pct,
       sum(indicators_dropped)                                                    AS dropped,
       sum(indicators_added)                                                      AS added,
       round(sum(budget_full_year_yuan) / 10000, 2)                               AS budget_wan,
       round(sum(executed_yuan) / 10000, 2)                                       AS executed_wan,
       round(100.0 * sum(executed_yuan) / nullif(sum(budget_full_year_yuan), 0), 1) AS execution_pct,
       round(avg(avg_total_score), 1)                                             AS avg_score,
       sum(errors)                                                                AS errors,
       sum(warnings)                                                              AS warnings,
       sum(infos)                                                                 AS infos
FROM mart_selfeval_unit_summary
WHERE fiscal_year = $evaluated AND ($division IS NULL OR division_code = $division)
