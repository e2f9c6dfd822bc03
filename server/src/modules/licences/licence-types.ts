/**
 * The licence types preloaded on first start (issue 4's list). Validity periods are defaults an
 * administrator can change per type: FACTS.md does not verify them, so none is hard-coded in a rule.
 */
export interface LicenceTypeSeed {
  key: string;
  name: string;
  /** Name of the owning city-bureau section in the jurisdiction file. */
  sectionName: string;
  legalBasis: string;
  validityYears: number | null;
  historic?: boolean;
}

export const LICENCE_TYPE_SEEDS: LicenceTypeSeed[] = [
  { key: 'industrial_product', name: '工业产品生产许可证', sectionName: '产品质量安全监督管理科', legalBasis: '《中华人民共和国工业产品生产许可证管理条例》', validityYears: 5 },
  { key: 'se_production_design', name: '特种设备生产许可证（设计）', sectionName: '特种设备安全监察科', legalBasis: '《中华人民共和国特种设备安全法》第十八条', validityYears: 4 },
  { key: 'se_production_manufacture', name: '特种设备生产许可证（制造）', sectionName: '特种设备安全监察科', legalBasis: '《中华人民共和国特种设备安全法》第十八条', validityYears: 4 },
  { key: 'se_production_installation', name: '特种设备生产许可证（安装改造修理）', sectionName: '特种设备安全监察科', legalBasis: '《中华人民共和国特种设备安全法》第十八条', validityYears: 4 },
  { key: 'se_production_filling', name: '特种设备生产许可证（充装）', sectionName: '特种设备安全监察科', legalBasis: '《中华人民共和国特种设备安全法》第四十九条', validityYears: 4 },
  { key: 'se_use_registration', name: '特种设备使用登记证', sectionName: '特种设备安全监察科', legalBasis: '《中华人民共和国特种设备安全法》第三十三条', validityYears: null },
  { key: 'metrology_pattern_approval', name: '计量器具型式批准证书', sectionName: '计量科', legalBasis: '《中华人民共和国计量法》第十三条', validityYears: null },
  { key: 'metrology_standard', name: '计量标准考核证书', sectionName: '计量科', legalBasis: '《计量标准考核办法》', validityYears: 5 },
  { key: 'metrology_authorization', name: '计量授权证书', sectionName: '计量科', legalBasis: '《计量授权管理办法》', validityYears: 5 },
  { key: 'cma', name: '检验检测机构资质认定证书（CMA）', sectionName: '计量科', legalBasis: '《检验检测机构资质认定管理办法》', validityYears: 6 },
  {
    key: 'metrology_manufacture_historic',
    name: '制造计量器具许可证（已取消）',
    sectionName: '计量科',
    legalBasis: '《制造、修理计量器具许可证监督管理办法》（2017 年计量法修正后取消）',
    validityYears: 3,
    historic: true,
  },
];
