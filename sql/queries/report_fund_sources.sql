-- report_fund_sources: the year's budget by fund source (财政资金, 其他资金) in 万元, with the part
-- of 预算数 neither explains (mart_unit_budget). Parameters: $year, $division (or NULL).
SELECT round(sum(budget_total_yuan) / 10000, 2)    AS total_wan,
       round(sum(budget_fiscal_yuan) / 10000, 2)   AS fiscal_wan,
       round(sum(budget_other_yuan) / 10000, 2)    AS other_wan,
       round((sum(budget_total_yuan) - coalesce(sum(budget_fiscal_yuan), 0)
              - sum(budget_other_yuan)) / 10000, 2) AS unexplained_wan,
       sum(projects_without_budget)::INTEGER        AS projects_without_budget
FROM mart_unit_budget
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
