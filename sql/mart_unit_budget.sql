-- mart_unit_budget: budget by unit and department prefix, current submissions only.
-- grain: one row per (division_code, unit_code, fiscal_year); keys: division_code, unit_key, unit_code, fiscal_year.
CREATE OR REPLACE VIEW mart_unit_budget AS
WITH budgets AS (
    SELECT b.unit_key, b.fiscal_year, b.budget_total_yuan, b.budget_fiscal_yuan, b.budget_other_yuan
    FROM current_project_budget AS b
)
SELECT
    u.division_code,
    u.unit_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    b.fiscal_year,
    count(*)::INTEGER                                                AS projects,
    sum(b.budget_total_yuan)                                         AS budget_total_yuan,
    sum(b.budget_fiscal_yuan)                                        AS budget_fiscal_yuan,
    sum(coalesce(b.budget_other_yuan, 0))                            AS budget_other_yuan,
    count(*) FILTER (WHERE b.budget_total_yuan IS NULL)::INTEGER     AS projects_without_budget
FROM budgets AS b
JOIN dim_unit AS u USING (unit_key)
GROUP BY ALL;
COMMENT ON VIEW mart_unit_budget IS '单位预算汇总：每个单位每个年度的项目数及预算数、财政资金、其他资金合计（仅当前报送）。';
COMMENT ON COLUMN mart_unit_budget.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_unit_budget.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_unit_budget.unit_name IS 'Unit name from its latest submission.';
COMMENT ON COLUMN mart_unit_budget.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_unit_budget.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_unit_budget.projects IS 'Projects in the unit''s current submission.';
COMMENT ON COLUMN mart_unit_budget.budget_total_yuan IS 'Sum of 预算数, yuan.';
COMMENT ON COLUMN mart_unit_budget.budget_fiscal_yuan IS 'Sum of 财政资金, yuan.';
COMMENT ON COLUMN mart_unit_budget.budget_other_yuan IS 'Sum of 其他资金, yuan (blank counted as 0).';
COMMENT ON COLUMN mart_unit_budget.projects_without_budget IS 'Projects whose 预算数 is blank or unreadable.';
COMMENT ON COLUMN mart_unit_budget.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
