/**
 * Vocabulary of the complaints demo (投诉举报): what people complain about and report, per marked
 * category of migration 0036, the texts officers approve for the reporter (有查必果), enterprises'
 * answers in mediation. Invented, plausible, with no real brand or person.
 */

/** One marked category: its topic, the products it concerns, descriptions (`{subject}`, `{product}`, `{place}` filled in). */
export interface DemoCategory {
  key: string;
  topic: string;
  urgent: boolean;
  /** Kinds it is filed as, weighted. */
  kinds: readonly (readonly ['complaint' | 'report', number])[];
  /** Special equipment: the subject is a unit (by registration number) of this category code. */
  equipmentCategory?: string;
  products: readonly string[];
  descriptions: readonly string[];
  weight: number;
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    key: 'elevator_trapping', topic: 'special_equipment', urgent: true, weight: 3, kinds: [['report', 3], ['complaint', 1]], equipmentCategory: '3000', products: ['乘客电梯'],
    descriptions: ['{place}的电梯突然停在两层之间，我们三个人被困在轿厢里，物业电话打不通，请尽快派人。', '{place}电梯困人，轿厢里有老人和小孩，按了报警按钮没人应答。'],
  },
  {
    key: 'boiler_leak', topic: 'special_equipment', urgent: true, weight: 1, kinds: [['report', 1]], equipmentCategory: '1000', products: ['燃气锅炉'],
    descriptions: ['{subject}锅炉房往外冒蒸汽，附近有很大的响声，担心发生危险。'],
  },
  {
    key: 'vessel_leak', topic: 'special_equipment', urgent: true, weight: 1, kinds: [['report', 1]], equipmentCategory: '2000', products: ['储气罐', '液化石油气钢瓶'],
    descriptions: ['{place}{subject}的储气罐阀门处漏气，闻到明显的刺鼻气味，周围还有人在抽烟。'],
  },
  {
    key: 'ride_fault', topic: 'special_equipment', urgent: true, weight: 1, kinds: [['report', 1], ['complaint', 1]], equipmentCategory: '6000', products: ['游乐设施'],
    descriptions: ['{subject}的游乐设施运行中突然停止，游客被悬在半空十几分钟，工作人员不知道如何处置。'],
  },
  {
    key: 'equipment_uninspected', topic: 'special_equipment', urgent: false, weight: 5, kinds: [['report', 1]], equipmentCategory: '3000', products: ['电梯', '叉车', '起重机'],
    descriptions: ['{place}的电梯检验合格标志已经过期半年了，还在正常使用，请核查。', '{subject}的叉车没有牌照，司机也没有作业人员证，每天在厂区来回跑。', '{subject}车间的起重机没有使用登记，操作人员无证上岗。'],
  },
  {
    key: 'equipment_other', topic: 'special_equipment', urgent: false, weight: 4, kinds: [['complaint', 1], ['report', 1]], equipmentCategory: '3000', products: ['电梯'],
    descriptions: ['{place}的电梯运行时抖动、异响明显，反映给物业多次仍未维修。', '{place}电梯经常停梯，维保单位每月只来签个字，没有实际保养。'],
  },
  {
    key: 'measuring_short', topic: 'metrology', urgent: false, weight: 8, kinds: [['complaint', 2], ['report', 1]], products: ['猪肉', '大米', '水果', '食用油', '螃蟹'],
    descriptions: ['在{subject}买了5斤{product}，回家复秤只有4斤2两，找商家理论不承认。', '{subject}的电子秤有问题，买的{product}每斤都少一两多，怀疑秤被动过手脚。'],
  },
  {
    key: 'instrument_unverified', topic: 'metrology', urgent: false, weight: 4, kinds: [['report', 1]], products: ['电子秤', '加油机', '血压计'],
    descriptions: ['{subject}使用的{product}没有检定合格标志，计量不准。', '{subject}的{product}检定证书过期，仍在贸易结算中使用。'],
  },
  {
    key: 'product_defect', topic: 'product_quality', urgent: false, weight: 12, kinds: [['complaint', 4], ['report', 1]], products: ['电动自行车', '电热水器', '儿童座椅', '空调', '不锈钢水杯', '插线板', '童装'],
    descriptions: ['在{subject}购买的{product}使用不到一个月就出现故障，商家拒绝退换。', '{subject}销售的{product}质量有问题，使用时有焦糊味，要求退货被拒。', '从{subject}买的{product}与宣传的材质不符，要求退款。'],
  },
  {
    key: 'counterfeit', topic: 'product_quality', urgent: false, weight: 5, kinds: [['report', 2], ['complaint', 1]], products: ['插线板', '电线电缆', '化肥', '建筑用钢筋', '头盔'],
    descriptions: ['{subject}销售的{product}疑似冒用他人厂名厂址，包装上的3C标志模糊。', '{subject}出售的{product}没有合格证，怀疑是假冒伪劣产品。'],
  },
  {
    key: 'unlicensed_production', topic: 'product_quality', urgent: false, weight: 4, kinds: [['report', 1]], products: ['食品相关产品', '建筑用钢筋', '危险化学品包装物', '水泥'],
    descriptions: ['{place}有一个小作坊无证生产{product}，晚上偷偷开工，气味很大。', '{subject}没有生产许可证却在生产{product}，产品已经在周边销售。'],
  },
  {
    key: 'standard_violation', topic: 'standards', urgent: false, weight: 3, kinds: [['report', 1], ['complaint', 1]], products: ['瓶装饮用水', '儿童玩具', '家具', '电动自行车'],
    descriptions: ['{subject}的{product}包装上标注的执行标准早已作废。', '{subject}生产的{product}不符合其公开的企业标准，实际指标低于标注值。'],
  },
  {
    key: 'other', topic: 'other', urgent: false, weight: 3, kinds: [['complaint', 1], ['report', 1]], products: ['预付卡', '装修服务', '家政服务'],
    descriptions: ['在{subject}办理的{product}，商家突然关门，余额无法退回。', '{subject}的{product}与合同约定不符，多次协商未果。'],
  },
];

