package demo

import "zhaoshang"

// county is one of the 16 county-level units with what its demo projects
// lean towards: a weight for its share of projects, multipliers for the
// areas it is strong in and the 100-billion industries it hosts.
type county struct {
	Code, Name, Abbr string
	Weight           float64
	Areas            map[zhaoshang.Area]float64
	Industries       []string
}

// counties: 凯里市 takes the largest share, the small mountain counties the
// fewest. The leanings are plausible, not statistics.
var counties = []county{
	{"522601", "凯里市", "KL", 17, map[zhaoshang.Area]float64{zhaoshang.AreaIndustry: 1.3, zhaoshang.AreaUrbanism: 1.7}, []string{"铝加工", "电子信息", "新能源电池", "民族医药"}},
	{"522622", "黄平县", "HP", 5, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 1.2}, []string{"生态特色食品加工", "木材加工"}},
	{"522623", "施秉县", "SB", 4, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 1.5}, []string{"民族医药", "生态特色食品加工"}},
	{"522624", "三穗县", "SS", 5, map[zhaoshang.Area]float64{zhaoshang.AreaAgriculture: 1.4}, []string{"生态特色食品加工", "木材加工"}},
	{"522625", "镇远县", "ZY", 6, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 2.0}, []string{"生态特色食品加工", "民族工艺品加工"}},
	{"522626", "岑巩县", "CG", 5, nil, []string{"玻璃", "木材加工"}},
	{"522627", "天柱县", "TZ", 7, map[zhaoshang.Area]float64{zhaoshang.AreaIndustry: 1.3}, []string{"钡化工", "铝加工"}},
	{"522628", "锦屏县", "JP", 5, nil, []string{"木材加工", "民族工艺品加工"}},
	{"522629", "剑河县", "JH", 5, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 1.2}, []string{"民族医药", "生态特色食品加工"}},
	{"522630", "台江县", "TJ", 4, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 1.2}, []string{"民族工艺品加工", "生态特色食品加工"}},
	{"522631", "黎平县", "LP", 7, map[zhaoshang.Area]float64{zhaoshang.AreaAgriculture: 1.3, zhaoshang.AreaTourism: 1.5}, []string{"生态特色食品加工", "木材加工"}},
	{"522632", "榕江县", "RJ", 6, map[zhaoshang.Area]float64{zhaoshang.AreaAgriculture: 1.5}, []string{"生态特色食品加工", "电子信息"}},
	{"522633", "从江县", "CJ", 6, map[zhaoshang.Area]float64{zhaoshang.AreaAgriculture: 1.5, zhaoshang.AreaTourism: 1.3}, []string{"生态特色食品加工", "民族医药"}},
	{"522634", "雷山县", "LS", 4, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 2.0}, []string{"生态特色食品加工", "民族工艺品加工"}},
	{"522635", "麻江县", "MJ", 5, map[zhaoshang.Area]float64{zhaoshang.AreaAgriculture: 1.5}, []string{"生态特色食品加工", "铝加工"}},
	{"522636", "丹寨县", "DZ", 4, map[zhaoshang.Area]float64{zhaoshang.AreaTourism: 1.4}, []string{"民族工艺品加工", "生态特色食品加工"}},
}

// origin is where investors come from: the 投资方所在地 a ledger writes, the
// region code of their credit code ("" for investors from outside the
// mainland, who have none), where their money comes from, and the resident
// team (驻点招商工作队) that follows them, if any.
type origin struct {
	City, Region, Division string
	Source                 zhaoshang.FundSource
	Weight                 float64
	Team                   string
}

