-- mart_department_budget: budget by department (主管部门) and year, with names, fund sources and the
-- unexplained gap where 财政资金 + 其他资金 ≠ 预算数 (current submissions).
-- grain: one row per (division_code, department_code, fiscal_year); keys: division_code, department_code,
-- fiscal_year.
-- gap per project = 预算数 - 财政资金 - 其他资金 (blank 其他资金 counted as 0), for projects whose 预算数
-- and 财政资金 are both readable; unexplained_gap_yuan sums the absolute gaps above half a yuan.
CREATE OR REPLACE VIEW mart_department_budget AS
WITH projects AS (
    SELECT u.division_code, u.department_code, b.unit_key, b.fiscal_year,
           b.budget_total_yuan, b.budget_fiscal_yuan, b.budget_other_yuan,
           CASE WHEN b.budget_total_yuan IS NOT NULL AND b.budget_fiscal_yuan IS NOT NULL
                THEN b.budget_total_yuan - b.budget_fiscal_yuan - coalesce(b.budget_other_yuan, 0) END AS gap_yuan
    FROM current_project_budget AS b
    JOIN dim_unit AS u USING (unit_key)
)
SELECT
    p.division_code,
    p.department_code,
    d.department_name,
    p.fiscal_year,
    make_date(p.fiscal_year, 1, 1)                                                    AS fiscal_year_start,
    count(DISTINCT p.unit_key)::INTEGER                                               AS units,
    count(*)::INTEGER                                                                 AS projects,
    sum(p.budget_total_yuan)                                                          AS budget_total_yuan,
    sum(p.budget_fiscal_yuan)                                                         AS budget_fiscal_yuan,
    sum(coalesce(p.budget_other_yuan, 0))                                             AS budget_other_yuan,
    round(100.0 * sum(p.budget_fiscal_yuan) / nullif(sum(p.budget_total_yuan), 0), 2) AS fiscal_share_pct,
    round(100.0 * sum(coalesce(p.budget_other_yuan, 0)) / nullif(sum(p.budget_total_yuan), 0), 2) AS other_share_pct,
    coalesce(sum(abs(p.gap_yuan)) FILTER (WHERE abs(p.gap_yuan) > 0.5), 0)            AS unexplained_gap_yuan,
    count(*) FILTER (WHERE abs(p.gap_yuan) > 0.5)::INTEGER                            AS projects_with_gap,
    count(*) FILTER (WHERE p.budget_total_yuan IS NULL)::INTEGER                      AS projects_without_budget
FROM projects AS p
LEFT JOIN dim_department AS d USING (division_code, department_code)
GROUP BY ALL;
COMMENT ON VIEW mart_department_budget IS '部门预算汇总：每个主管部门每个年度的单位数、项目数、预算数及财政资金、其他资金构成，和财政+其他≠预算数的未说明差额。';
COMMENT ON COLUMN mart_department_budget.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the department.';
COMMENT ON COLUMN mart_department_budget.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_department_budget.department_name IS 'Department name (dim_department.department_name).';
COMMENT ON COLUMN mart_department_budget.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_department_budget.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_department_budget.units IS 'Units of the department with a current submission that year.';
COMMENT ON COLUMN mart_department_budget.projects IS 'Projects of those submissions.';
COMMENT ON COLUMN mart_department_budget.budget_total_yuan IS 'Sum of 预算数, yuan.';
COMMENT ON COLUMN mart_department_budget.budget_fiscal_yuan IS 'Sum of 财政资金, yuan.';
COMMENT ON COLUMN mart_department_budget.budget_other_yuan IS 'Sum of 其他资金, yuan (blank counted as 0).';
COMMENT ON COLUMN mart_department_budget.fiscal_share_pct IS '100 x budget_fiscal_yuan / budget_total_yuan, 2 decimals.';
COMMENT ON COLUMN mart_department_budget.other_share_pct IS '100 x budget_other_yuan / budget_total_yuan, 2 decimals.';
COMMENT ON COLUMN mart_department_budget.unexplained_gap_yuan IS 'Sum over projects of |预算数 - 财政资金 - 其他资金| where it exceeds 0.5 yuan.';
COMMENT ON COLUMN mart_department_budget.projects_with_gap IS 'Projects whose 财政资金 + 其他资金 differs from 预算数 by more than 0.5 yuan.';
COMMENT ON COLUMN mart_department_budget.projects_without_budget IS 'Projects whose 预算数 is blank or unreadable.';