/** 咨询 (enquiries) and 建议 (suggestions): topic, text, the answer given. */
export const DEMO_ENQUIRIES: readonly { topic: string; text: string; answer: string }[] = [
  { topic: 'special_equipment', text: '咨询：小区电梯年检需要物业准备哪些材料？', answer: '您好，电梯定期检验由使用单位向检验机构申报，需提供使用登记证、维护保养记录和上次检验报告。' },
  { topic: 'metrology', text: '咨询：家用燃气表需要定期检定吗？', answer: '您好，用于贸易结算的燃气表实行首次强制检定、限期使用到期轮换，家庭可向燃气公司了解更换周期。' },
  { topic: 'product_quality', text: '咨询：如何查询电动自行车是否有3C认证？', answer: '您好，可在国家认证认可监督管理委员会网站的认证信息查询栏目按证书编号查询。' },
  { topic: 'standards', text: '咨询：企业标准在哪里公开？', answer: '您好，企业标准通过企业标准信息公共服务平台自我声明公开，可按企业名称查询。' },
  { topic: 'other', text: '咨询：投诉举报的处理时限是多少？', answer: '您好，投诉自收到之日起7个工作日内决定是否受理；举报自收到之日起15个工作日内完成核查，特殊情况可延长15个工作日。' },
];
export const DEMO_SUGGESTIONS: readonly { topic: string; text: string; answer: string }[] = [
  { topic: 'special_equipment', text: '建议在电梯轿厢内张贴维保单位的24小时应急电话。', answer: '感谢您的建议，我局已要求各使用单位在轿厢内显著位置公示应急救援电话。' },
  { topic: 'metrology', text: '建议在农贸市场设置公平秤并定期检查。', answer: '感谢您的建议，我局已会同市场开办方在各农贸市场设置公平秤，并纳入日常检查。' },
  { topic: 'product_quality', text: '建议加强对校园周边文具店的产品质量抽查。', answer: '感谢您的建议，已纳入本年度产品质量监督抽查计划。' },
  { topic: 'other', text: '建议投诉举报网页增加处理进度的短信提醒。', answer: '感谢您的建议，我局已转信息化部门研究。' },
];

/** Why a complaint is not accepted (the reason is the public result). */
export const REFUSAL_REASONS = [
  '不属于市场监督管理部门职责范围，已告知您向有关部门反映。',
  '未提供被投诉人的具体名称和地址，无法受理，请补充后重新提交。',
  '该纠纷已由人民法院受理，依法不予受理。',
] as const;
/** The reason proposed for a complaint over three years old (§15). */
export const TOO_OLD_REASON = '超过三年：投诉的消费行为发生已超过三年，依法不予受理。';

export const MEDIATION_AGREED = [
  '经调解，双方达成一致：商家同意退货并全额退还货款。本投诉办结。',
  '经调解，双方达成一致：商家同意更换同型号新品并赔偿交通费。本投诉办结。',
  '经调解，双方达成一致：商家补足差额并当面致歉。本投诉办结。',
] as const;
export const MEDIATION_FAILED = '经调解，双方未能达成一致，调解终止。您可以依法向人民法院提起诉讼或申请仲裁。';
export const CLOSED_WITHOUT_MEDIATION = '经核查，被投诉人已主动与您联系并妥善处理，本投诉办结。';

export const REPORT_CASE_OPENED = '经核查，您反映的问题属实，我局已依法立案调查。感谢您对市场监管工作的支持。';
export const REPORT_ORDERED = '经核查，您反映的问题属实，已责令当事人立即整改，整改情况已现场复查。感谢您的监督。';
export const REPORT_NOT_SUBSTANTIATED = '经现场核查，未发现您反映的问题。我局将继续加强日常监管，欢迎继续监督。';

/** What a subject enterprise answers in mediation (企业端). */
export const ENTERPRISE_ANSWERS = [
  '我公司已与消费者电话联系，同意办理退货退款，款项三个工作日内原路退回。',
  '经查，该商品为正常使用损耗，我公司愿意免费维修一次。',
  '我公司已复核电子秤，确有偏差，已送检并向消费者补足差额。',
  '我公司认为商品不存在质量问题，可配合送第三方检测，费用由责任方承担。',
] as const;

export const SATISFIED_COMMENTS = ['处理及时，很满意', '工作人员态度很好', null, null] as const;
export const UNSATISFIED_COMMENTS = ['处理时间太长', '希望加大处罚力度', null] as const;

/** What a reporter adds while the item is open (补充信息). */
export const ADDITIONS = ['补充：今天又去看了，问题仍然存在。', '补充一张购物小票的信息：购买日期为上月15日。', '补充：商家今天已经联系我，但没有给出处理方案。'] as const;

/** Places in the complaints' texts. */
export const COMPLAINT_PLACES = ['幸福家园小区', '金色港湾小区', '万达广场', '苏果超市', '人民医院门诊楼', '汽车客运站', '实验小学', '翔宇花园', '农贸市场'] as const;
