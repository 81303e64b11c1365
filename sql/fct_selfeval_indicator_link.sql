-- fct_selfeval_indicator_link: how each indicator row of a current self-evaluation pairs with a target row.
-- grain: one row per link_key: every result row of a current self-evaluation (link_key = result_key), plus every
-- target row of a linked or left-out project that no result row matched (link_key = the target's indicator_key).
-- keys: result_key (fct_indicator_result), indicator_key (fct_indicator_target), unit_key. Recomputed at every
-- load for the years it touches, over current submissions only (transform/selfeval/link.py).
CREATE TABLE IF NOT EXISTS fct_selfeval_indicator_link (
    link_key                 VARCHAR NOT NULL,
    division_code            VARCHAR NOT NULL,
    unit_code                VARCHAR,
    unit_key                 VARCHAR NOT NULL,
    fiscal_year              INTEGER,
    selfeval_submission_key  VARCHAR NOT NULL,
    selfeval_project_seq     INTEGER,
    indicator_seq            INTEGER,
    result_key               VARCHAR,
    target_submission_key    VARCHAR,
    target_project_seq       INTEGER,
    target_indicator_seq     INTEGER,
    indicator_key            VARCHAR,
    link_status              VARCHAR NOT NULL,
    matched_by               VARCHAR,
    load_id                  VARCHAR NOT NULL
);
COMMENT ON TABLE fct_selfeval_indicator_link IS '自评与目标的指标对应：自评表中的每行指标与年初目标中的指标行（按一级、二级、三级指标，容忍编号与空格差异）对应；年初有而自评没有的（删去）、自评有而年初没有的（新增）都保留。';
COMMENT ON COLUMN fct_selfeval_indicator_link.link_key IS 'result_key of the result row, or the target''s indicator_key for a target row no result matched.';
COMMENT ON COLUMN fct_selfeval_indicator_link.division_code IS 'County (6-digit 行政区划 code).';
COMMENT ON COLUMN fct_selfeval_indicator_link.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN fct_selfeval_indicator_link.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_selfeval_indicator_link.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN fct_selfeval_indicator_link.selfeval_submission_key IS 'dim_submission.submission_key of the current self-evaluation.';
COMMENT ON COLUMN fct_selfeval_indicator_link.selfeval_project_seq IS 'Project position in the self-evaluation; null for a project left out.';
COMMENT ON COLUMN fct_selfeval_indicator_link.indicator_seq IS 'Row position in the self-evaluated project; null for a target row left out.';
COMMENT ON COLUMN fct_selfeval_indicator_link.result_key IS 'fct_indicator_result.result_key; null for a target row left out.';
COMMENT ON COLUMN fct_selfeval_indicator_link.target_submission_key IS 'dim_submission.submission_key of the target submission; null when the project is not linked.';
COMMENT ON COLUMN fct_selfeval_indicator_link.target_project_seq IS 'Project position in the target submission.';
COMMENT ON COLUMN fct_selfeval_indicator_link.target_indicator_seq IS 'Row position in the target project; null for a row added afterwards.';
COMMENT ON COLUMN fct_selfeval_indicator_link.indicator_key IS 'fct_indicator_target.indicator_key; null for a row added afterwards.';
COMMENT ON COLUMN fct_selfeval_indicator_link.link_status IS 'linked; dropped (set at the start of the year, absent from the self-evaluation); added (only in the self-evaluation); project_not_linked (its project has no target project); project_not_evaluated (the whole project was left out).';
COMMENT ON COLUMN fct_selfeval_indicator_link.matched_by IS 'categories_and_name (一级, 二级, 三级) or name (三级 alone, categories restated differently); null when not linked.';
COMMENT ON COLUMN fct_selfeval_indicator_link.load_id IS 'Load that last computed the links.';
