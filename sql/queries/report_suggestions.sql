-- report_suggestions: one suggestion per rule (下一步建议), the rules with the most current findings
-- of the year first, at most $limit (current_review_finding, dim_review_rule).
-- Parameters: $year, $division (or NULL), $limit.
SELECT f.rule_id, any_value(r.description) AS description, count(*)::INTEGER AS findings,
       count(DISTINCT f.unit_code)::INTEGER AS units, mode(f.suggestion) AS suggestion
FROM current_review_finding AS f
LEFT JOIN dim_review_rule AS r USING (rule_id)
WHERE f.fiscal_year = $year AND ($division IS NULL OR f.division_code = $division)
GROUP BY f.rule_id
ORDER BY findings DESC, f.rule_id
LIMIT $limit
