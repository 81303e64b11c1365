-- mart_budget_execution: budget execution of last year's projects, per unit, project and fund source.
-- grain: one row per money line of a current self-evaluation (submission_key, project_seq, line_seq); keys:
-- division_code, unit_code, project_code, fund_source. execution_rate_stated_pct is the 执行率 the unit wrote
-- (on the 年度资金总额 line only); execution_rate_pct is recomputed from the line's own numbers.
CREATE OR REPLACE VIEW mart_budget_execution AS
SELECT
    s.division_code,
    s.unit_code,
    s.unit_name,
    left(s.unit_code, 3)                                           AS department_code,
    b.fiscal_year,
    make_date(b.fiscal_year, 1, 1)                                 AS fiscal_year_start,
    coalesce(pl.project_code, p.project_code)                      AS project_code,
    coalesce(pl.project_name, p.project_name)                      AS project_name,
    p.subject,
    b.project_seq,
    b.line_seq,
    b.line                                                         AS fund_source,
    b.label                                                        AS fund_source_label,
    b.initial_yuan                                                 AS budget_initial_yuan,
    b.full_year_yuan                                               AS budget_full_year_yuan,
    b.spent_yuan                                                   AS executed_yuan,
    CASE WHEN b.line = 'total' THEN p.execution_rate_stated_pct END AS execution_rate_stated_pct,
    b.execution_rate_pct,
    CASE WHEN b.line = 'total' THEN round(p.execution_rate_stated_pct - b.execution_rate_pct, 2) END
                                                                   AS rate_gap_pct,
    s.file_name
FROM current_selfeval_budget_line AS b
JOIN current_selfeval_submission AS s USING (submission_key)
JOIN fct_selfeval_project AS p USING (evaluation_key)
LEFT JOIN fct_selfeval_project_link AS pl ON pl.evaluation_key = b.evaluation_key;
COMMENT ON VIEW mart_budget_execution IS '预算执行情况：当前绩效自评中每个项目每个资金来源的年初预算数、全年预算数、全年执行数，填报执行率与按数字重算的执行率。';
COMMENT ON COLUMN mart_budget_execution.division_code IS 'County (6-digit 行政区划 code): the file''s, else that of the targets it is linked to.';
COMMENT ON COLUMN mart_budget_execution.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_budget_execution.unit_name IS 'Unit name as written in the self-evaluation.';
COMMENT ON COLUMN mart_budget_execution.department_code IS 'Department: the first three digits of the unit code.';
COMMENT ON COLUMN mart_budget_execution.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN mart_budget_execution.fiscal_year_start IS 'January 1 of the budget year, for BI time filters.';
COMMENT ON COLUMN mart_budget_execution.project_code IS '项目编码 (the linked target project''s, else as written).';
COMMENT ON COLUMN mart_budget_execution.project_name IS '项目名称 (the linked target project''s, else as written).';
COMMENT ON COLUMN mart_budget_execution.subject IS 'project, or department for the department part.';
COMMENT ON COLUMN mart_budget_execution.project_seq IS 'Project position in the self-evaluation (0: department part).';
COMMENT ON COLUMN mart_budget_execution.line_seq IS 'Position of the line in the money block.';
COMMENT ON COLUMN mart_budget_execution.fund_source IS 'total (年度资金总额), fiscal (财政拨款), carryover (上年结转), other.';
COMMENT ON COLUMN mart_budget_execution.fund_source_label IS 'The line''s label as written.';
COMMENT ON COLUMN mart_budget_execution.budget_initial_yuan IS '年初预算数, yuan.';
COMMENT ON COLUMN mart_budget_execution.budget_full_year_yuan IS '全年预算数 / 调整后预算数, yuan.';
COMMENT ON COLUMN mart_budget_execution.executed_yuan IS '全年执行数, yuan.';
COMMENT ON COLUMN mart_budget_execution.execution_rate_stated_pct IS '执行率 as the unit stated it (年度资金总额 line only).';
COMMENT ON COLUMN mart_budget_execution.execution_rate_pct IS 'executed_yuan / budget_full_year_yuan (else budget_initial_yuan) x 100.';
COMMENT ON COLUMN mart_budget_execution.rate_gap_pct IS 'Stated minus recomputed rate, percentage points (年度资金总额 line only).';
COMMENT ON COLUMN mart_budget_execution.file_name IS 'The self-evaluation file.';