var origins = []origin{
	{"贵阳", "贵州省贵阳市", "520100", zhaoshang.SourceInProvince, 13, ""},
	{"遵义", "贵州省遵义市", "520300", zhaoshang.SourceInProvince, 3, ""},
	{"凯里", "贵州省黔东南州", "522601", zhaoshang.SourceInProvince, 8, ""},
	{"广州", "广东省广州市", "440100", zhaoshang.SourceOutOfProvince, 14, "驻佛山招商工作队"},
	{"深圳", "广东省深圳市", "440300", zhaoshang.SourceOutOfProvince, 12, "驻深圳招商工作队"},
	{"佛山", "广东省佛山市", "440600", zhaoshang.SourceOutOfProvince, 5, "驻佛山招商工作队"},
	{"东莞", "广东省东莞市", "441900", zhaoshang.SourceOutOfProvince, 4, "驻深圳招商工作队"},
	{"杭州", "浙江省杭州市", "330100", zhaoshang.SourceOutOfProvince, 6, "驻杭州招商工作队"},
	{"宁波", "浙江省宁波市", "330200", zhaoshang.SourceOutOfProvince, 3, "驻杭州招商工作队"},
	{"温州", "浙江省温州市", "330300", zhaoshang.SourceOutOfProvince, 3, "驻杭州招商工作队"},
	{"北京", "北京市", "110105", zhaoshang.SourceOutOfProvince, 5, "驻北京招商工作队"},
	{"上海", "上海市", "310115", zhaoshang.SourceOutOfProvince, 4, ""},
	{"重庆", "重庆市", "500112", zhaoshang.SourceOutOfProvince, 4, ""},
	{"成都", "四川省成都市", "510100", zhaoshang.SourceOutOfProvince, 3, ""},
	{"长沙", "湖南省长沙市", "430100", zhaoshang.SourceOutOfProvince, 4, ""},
	{"苏州", "江苏省苏州市", "320500", zhaoshang.SourceOutOfProvince, 2, ""},
	{"厦门", "福建省厦门市", "350200", zhaoshang.SourceOutOfProvince, 2, ""},
	{"武汉", "湖北省武汉市", "420100", zhaoshang.SourceOutOfProvince, 2, ""},
	{"香港", "香港特别行政区", "", zhaoshang.SourceForeign, 2.5, "驻深圳招商工作队"},
	{"新加坡", "新加坡", "", zhaoshang.SourceForeign, 1, ""},
	{"澳门", "澳门特别行政区", "", zhaoshang.SourceForeign, 0.5, ""},
}

// namePrefix is how an enterprise name from the origin begins.
func (o origin) namePrefix() string {
	switch o.City {
	case "贵阳", "遵义", "凯里":
		return "贵州"
	case "北京", "上海", "重庆", "香港", "新加坡", "澳门":
		return o.City
	}
	return o.City + "市"
}

// industry is what a project makes or offers, with the project name
// templates ({n} takes a capacity) and the words enterprise names use.
type industry struct {
	Name      string
	Templates []string
	Words     []string
}

// The nine 100-billion industries of 新型工业化.
var keyIndustries = []industry{
	{"铝加工", []string{"年产{n}万吨铝型材深加工项目", "铝合金精密压铸件生产线项目", "高端铝箔材料项目", "再生铝循环利用项目", "铝基新材料产业园项目"}, []string{"铝业", "新材料", "铝材"}},
	{"玻璃", []string{"年产{n}万吨日用玻璃制品项目", "光伏玻璃深加工项目", "高硼硅玻璃器皿生产项目", "玻璃瓶罐生产线项目"}, []string{"玻璃", "玻璃制品", "硅材料"}},
	{"钡化工", []string{"高纯碳酸钡生产项目", "年产{n}万吨钡盐精细化工项目", "重晶石综合利用项目", "硫酸钡功能材料项目"}, []string{"化工", "钡业", "精细化工"}},
	{"生态特色食品加工", []string{"酸汤系列产品生产项目", "刺梨饮品精深加工项目", "特色腊肉制品加工项目", "苗侗山珍食品加工项目", "食用菌精深加工项目", "茶叶精制加工项目", "年产{n}万吨特色饮品项目"}, []string{"食品", "食品科技", "农产品开发"}},
	{"民族医药", []string{"苗药制剂生产基地项目", "中药饮片加工项目", "民族药材提取物生产项目", "大健康医药产业园项目"}, []string{"药业", "生物医药", "制药"}},
	{"民族工艺品加工", []string{"苗绣蜡染文创产品开发项目", "苗族银饰工艺品加工项目", "民族服饰生产项目", "侗族刺绣工坊项目"}, []string{"文化创意", "工艺品", "民族服饰"}},
	{"木材加工", []string{"木制家具生产项目", "竹木精深加工项目", "定制木门生产线项目", "林产化工综合利用项目", "年产{n}万立方米人造板项目"}, []string{"木业", "家居", "林产"}},
	{"新能源电池", []string{"锂电池正极材料项目", "储能电池组装项目", "动力电池回收利用项目", "年产{n}GWh锂电池项目"}, []string{"新能源", "锂电科技", "储能科技"}},
	{"电子信息", []string{"电子元器件生产项目", "智能终端组装项目", "光电显示模组项目", "电子线束生产项目", "数据中心建设项目"}, []string{"电子", "智能科技", "信息技术", "光电"}},
}

