-- fct_selfeval_project_link: how each current self-evaluated project pairs with a current target project.
-- grain: one row per self-evaluated project (selfeval_submission_key, selfeval_project_seq), plus one per target
-- project a unit's self-evaluation left out (selfeval_submission_key, target_submission_key, target_project_seq).
-- keys: evaluation_key, project_key (dim_project), unit_key. Recomputed at every load for the years it touches,
-- over current submissions only (transform/selfeval/link.py): order-independent, re-linked on re-submission.
CREATE TABLE IF NOT EXISTS fct_selfeval_project_link (
    division_code            VARCHAR NOT NULL,
    unit_code                VARCHAR,
    unit_key                 VARCHAR NOT NULL,
    fiscal_year              INTEGER,
    selfeval_submission_key  VARCHAR NOT NULL,
    selfeval_project_seq     INTEGER,
    evaluation_key           VARCHAR,
    target_submission_key    VARCHAR,
    target_project_seq       INTEGER,
    project_key              VARCHAR,
    project_code             VARCHAR,
    project_name             VARCHAR,
    link_status              VARCHAR NOT NULL,
    matched_by               VARCHAR,
    load_id                  VARCHAR NOT NULL
);
COMMENT ON TABLE fct_selfeval_project_link IS '自评与目标的项目对应：当前自评表中的每个项目与同一县区、单位、年度的当前绩效目标项目（按项目编码，否则按项目名称）对应；未对应的两边都保留。';
COMMENT ON COLUMN fct_selfeval_project_link.division_code IS 'County (6-digit 行政区划 code).';
COMMENT ON COLUMN fct_selfeval_project_link.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN fct_selfeval_project_link.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_selfeval_project_link.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN fct_selfeval_project_link.selfeval_submission_key IS 'dim_submission.submission_key of the current self-evaluation.';
COMMENT ON COLUMN fct_selfeval_project_link.selfeval_project_seq IS 'Project position in the self-evaluation (0: department part); null for a target project left out.';
COMMENT ON COLUMN fct_selfeval_project_link.evaluation_key IS 'fct_selfeval_project.evaluation_key; null for a target project left out.';
COMMENT ON COLUMN fct_selfeval_project_link.target_submission_key IS 'dim_submission.submission_key of the current target submission; null when not linked.';
COMMENT ON COLUMN fct_selfeval_project_link.target_project_seq IS 'Project position in the target submission; null when not linked.';
COMMENT ON COLUMN fct_selfeval_project_link.project_key IS 'dim_project.project_key of the target project; null when not linked.';
COMMENT ON COLUMN fct_selfeval_project_link.project_code IS '项目编码 (the target''s when linked, else as the self-evaluation writes it).';
COMMENT ON COLUMN fct_selfeval_project_link.project_name IS '项目名称 (the target''s when linked, else as the self-evaluation writes it).';
COMMENT ON COLUMN fct_selfeval_project_link.link_status IS 'linked; not_evaluated (a target project the self-evaluation left out); not_in_targets (evaluated, no such target project); no_target_submission (the unit''s targets of that year are not loaded); department (the department part).';
COMMENT ON COLUMN fct_selfeval_project_link.matched_by IS 'code (项目编码) or name (项目名称, numbering and spacing folded); null when not linked.';
COMMENT ON COLUMN fct_selfeval_project_link.load_id IS 'Load that last computed the links.';
