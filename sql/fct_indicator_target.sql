-- fct_indicator_target: one indicator row (绩效指标) of one project in one submission.
-- grain: one row per (submission_key, project_seq, indicator_seq); keys: indicator_key =
-- md5('indicator', sha256, project_seq, indicator_seq), submission_key, project_key, unit_key, category_key.
CREATE TABLE IF NOT EXISTS fct_indicator_target (
    indicator_key          VARCHAR NOT NULL,
    submission_key         VARCHAR NOT NULL,
    project_seq            INTEGER NOT NULL,
    indicator_seq          INTEGER NOT NULL,
    project_key            VARCHAR NOT NULL,
    unit_key               VARCHAR NOT NULL,
    division_code          VARCHAR NOT NULL,
    category_key           VARCHAR NOT NULL,
    fiscal_year            INTEGER,
    level1                 VARCHAR,
    level2                 VARCHAR,
    indicator_name         VARCHAR,
    indicator_description  VARCHAR,
    target_raw             VARCHAR,
    target_op              VARCHAR,
    target_value           DOUBLE,
    target_unit            VARCHAR,
    basis                  VARCHAR,
    horizon                VARCHAR NOT NULL,
    level1_canonical       VARCHAR,
    level2_canonical       VARCHAR,
    taxonomy_version       VARCHAR NOT NULL,
    in_taxonomy            BOOLEAN NOT NULL,
    is_quantified          BOOLEAN NOT NULL,
    is_vague               BOOLEAN NOT NULL,
    load_id                VARCHAR NOT NULL,
    source_sha256          VARCHAR NOT NULL,
    source_table           INTEGER,
    source_row             INTEGER
);
COMMENT ON TABLE fct_indicator_target IS '绩效指标事实：一个项目的一行指标（一级/二级/三级、指标值），原文与规范化结果并存。';
COMMENT ON COLUMN fct_indicator_target.indicator_key IS 'Surrogate key: md5 of ''indicator'', the file sha256, project_seq and indicator_seq.';
COMMENT ON COLUMN fct_indicator_target.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN fct_indicator_target.project_seq IS '1-based position of the project in the document.';
COMMENT ON COLUMN fct_indicator_target.indicator_seq IS '1-based position of the row within the project''s indicators.';
COMMENT ON COLUMN fct_indicator_target.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN fct_indicator_target.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_indicator_target.category_key IS 'dim_indicator_category.category_key of the canonical (一级, 二级); unknown member when 一级 is not recognised.';
COMMENT ON COLUMN fct_indicator_target.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_indicator_target.level1 IS '一级指标 as written (merged cells resolved).';
COMMENT ON COLUMN fct_indicator_target.level2 IS '二级指标 as written.';
COMMENT ON COLUMN fct_indicator_target.indicator_name IS '三级指标 as written.';
COMMENT ON COLUMN fct_indicator_target.indicator_description IS '绩效指标描述 / 指标内容 as written.';
COMMENT ON COLUMN fct_indicator_target.target_raw IS '指标值 cell text as written.';
COMMENT ON COLUMN fct_indicator_target.target_op IS 'Comparison of the target: =, >=, <=, >, <; null when qualitative (明显提升, 按时完成, a date).';
COMMENT ON COLUMN fct_indicator_target.target_value IS 'Number of the target; money in yuan (万元 x 10000).';
COMMENT ON COLUMN fct_indicator_target.target_unit IS 'Unit of the target: % for %/百分比, 元 for money, else the literal unit (个, 座, 年 ...).';
COMMENT ON COLUMN fct_indicator_target.basis IS '指标值确定依据 as written.';
COMMENT ON COLUMN fct_indicator_target.horizon IS 'annual (年度指标) or long_term (rows of a 长期/中长期 table).';
COMMENT ON COLUMN fct_indicator_target.level1_canonical IS 'Canonical 一级: 产出指标, 成本指标, 效益指标, 满意度指标; null if not recognised.';
COMMENT ON COLUMN fct_indicator_target.level2_canonical IS 'Canonical 二级 (环境效益 -> 生态效益指标, trailing 指标 added); null if not recognised.';
COMMENT ON COLUMN fct_indicator_target.taxonomy_version IS 'pre2021 or 2021: the taxonomy of the project''s table.';
COMMENT ON COLUMN fct_indicator_target.in_taxonomy IS 'True when (level1_canonical, level2_canonical) belongs to the taxonomy of taxonomy_version.';
COMMENT ON COLUMN fct_indicator_target.is_quantified IS 'True when the target has an operator and a number (定量).';
COMMENT ON COLUMN fct_indicator_target.is_vague IS 'True for a qualitative target worded vaguely (明显提升, 有效改善, 按时完成 ...; transform/targets.py VAGUE_WORDS).';
COMMENT ON COLUMN fct_indicator_target.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_indicator_target.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_indicator_target.source_table IS '0-based index, in document body order, of the table holding the row.';
COMMENT ON COLUMN fct_indicator_target.source_row IS '0-based row of that table''s grid.';
COMMENT ON COLUMN fct_indicator_target.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
