"""Printed texts of the cover and the 填报说明 page, per form."""

from __future__ import annotations

from schema.catalog import FormId

FORM_MARKS: dict[FormId, str] = {"application": "附件1", "review": "附件2"}
TITLES: dict[FormId, str] = {
    "application": "中小企业特色产业集群申报表",
    "review": "中小企业特色产业集群复核申报表",
}
NAME_HINT = "（XX（省、市）XX（县、区）XX产业））"
PUBLISHER = "工业和信息化部 制"

_COMMON_HEAD = (
    "集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的数据清单及佐证材料。"
    "填报数据将依权限对相关部门和单位开放共享，仅供审核验证和查阅用。",
    "各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后2位。",
)
_OPERATOR = {
    "application": "集群运营管理机构是指对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，"
    "基础建设单位不可作为集群运营管理机构。",
    "review": "集群运营管理机构如发生变化，需提交情况说明。",
}
_EVIDENCE = "佐证材料包括主管部门、第三方机构出具的证明或申报主体自我声明。"
_FINANCE = (
    "财务数据应以企业该年度会计报表期末数为准，单位采用人民币。其中，外商直接投资额、产品出口贸易额按照"
    "国民经济和社会发展统计公报中该年度的汇率进行换算。"
)
_YEAR = "未注明填报年度的，请填写截止到2024年底的数据。"
_PRODUCTS = "主导产品按获得的产品收入占比或重要程度从高到低填写。"
_STAFF = (
    "集群内中小企业从业人员数是指集群内所有中小企业从业人员期末数之和。从业人员期末人数，为上年度末在企业工作，"
    "并取得工资或其他形式劳动报酬的人员数，是在岗职工、劳务派遣人员及其他从业人员之和。从业人员以上年度末数据为定量依据。"
)
_RD = (
    "企业研发费用是指企业研发活动中发生的相关费用，具体按照财政部、国家税务总局、科技部《关于完善研究开发费用税前"
    "加计扣除政策的通知》（财税〔2015〕119号）有关规定进行归集。"
)
_PLAN = (
    "未来三年中小企业特色产业集群发展规划中的发展目标依据《促进中小企业特色产业集群发展暂行办法》编制，"
    "要可考核，突出培育重点，分阶段合理制定年度目标。"
)
_LAYOUT = "为确保文件信息的正确采集，填表时不得改变表格样式，其中一至七部分不得串页。"


def instructions(form: FormId) -> tuple[str, ...]:
    """Given a form id, return its numbered 填报说明 paragraphs."""
    items = [*_COMMON_HEAD, _OPERATOR[form], _EVIDENCE, _FINANCE, _YEAR]
    if form == "application":
        items.append(_PRODUCTS)
    items += [_STAFF, _RD, _PLAN, _LAYOUT]
    return tuple(f"{index}.{text}" for index, text in enumerate(items, start=1))
