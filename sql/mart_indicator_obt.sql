-- mart_indicator_obt: one big table for BI tools: one flat row per current indicator with its unit,
-- project, category, target and budget columns.
-- grain: one row per current indicator row (submission_key, project_seq, indicator_seq); keys: division_code, indicator_key.
CREATE OR REPLACE VIEW mart_indicator_obt AS
SELECT
    t.division_code,
    t.indicator_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    t.fiscal_year,
    d.project_code,
    d.project_name,
    t.project_seq,
    t.indicator_seq,
    t.level1,
    t.level2,
    t.indicator_name,
    t.indicator_description,
    t.level1_canonical,
    t.level2_canonical,
    t.taxonomy_version,
    t.in_taxonomy,
    t.target_raw,
    t.target_op,
    t.target_value,
    t.target_unit,
    t.is_quantified,
    t.is_vague,
    t.basis,
    t.horizon,
    b.budget_total_yuan,
    b.budget_fiscal_yuan,
    b.budget_other_yuan,
    s.file_name,
    t.source_sha256,
    t.source_table,
    t.source_row,
    t.load_id
FROM current_indicator_target AS t
JOIN dim_unit AS u USING (unit_key)
JOIN dim_project AS d USING (project_key)
JOIN dim_submission AS s USING (submission_key)
JOIN current_project_budget AS b USING (submission_key, project_seq);
COMMENT ON VIEW mart_indicator_obt IS '指标宽表（供 BI 使用）：每个当前指标一行，含单位、项目、类别、目标值、预算和来源列。';
COMMENT ON COLUMN mart_indicator_obt.indicator_key IS 'fct_indicator_target.indicator_key.';
COMMENT ON COLUMN mart_indicator_obt.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_indicator_obt.unit_name IS 'Unit name.';
COMMENT ON COLUMN mart_indicator_obt.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_indicator_obt.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_indicator_obt.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_indicator_obt.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_indicator_obt.project_seq IS '1-based position of the project in its file.';
COMMENT ON COLUMN mart_indicator_obt.indicator_seq IS '1-based position of the row in the project.';
COMMENT ON COLUMN mart_indicator_obt.level1 IS '一级指标 as written.';
COMMENT ON COLUMN mart_indicator_obt.level2 IS '二级指标 as written.';
COMMENT ON COLUMN mart_indicator_obt.indicator_name IS '三级指标 as written.';
COMMENT ON COLUMN mart_indicator_obt.indicator_description IS '绩效指标描述 as written.';
COMMENT ON COLUMN mart_indicator_obt.level1_canonical IS 'Canonical 一级.';
COMMENT ON COLUMN mart_indicator_obt.level2_canonical IS 'Canonical 二级.';
COMMENT ON COLUMN mart_indicator_obt.taxonomy_version IS 'pre2021 or 2021.';
COMMENT ON COLUMN mart_indicator_obt.in_taxonomy IS 'True when the (一级, 二级) pair is in the taxonomy.';
COMMENT ON COLUMN mart_indicator_obt.target_raw IS '指标值 as written.';
COMMENT ON COLUMN mart_indicator_obt.target_op IS 'Comparison of the target; null when qualitative.';
COMMENT ON COLUMN mart_indicator_obt.target_value IS 'Target number (money in yuan).';
COMMENT ON COLUMN mart_indicator_obt.target_unit IS 'Target unit (%, 元, 个 ...).';
COMMENT ON COLUMN mart_indicator_obt.is_quantified IS 'True when the target has an operator and a number.';
COMMENT ON COLUMN mart_indicator_obt.is_vague IS 'True for a vague qualitative target.';
COMMENT ON COLUMN mart_indicator_obt.basis IS '指标值确定依据.';
COMMENT ON COLUMN mart_indicator_obt.horizon IS 'annual or long_term.';
COMMENT ON COLUMN mart_indicator_obt.budget_total_yuan IS 'The project''s 预算数, yuan.';
COMMENT ON COLUMN mart_indicator_obt.budget_fiscal_yuan IS 'The project''s 财政资金, yuan.';
COMMENT ON COLUMN mart_indicator_obt.budget_other_yuan IS 'The project''s 其他资金, yuan.';
COMMENT ON COLUMN mart_indicator_obt.file_name IS 'Name of the source file.';
COMMENT ON COLUMN mart_indicator_obt.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN mart_indicator_obt.source_table IS '0-based table index in the document.';
COMMENT ON COLUMN mart_indicator_obt.source_row IS '0-based row in that table.';
COMMENT ON COLUMN mart_indicator_obt.load_id IS 'Load that added the row.';
COMMENT ON COLUMN mart_indicator_obt.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