// Industries of the other areas, key and not.
var areaIndustries = map[zhaoshang.Area][]industry{
	zhaoshang.AreaUrbanism: {
		{"商贸物流", []string{"商贸物流园项目", "冷链物流中心项目", "城市综合体项目"}, []string{"物流", "商业管理", "供应链"}},
		{"城市更新", []string{"老旧小区改造项目", "城市停车场建设项目", "棚户区改造项目"}, []string{"建设", "城市发展", "置业"}},
		{"教育医疗", []string{"民办学校建设项目", "康养中心项目", "民营医院建设项目"}, []string{"教育科技", "健康产业", "医疗管理"}},
		{"基础设施", []string{"污水处理厂建设项目", "智慧城市建设项目", "充电桩网络项目"}, []string{"环保科技", "城市服务", "新能源"}},
	},
	zhaoshang.AreaAgriculture: {
		{"茶叶", []string{"生态茶园建设项目", "茶旅融合示范园项目"}, []string{"茶业", "生态农业"}},
		{"食用菌", []string{"食用菌种植基地项目"}, []string{"农业开发", "菌业"}},
		{"生态畜牧", []string{"生态养殖场项目", "香猪养殖基地项目", "稻田鸭养殖项目"}, []string{"农牧", "生态农业"}},
		{"生态渔业", []string{"稻田养鱼示范项目", "冷水鱼养殖项目"}, []string{"渔业", "农业开发"}},
		{"中药材", []string{"中药材种植基地项目"}, []string{"中药材", "农业开发"}},
		{"精品水果", []string{"蓝莓种植基地项目", "精品水果种植项目", "百香果种植基地项目"}, []string{"果业", "生态农业"}},
		{"林下经济", []string{"林下经济示范基地项目"}, []string{"林业开发", "生态农业"}},
	},
	zhaoshang.AreaTourism: {
		{"文化旅游", []string{"古镇文旅综合开发项目", "民族文化旅游景区项目", "非遗文化街区项目"}, []string{"文化旅游", "文旅发展"}},
		{"乡村旅游", []string{"乡村旅游示范点项目", "传统村落保护开发项目"}, []string{"旅游开发", "乡村旅游"}},
		{"康养旅游", []string{"温泉康养度假区项目", "森林康养基地项目"}, []string{"康养旅游", "健康产业"}},
		{"酒店民宿", []string{"精品民宿集群项目", "度假酒店项目"}, []string{"酒店管理", "旅游开发"}},
	},
	zhaoshang.AreaOther: {
		{"现代服务业", []string{"电子商务产业园项目", "服务外包中心项目"}, []string{"电子商务", "信息服务"}},
		{"数字经济", []string{"大数据服务中心项目"}, []string{"数据科技", "信息技术"}},
	},
}

// Industries of projects that are not key-industry projects (not counted
// in the key indicators).
var nonKeyIndustries = map[zhaoshang.Area][]industry{
	zhaoshang.AreaIndustry: {
		{"建材", []string{"商品混凝土生产项目", "新型墙体材料项目", "装配式建筑构件项目"}, []string{"建材", "新型建材"}},
	},
	zhaoshang.AreaUrbanism: {
		{"商业地产", []string{"商业综合体项目", "特色商业街区项目"}, []string{"置业", "商业管理"}},
	},
	zhaoshang.AreaAgriculture: {
		{"种养殖", []string{"生态种养殖项目", "蔬菜保供基地项目"}, []string{"农业", "农牧"}},
	},
	zhaoshang.AreaOther: {
		{"房地产", []string{"商住小区开发项目", "安置小区配套商业项目"}, []string{"房地产开发", "置业"}},
		{"商贸服务", []string{"购物中心项目", "农贸市场改造项目", "汽车销售服务中心项目"}, []string{"商贸", "实业"}},
		{"餐饮住宿", []string{"连锁酒店项目", "餐饮服务中心项目"}, []string{"酒店管理", "餐饮管理"}},
	},
}

// Syllables of invented brand names: fictional, with no real company meant.
var (
	brandFirst  = []rune("华鑫宏瑞恒锦鼎博汇晟铭泰嘉凯永盛润德信天安海众联裕景川黔苗侗清远昊卓")
	brandSecond = []rune("达泽程盛源丰宇航辰峰诚晖昌越创兴邦晨和鸿祥瀚弘翔")
)

// Tags of strong enterprises, with how often each is the first tag.
var strongTagWeights = []struct {
	Tag    string
	Weight float64
}{
	{"行业龙头", 36}, {"上市公司", 30}, {"民营500强", 14}, {"中国500强", 9}, {"央企", 7}, {"世界500强", 4},
}

// Void reasons of the demo: what a bureau really writes when it takes a
// record out of the figures.
var (
	projectVoidReasons = []string{
		"经核查，该项目为本地企业原有产能技改扩建，不符合招商引资项目统计条件",
		"合同已解除，投资方终止投资",
		"签约主体与实际投资主体不一致，经核实作废",
		"项目已在上年度统计，不再作为新引进项目",
	}
	receiptVoidReasons = []string{
		"银行回单收款方与项目公司不符，不予统计",
		"为项目贷款资金，不属于到位资金统计范围",
		"凭证不全，经核实不予统计",
		"本地财政配套资金，不属于招商引资到位资金",
	}
)
