"""Real places, industries and name parts that generated filings are drawn from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A county-level place: full names, the stems a filer writes, and its area code."""

    province: str
    city: str
    county: str
    area_code: str
    western: bool = False

    @property
    def municipality(self) -> bool:
        return self.province in {"北京市", "天津市", "上海市", "重庆市"}


@dataclass(frozen=True)
class Industry:
    """A leading industry: cluster-name part, short name, 产业类型 option and product words."""

    name: str
    short: str
    industry_type: str
    products: tuple[str, ...]


PLACES: tuple[Place, ...] = (
    Place("浙江省", "湖州市", "长兴县", "0572"),
    Place("浙江省", "宁波市", "慈溪市", "0574"),
    Place("浙江省", "杭州市", "余杭区", "0571"),
    Place("江苏省", "苏州市", "常熟市", "0512"),
    Place("江苏省", "无锡市", "江阴市", "0510"),
    Place("江苏省", "常州市", "武进区", "0519"),
    Place("广东省", "佛山市", "顺德区", "0757"),
    Place("山东省", "潍坊市", "寿光市", "0536"),
    Place("山东省", "临沂市", "兰陵县", "0539"),
    Place("福建省", "泉州市", "晋江市", "0595"),
    Place("河南省", "许昌市", "长葛市", "0374"),
    Place("河北省", "邢台市", "清河县", "0319"),
    Place("安徽省", "合肥市", "肥西县", "0551"),
    Place("湖北省", "襄阳市", "谷城县", "0710"),
    Place("湖南省", "长沙市", "浏阳市", "0731"),
    Place("江西省", "赣州市", "南康区", "0797"),
    Place("上海市", "上海市", "嘉定区", "021"),
    Place("四川省", "成都市", "郫都区", "028", western=True),
    Place("重庆市", "重庆市", "璧山区", "023", western=True),
)

INDUSTRIES: tuple[Industry, ...] = (
    Industry("新能源汽车零部件", "汽车零部件", "secondary", ("电驱动总成", "动力电池壳体", "热管理系统")),
    Industry("智能家电", "家电", "secondary", ("变频空调", "厨房电器", "小家电")),
    Industry("五金工具", "五金", "secondary", ("电动工具", "手动工具", "园林工具")),
    Industry("精密模具", "模具", "secondary", ("汽车覆盖件模具", "注塑模具", "压铸模具")),
    Industry("电线电缆", "线缆", "secondary", ("特种电缆", "光纤光缆", "电力电缆")),
    Industry("功能性纺织面料", "纺织", "secondary", ("功能面料", "产业用纺织品", "高端家纺")),
    Industry("生物医药", "医药", "secondary", ("原料药", "医疗器械", "中药饮片")),
    Industry("绿色建材", "建材", "secondary", ("装配式构件", "节能玻璃", "新型墙材")),
    Industry("工业互联网服务", "工业互联网", "tertiary", ("工业软件", "数据服务", "系统集成")),
    Industry("蔬菜种业", "种业", "primary", ("蔬菜种子", "种苗", "设施农业装备")),
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "建国",
    "海燕",
    "志强",
    "晓东",
    "丽华",
    "红梅",
    "文博",
    "国平",
    "春雷",
)
FIRM_WORDS = ("华", "瑞", "鑫", "恒", "宏", "新", "远", "达", "盛", "泰", "博", "创", "科", "联", "丰", "源")
FIRM_SUFFIXES = ("科技有限公司", "股份有限公司", "制造有限公司", "智能装备有限公司", "新材料有限公司")
MOBILE_PREFIXES = (
    "138",
    "139",
    "137",
    "136",
    "135",
    "150",
    "151",
    "152",
    "158",
    "159",
    "186",
    "187",
    "188",
    "189",
)
AUTHORITY_SUFFIXES = ("经济和信息化局", "工业和信息化局", "经济信息化和商务局", "科技工业信息化局")
