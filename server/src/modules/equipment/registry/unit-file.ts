import type { FileColumn } from '../../../platform/files/header.js';

/**
 * The columns of the unit import and export file (Chinese headers; English field names and common
 * variants accepted on import). An export re-imports into another installation unchanged.
 */
export const UNIT_FILE_COLUMNS = [
  { field: 'equipmentCode', header: '设备代码', aliases: ['equipmentcode', 'equipment_code'] },
  { field: 'registrationNo', header: '使用登记证编号', aliases: ['registrationno', 'registration_no', '使用登记证号', '登记证编号'] },
  { field: 'category', header: '设备类别', aliases: ['category', '类别', '设备种类'] },
  { field: 'subcategory', header: '设备品种', aliases: ['subcategory', '品种'] },
  { field: 'userUscc', header: '使用单位统一社会信用代码', aliases: ['useruscc', 'user_uscc', '使用单位信用代码', '使用单位代码'] },
  { field: 'regionCode', header: '所在区划', aliases: ['regioncode', 'region_code', '行政区划代码', '区划代码'] },
  { field: 'address', header: '设备地址', aliases: ['address', '设备使用地点', '使用地点'] },
  { field: 'manufacturer', header: '制造单位', aliases: ['manufacturer'] },
  { field: 'model', header: '型号', aliases: ['model', '设备型号', '规格型号'] },
  { field: 'factoryNo', header: '出厂编号', aliases: ['factoryno', 'factory_no', '产品编号'] },
  { field: 'putIntoServiceOn', header: '投入使用日期', aliases: ['putintoserviceon', 'put_into_service_on', '投用日期'] },
  { field: 'status', header: '使用状态', aliases: ['status', '状态', '设备状态'] },
  { field: 'keyUnitKind', header: '重点场所类型', aliases: ['keyunitkind', 'key_unit_kind', '重点场所'] },
  { field: 'safetyGrade', header: '安全状况等级', aliases: ['safetygrade', 'safety_grade'] },
  { field: 'lastInspectedOn', header: '上次检验日期', aliases: ['lastinspectedon', 'last_inspected_on', '检验日期'] },
  { field: 'lastConclusion', header: '检验结论', aliases: ['lastconclusion', 'last_conclusion'] },
  { field: 'nextInspectionDue', header: '下次检验日期', aliases: ['nextinspectiondue', 'next_inspection_due'] },
] as const satisfies readonly FileColumn[];

export type UnitFileField = (typeof UNIT_FILE_COLUMNS)[number]['field'];

export const REQUIRED_UNIT_FIELDS: UnitFileField[] = ['equipmentCode', 'category', 'userUscc', 'regionCode', 'address', 'putIntoServiceOn'];
