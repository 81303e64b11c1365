-- report_selfeval_categories: targets met by 一级 indicator category in the self-evaluations of budget
-- year $evaluated (mart_target_achievement): rows, rows that can be judged, met, and the share met.
-- Parameters: $evaluated, $division (or NULL).
SELECT level1,
       count(*)                                                   AS indicators,
       count(met)                                                 AS judged,
       count(*) FILTER (WHERE met)                                AS met,
       round(100.0 * count(*) FILTER (WHERE met) / nullif(count(met), 0), 1) AS met_pct
FROM mart_target_achievement
WHERE fiscal_year = $evaluated AND ($division IS NULL OR division_code = $division)
GROUP BY level1
ORDER BY CASE level1 WHEN '产出指标' THEN 1 WHEN '成本指标' THEN 2 WHEN '效益指标' THEN 3
                     WHEN '满意度指标' THEN 4 ELSE 5 END, level1
