import { RESTRICTION_CODES, type RestrictionCode } from '../credit.schema.js';

/** One joint-punishment restriction (联合惩戒措施): its name, legal basis and what it means for the department applying it. */
export interface Restriction {
  code: RestrictionCode;
  name: string;
  legalBasis: string;
  meaning: string;
}

const ORDER_44 = '《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）';
const GUOFA_33 = '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）';

/**
 * The restrictions as data (README.md § Restriction codes). The texts cite the instruments, not
 * their articles (unverified; the README lists the candidates), but for the procurement law. A
 * listed enterprise gets every one (`LISTED_RESTRICTIONS`); an enterprise of class D that is not
 * listed gets `CLASS_D_RESTRICTIONS`. Change a text or a set here: the check and the integrators'
 * list (`GET /api/credit/restrictions`) follow.
 */
export const RESTRICTIONS: Record<RestrictionCode, Omit<Restriction, 'code'>> = {
  licensing: {
    name: '行政许可',
    legalBasis: `${ORDER_44}；${GUOFA_33}`,
    meaning: '审查行政许可、资质、资格时作为重要考量因素，从严审核；不适用告知承诺制等便利措施。',
  },
  bidding: {
    name: '招标投标',
    legalBasis: `${ORDER_44}；${GUOFA_33}；相关失信联合惩戒合作备忘录`,
    meaning: '在工程建设项目招标投标中作为重要考量因素，依法限制或禁止参与投标。',
  },
  procurement: {
    name: '政府采购',
    legalBasis: `《中华人民共和国政府采购法》第二十二条；${ORDER_44}；${GUOFA_33}`,
    meaning: '参加政府采购活动前三年内有重大违法记录的，不得参加政府采购活动；委托承担政府采购项目时作为重要考量因素。',
  },
  construction: {
    name: '工程建设',
    legalBasis: `${GUOFA_33}；相关失信联合惩戒合作备忘录`,
    meaning: '申报政府投资项目、申请财政性资金支持、工程建设领域资质审查时从严审核或限制。',
  },
  public_resources: {
    name: '公共资源交易',
    legalBasis: `${GUOFA_33}；相关失信联合惩戒合作备忘录`,
    meaning: '限制参与国有土地使用权出让、国有产权交易、矿业权出让等公共资源交易活动。',
  },
  honours: {
    name: '评优评先',
    legalBasis: `${ORDER_44}；${GUOFA_33}`,
    meaning: '不授予荣誉称号，不参加评优评先、表彰奖励；已获荣誉的依规撤销。',
  },
};

/** A listed enterprise (严重违法失信名单, in its period): every restriction, until the listing's end. */
export const LISTED_RESTRICTIONS: readonly RestrictionCode[] = RESTRICTION_CODES;

const RISK_2022 = '《市场监管总局关于推进企业信用风险分类管理进一步提升监管效能的意见》（国市监信发〔2022〕6号）';

/**
 * Class D (high credit risk, 国市监信发〔2022〕6号) without a listing: the class is a supervisory
 * assessment, not a listing decision, so only honours are withheld while the class lasts (no end
 * date), on the class's own legal basis (code → legal basis).
 */
export const CLASS_D_RESTRICTIONS: Partial<Record<RestrictionCode, string>> = {
  honours: `${RISK_2022}；${GUOFA_33}`,
};

/** Every restriction with its code, in the codes' order (the integrators' list). */
export const restrictionList = (): Restriction[] => RESTRICTION_CODES.map((code) => ({ code, ...RESTRICTIONS[code] }));

/** The restrictions in force for an enterprise's state: listed (every code, until the listing's end), or class D (no end). */
export function restrictionsFor(state: { listed: boolean; listedUntil: string | null; class: string | null }) {
  if (state.listed) return LISTED_RESTRICTIONS.map((code) => ({ code, legalBasis: RESTRICTIONS[code].legalBasis, meaning: RESTRICTIONS[code].meaning, until: state.listedUntil }));
  if (state.class !== 'D') return [];
  return RESTRICTION_CODES.filter((code) => CLASS_D_RESTRICTIONS[code] !== undefined).map((code) => ({ code, legalBasis: CLASS_D_RESTRICTIONS[code]!, meaning: RESTRICTIONS[code].meaning, until: null }));
}
