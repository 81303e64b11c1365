-- dim_unit: budget units (预算单位), one row per unit code, named as in its latest current submission.
-- grain: one row per unit_code; keys: unit_key = md5('unit' || chr(31) || unit_code) (transform/keys.py),
-- natural unit_code. The unknown member (unit_key '000…0', unit_code 'unknown') takes facts whose unit is unknown.
CREATE TABLE IF NOT EXISTS dim_unit (
    unit_key           VARCHAR NOT NULL,
    unit_code          VARCHAR NOT NULL,
    unit_name          VARCHAR,
    department_code    VARCHAR,
    first_fiscal_year  INTEGER,
    last_fiscal_year   INTEGER,
    submissions        INTEGER NOT NULL,
    load_id            VARCHAR NOT NULL
);
INSERT INTO dim_unit
SELECT '00000000000000000000000000000000', 'unknown', '未知单位', 'unknown', NULL, NULL, 0, 'schema'
WHERE NOT EXISTS (SELECT 1 FROM dim_unit WHERE unit_key = '00000000000000000000000000000000');
COMMENT ON TABLE dim_unit IS '预算单位维度：每个单位编码一行，名称取其最新有效报送；含 unknown 成员。';
COMMENT ON COLUMN dim_unit.unit_key IS 'Surrogate key: md5 of ''unit'' and the unit code (transform/keys.py); 32 zeros for the unknown member.';
COMMENT ON COLUMN dim_unit.unit_code IS 'Budget unit code (预算单位编码) as written, e.g. 306001; ''unknown'' for the unknown member.';
COMMENT ON COLUMN dim_unit.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN dim_unit.department_code IS 'Department prefix (主管部门): the first three digits of the unit code (306 for 306001).';
COMMENT ON COLUMN dim_unit.first_fiscal_year IS 'Earliest budget year of any loaded submission of the unit.';
COMMENT ON COLUMN dim_unit.last_fiscal_year IS 'Latest budget year of any loaded submission of the unit.';
COMMENT ON COLUMN dim_unit.submissions IS 'Loaded submissions of the unit, current and superseded.';
COMMENT ON COLUMN dim_unit.load_id IS 'Load that last rebuilt this row (loads.load_id); ''schema'' for the unknown member.';
