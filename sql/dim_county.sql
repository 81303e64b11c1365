-- dim_county: counties (县区) by 6-digit 行政区划 division code, the part of every unit's identity that
-- tells counties apart (counties number their units alike).
-- grain: one row per division_code; keys: natural division_code (transform/division.py says how a
-- file's division is found). The unknown member (division_code 'unknown') holds files no code, folder
-- or setting placed. Rebuilt by warehouse.load for the counties each load touches.
CREATE TABLE IF NOT EXISTS dim_county (
    division_code      VARCHAR NOT NULL,
    county_name        VARCHAR,
    prefecture_code    VARCHAR,
    province_code      VARCHAR,
    province_name      VARCHAR,
    units              INTEGER NOT NULL,
    first_fiscal_year  INTEGER,
    last_fiscal_year   INTEGER,
    load_id            VARCHAR NOT NULL
);
INSERT INTO dim_county (division_code, county_name, units, load_id)
SELECT 'unknown', '未知县区', 0, 'schema'
WHERE NOT EXISTS (SELECT 1 FROM dim_county WHERE division_code = 'unknown');
COMMENT ON TABLE dim_county IS '县区维度：每个行政区划代码（6位）一行，含县区名称、所属地市和省份代码；含 unknown 成员。';
COMMENT ON COLUMN dim_county.division_code IS '6-digit 行政区划 code of the county (131026 for 文安县): the first six digits of its 项目编码; ''unknown'' for the unknown member.';
COMMENT ON COLUMN dim_county.county_name IS 'County name most often found in its units'' names (文安县), else the county_name setting; null when none was found.';
COMMENT ON COLUMN dim_county.prefecture_code IS 'Prefecture (地市) code: the first four digits of the division code followed by 00 (131000 for 廊坊市).';
COMMENT ON COLUMN dim_county.province_code IS 'Province code: the first two digits of the division code followed by 0000 (130000 for 河北省).';
COMMENT ON COLUMN dim_county.province_name IS 'Province name by the first two digits of the division code (transform/division.py PROVINCES).';
COMMENT ON COLUMN dim_county.units IS 'Units (dim_unit rows) of the county with a loaded submission.';
COMMENT ON COLUMN dim_county.first_fiscal_year IS 'Earliest budget year of any loaded submission of the county.';
COMMENT ON COLUMN dim_county.last_fiscal_year IS 'Latest budget year of any loaded submission of the county.';
COMMENT ON COLUMN dim_county.load_id IS 'Load that last rebuilt this row (loads.load_id); ''schema'' for the unknown member.';
