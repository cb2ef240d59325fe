"""Chinese words the validators must recognise or insert into catalogue messages.

The rule messages themselves come only from rules.yaml; this module holds the domain vocabulary
(administrative suffixes, money units, indicator keywords) and the few message fragments that fill a
`{detail}`-like placeholder, so that no other module carries Chinese literals.
"""

from __future__ import annotations

from types import MappingProxyType

# Administrative suffixes, longest first, stripped to get a place-name stem (浙江省 → 浙江).
ADMIN_SUFFIXES: tuple[str, ...] = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "生产建设兵团",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "林区",
    "特区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)
# Province-level words that open a well-formed cluster name (XX省XX县XX产业).
PROVINCE_SUFFIXES: tuple[str, ...] = ("省", "自治区", "市", "兵团")
# Accepted endings of a cluster name: XX产业 / XX产业集群 / XX集群.
NAME_ENDINGS: tuple[str, ...] = ("产业", "产业集群", "集群")

# {detail} of cluster_name_format.
NAME_SHAPE_DETAIL = "不符合“XX省XX县（区）XX产业”的格式"
NAME_PROVINCE_DETAIL = "与所属地区“{place}”的省级名称不一致"
NAME_COUNTY_DETAIL = "与所属地区“{place}”的县级名称不一致"

# Money units and their size in 元, to compare a target-table cell with the form's own amounts.
MONEY_SCALE: MappingProxyType[str, float] = MappingProxyType({"亿元": 1e8, "万元": 1e4, "元": 1.0})
PERCENT_SIGNS: tuple[str, ...] = ("%", "％")

# {items} of evidence_required for a field that only needs a list (清单); items are joined with "；"
# because option texts themselves contain "、" and "，".
LIST_ITEM = "清单"
EVIDENCE_SEPARATOR = "；"
ITEM_SEPARATOR = "、"
# {values} of stage_goals_not_increasing: one "2025年12" per year.
STAGE_VALUE = "{year}年{value}"

# Words that name an indicator inside a stage-goal text (plan.stage_goal_2025/2026/2027).
STAGE_GOAL_KEYWORDS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "output_cagr": ("产值年均增速", "产值增速"),
        "quality_sme_count": ("优质中小企业",),
        "rd_expenditure": ("研发经费",),
        "invention_patent_count": ("有效发明专利",),
        "iip_penetration_rate": ("工业互联网普及率", "工业互联网平台应用普及率"),
        "co2_emissions": ("二氧化碳排放",),
        "energy_intensity": ("单位工业产值能耗", "单位产值能耗"),
    }
)
# Punctuation that ends the phrase in which a stage-goal number must follow its keyword.
CLAUSE_BREAKS = "，,。；;：:\n"

# Recommendation quotas of the 2025 call (see validators/batch.py for the source).
SEPARATE_QUOTA_CITIES: tuple[str, ...] = ("大连市", "青岛市", "宁波市", "厦门市", "深圳市")
CORPS = "新疆生产建设兵团"
