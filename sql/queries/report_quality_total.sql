-- report_quality_total: the year's indicators, quantified and vague shares over all units (the
-- departments' benchmark) (mart_unit_quality). Parameters: $year, $division (or NULL).
SELECT sum(indicators)::INTEGER AS indicators, sum(quantified)::INTEGER AS quantified,
       sum(vague)::INTEGER AS vague, sum(duplicates)::INTEGER AS duplicates,
       round(100.0 * sum(quantified) / nullif(sum(indicators), 0), 2) AS quantified_pct,
       round(100.0 * sum(vague) / nullif(sum(indicators), 0), 2)      AS vague_pct
FROM mart_unit_quality
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
