-- dim_indicator_category: conformed indicator categories (一级/二级指标) per taxonomy version.
-- grain: one row per (taxonomy_version, level1_canonical, level2_canonical); key: category_key =
-- md5('category', version, 一级, 二级 or '') (transform/frames.py category_key). Holds every member of
-- both taxonomies (in_taxonomy) and any other pair a submission used; unknown member '000…0'.
CREATE TABLE IF NOT EXISTS dim_indicator_category (
    category_key      VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    level1_canonical  VARCHAR,
    level2_canonical  VARCHAR,
    in_taxonomy       BOOLEAN NOT NULL,
    sort_order        INTEGER NOT NULL,
    load_id           VARCHAR NOT NULL
);
INSERT INTO dim_indicator_category
SELECT '00000000000000000000000000000000', 'unknown', NULL, NULL, false, 9999, 'schema'
WHERE NOT EXISTS (SELECT 1 FROM dim_indicator_category WHERE category_key = '00000000000000000000000000000000');
COMMENT ON TABLE dim_indicator_category IS '指标类别维度：规范化的一级/二级指标及所属分类体系（2021 年前 / 财预〔2021〕101号）；含 unknown 成员。';
COMMENT ON COLUMN dim_indicator_category.category_key IS 'Surrogate key: md5 of ''category'', taxonomy version, 一级 and 二级; 32 zeros for the unknown member.';
COMMENT ON COLUMN dim_indicator_category.taxonomy_version IS 'pre2021 (成本 is a 二级 under 产出) or 2021 (成本指标 is a 一级); ''unknown'' for the unknown member.';
COMMENT ON COLUMN dim_indicator_category.level1_canonical IS 'Canonical 一级指标: 产出指标, 成本指标, 效益指标 or 满意度指标.';
COMMENT ON COLUMN dim_indicator_category.level2_canonical IS 'Canonical 二级指标 (数量指标, 生态效益指标 for 环境效益, ...); null when the row had no recognised 二级.';
COMMENT ON COLUMN dim_indicator_category.in_taxonomy IS 'True when the pair belongs to its taxonomy version''s table (domain.md); false for pairs only seen in submissions.';
COMMENT ON COLUMN dim_indicator_category.sort_order IS 'Order of the pair in the taxonomy table (产出 数量 first); 1000 and above for pairs outside it.';
COMMENT ON COLUMN dim_indicator_category.load_id IS 'Load that added this row; ''schema'' for the unknown member.';
