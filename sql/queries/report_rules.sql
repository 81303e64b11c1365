-- report_rules: the rules that found something in the year: findings (one per defect instance) by
-- severity, units and projects affected (mart_rule_summary). Parameters: $year, $division (or NULL).
SELECT rule_id, description, findings, errors, warnings, units_affected, projects_affected,
       units_affected_pct
FROM mart_rule_summary
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division) AND findings > 0
ORDER BY findings DESC, rule_id
