-- fct_indicator_result: one indicator row of a self-evaluation: the target restated, what was achieved, 分值, 得分.
-- grain: one row per (submission_key, project_seq, indicator_seq); keys: result_key = md5('result', sha256,
-- project_seq, indicator_seq), evaluation_key, submission_key, unit_key. Linked to fct_indicator_target by
-- fct_selfeval_indicator_link.
CREATE TABLE IF NOT EXISTS fct_indicator_result (
    result_key             VARCHAR NOT NULL,
    evaluation_key         VARCHAR NOT NULL,
    submission_key         VARCHAR NOT NULL,
    project_seq            INTEGER NOT NULL,
    indicator_seq          INTEGER NOT NULL,
    unit_key               VARCHAR NOT NULL,
    division_code          VARCHAR NOT NULL,
    fiscal_year            INTEGER,
    level1                 VARCHAR,
    level2                 VARCHAR,
    indicator_name         VARCHAR,
    level1_canonical       VARCHAR,
    level2_canonical       VARCHAR,
    match_level1           VARCHAR,
    match_level2           VARCHAR,
    match_name             VARCHAR,
    target_raw             VARCHAR,
    target_op              VARCHAR,
    target_value           DOUBLE,
    target_unit            VARCHAR,
    adjusted_target_raw    VARCHAR,
    adjusted_op            VARCHAR,
    adjusted_value         DOUBLE,
    adjusted_unit          VARCHAR,
    actual_raw             VARCHAR,
    actual_value           DOUBLE,
    weight                 DOUBLE,
    score                  DOUBLE,
    deviation              VARCHAR,
    horizon                VARCHAR NOT NULL,
    is_quantified          BOOLEAN NOT NULL,
    is_cost                BOOLEAN NOT NULL,
    met                    BOOLEAN,
    justified_score        DOUBLE,
    load_id                VARCHAR NOT NULL,
    source_sha256          VARCHAR NOT NULL,
    source_table           INTEGER,
    source_row             INTEGER
);
COMMENT ON TABLE fct_indicator_result IS '指标完成事实：自评表中的一行绩效指标：重述的年度指标值、调整指标值、实际完成值、分值、得分、偏差原因，及是否达标与按数字应得的分数。';
COMMENT ON COLUMN fct_indicator_result.result_key IS 'Surrogate key: md5 of ''result'', the file sha256, project_seq and indicator_seq.';
COMMENT ON COLUMN fct_indicator_result.evaluation_key IS 'fct_selfeval_project.evaluation_key.';
COMMENT ON COLUMN fct_indicator_result.submission_key IS 'dim_submission.submission_key of the self-evaluation.';
COMMENT ON COLUMN fct_indicator_result.project_seq IS 'Position of the project in the document; 0 for the department part.';
COMMENT ON COLUMN fct_indicator_result.indicator_seq IS '1-based position of the row within the project''s indicators.';
COMMENT ON COLUMN fct_indicator_result.unit_key IS 'dim_unit.unit_key of the file''s unit; the unknown unit when its county is unknown (current_selfeval_submission.unit_key places it).';
COMMENT ON COLUMN fct_indicator_result.division_code IS 'County (6-digit 行政区划 code) of the submission.';
COMMENT ON COLUMN fct_indicator_result.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN fct_indicator_result.level1 IS '一级指标 as written (may carry its points: 产出指标（50分）).';
COMMENT ON COLUMN fct_indicator_result.level2 IS '二级指标 as written.';
COMMENT ON COLUMN fct_indicator_result.indicator_name IS '三级指标 as written.';
COMMENT ON COLUMN fct_indicator_result.level1_canonical IS 'Canonical 一级 (points removed); null if not recognised.';
COMMENT ON COLUMN fct_indicator_result.level2_canonical IS 'Canonical 二级; null if not recognised.';
COMMENT ON COLUMN fct_indicator_result.match_level1 IS '一级 as linking compares it (canonical, else the folded text).';
COMMENT ON COLUMN fct_indicator_result.match_level2 IS '二级 as linking compares it (canonical, else the folded text).';
COMMENT ON COLUMN fct_indicator_result.match_name IS '三级 as linking compares it (width, spaces, numbering and end punctuation folded).';
COMMENT ON COLUMN fct_indicator_result.target_raw IS '年度指标值 as the self-evaluation restates it.';
COMMENT ON COLUMN fct_indicator_result.target_op IS 'Comparison of the restated target: =, >=, <=, >, <; null when qualitative.';
COMMENT ON COLUMN fct_indicator_result.target_value IS 'Number of the restated target; money in yuan.';
COMMENT ON COLUMN fct_indicator_result.target_unit IS 'Unit of the restated target (%, 元, 个 ...).';
COMMENT ON COLUMN fct_indicator_result.adjusted_target_raw IS '调整指标值 / 全年（调整）指标值 where the form gives one; audited like a restated target.';
COMMENT ON COLUMN fct_indicator_result.adjusted_op IS 'Comparison of the adjusted target; null when qualitative or absent.';
COMMENT ON COLUMN fct_indicator_result.adjusted_value IS 'Number of the adjusted target; money in yuan.';
COMMENT ON COLUMN fct_indicator_result.adjusted_unit IS 'Unit of the adjusted target.';
COMMENT ON COLUMN fct_indicator_result.actual_raw IS '实际完成值 / 完成值 as written.';
COMMENT ON COLUMN fct_indicator_result.actual_value IS 'Number of the actual value in the target''s unit; null when qualitative.';
COMMENT ON COLUMN fct_indicator_result.weight IS '分值 / 权重 of the row.';
COMMENT ON COLUMN fct_indicator_result.score IS '得分 the unit gave itself.';
COMMENT ON COLUMN fct_indicator_result.deviation IS '偏差原因分析及改进措施 / 未完成原因分析 text.';
COMMENT ON COLUMN fct_indicator_result.horizon IS 'annual or long_term.';
COMMENT ON COLUMN fct_indicator_result.is_quantified IS 'True when the restated target has an operator and a number.';
COMMENT ON COLUMN fct_indicator_result.is_cost IS 'True for a cost row (一级 成本指标, or a 二级 …成本指标): less is better when the target says =.';
COMMENT ON COLUMN fct_indicator_result.met IS 'Whether the actual value reaches the restated target (>=, >, = outside cost rows: at least; <=, <, = on cost rows: at most; a strict bound is reached at its value); null when target or actual is not a number.';
COMMENT ON COLUMN fct_indicator_result.justified_score IS 'Score the numbers justify: actual / target x 分值 (more is better) or target / actual x 分值 (less is better), within 0..分值; null when qualitative or no 分值.';
COMMENT ON COLUMN fct_indicator_result.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_indicator_result.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_indicator_result.source_table IS '0-based index of the table holding the row.';
COMMENT ON COLUMN fct_indicator_result.source_row IS '0-based row of that table''s grid.';
