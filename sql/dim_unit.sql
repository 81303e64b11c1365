-- dim_unit: budget units (预算单位) of a county, named as in the unit's latest current submission.
-- grain: one row per (division_code, unit_code): counties number their units alike; keys:
-- unit_key = md5('unit' || chr(31) || division_code || chr(31) || unit_code) (transform/keys.py),
-- natural (division_code, unit_code). The unknown member (unit_key '000…0', unit_code 'unknown') takes facts whose unit is unknown.
CREATE TABLE IF NOT EXISTS dim_unit (
    unit_key           VARCHAR NOT NULL,
    division_code      VARCHAR NOT NULL,
    unit_code          VARCHAR NOT NULL,
    unit_name          VARCHAR,
    department_code    VARCHAR,
    first_fiscal_year  INTEGER,
    last_fiscal_year   INTEGER,
    submissions        INTEGER NOT NULL,
    load_id            VARCHAR NOT NULL
);
INSERT INTO dim_unit (unit_key, division_code, unit_code, unit_name, department_code, first_fiscal_year,
                      last_fiscal_year, submissions, load_id)
SELECT '00000000000000000000000000000000', 'unknown', 'unknown', '未知单位', 'unknown', NULL, NULL, 0, 'schema'
WHERE NOT EXISTS (SELECT 1 FROM dim_unit WHERE unit_key = '00000000000000000000000000000000');
COMMENT ON TABLE dim_unit IS '预算单位维度：每个县区（区划代码）的每个单位编码一行，名称取其最新有效报送；含 unknown 成员。';
COMMENT ON COLUMN dim_unit.unit_key IS 'Surrogate key: md5 of ''unit'', the division code and the unit code (transform/keys.py); 32 zeros for the unknown member.';
COMMENT ON COLUMN dim_unit.unit_code IS 'Budget unit code (预算单位编码) as written, e.g. 306001; ''unknown'' for the unknown member.';
COMMENT ON COLUMN dim_unit.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN dim_unit.department_code IS 'Department prefix (主管部门): the first three digits of the unit code (306 for 306001).';
COMMENT ON COLUMN dim_unit.first_fiscal_year IS 'Earliest budget year of any loaded submission of the unit.';
COMMENT ON COLUMN dim_unit.last_fiscal_year IS 'Latest budget year of any loaded submission of the unit.';
COMMENT ON COLUMN dim_unit.submissions IS 'Loaded submissions of the unit, current and superseded.';
COMMENT ON COLUMN dim_unit.load_id IS 'Load that last rebuilt this row (loads.load_id); ''schema'' for the unknown member.';
COMMENT ON COLUMN dim_unit.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the unit; ''unknown'' when not found.';
