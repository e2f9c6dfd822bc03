/**
 * The roles pages' strings (permission and permission-group labels), added when a roles page loads
 * (see app/i18n/pageMessages): nothing else shows them, so they stay out of the first download.
 */
import { defineMessages } from '../../app/i18n/defineMessages';
import { addPageMessages } from '../../app/i18n/pageMessages';

addPageMessages(
  defineMessages(
    {
      permission: {
        org: { read: '查看组织机构', write: '管理组织机构' },
        user: { read: '查看用户', write: '管理用户' },
        role: { read: '查看角色', write: '管理角色' },
        apikey: { read: '查看 API 密钥', write: '管理 API 密钥' },
        audit: { read: '查看审计日志' },
        calendar: { write: '维护工作日历' },
        enterprise: { read: '查看企业名录', write: '管理企业名录', import: '批量导入企业', export: '导出企业名录', uscc_override: '试点代码校验位例外登记' },
        licence: { read: '查看许可证', write: '登记许可证、采取监管措施', export: '导出许可证', approve: '审批监管措施', configure: '设置需审批的监管措施' },
        feedback: { submit: '登记其他许可部门的通报（部门系统接口、手工登记）' },
        inspection: { read: '查看随机抽查', plan: '制定抽查计划、抽取', perform: '实施检查、登记检查结果', configure: '维护抽查事项清单和执法检查人员名录库' },
        draw: { audit: '查看抽取审计记录（含分层类别与全部候选对象）' },
        enterprise_account: { read: '查看企业账号及申请', write: '开设、停用、重置企业账号，审核账号申请' },
        enterprise_self: { read: '企业端：查看本企业的记录', report: '企业端：报送整改情况', commit: '企业端：作出质量安全公开承诺' },
        equipment: { read: '查看特种设备（台账、检验、作业人员、隐患、统计）并导出', write: '登记、变更特种设备，登记检验、隐患和作业人员', import: '批量导入特种设备', configure: '维护设备类别目录、检验周期规则和分级模型', operator_pii: '查看作业人员完整身份证号（记入审计）' },
        complaint: { read: '查看投诉举报（举报人信息已遮蔽）及统计', intake: '登记来电、来信、来访和转办件', import: '导入 12315 转办清单', write: '办理投诉举报（签收、受理、转办、调解、核查、告知、办结、关联）并提出奖励', approve: '审批核查延期和举报奖励，接收紧急件升级和期限预警', configure: '维护投诉举报专业分类、紧急类别和奖励规则', reporter_pii: '查看投诉举报人完整信息（记入审计）' },
        case: { read: '查看执法案件（本辖区及本局参与联办的案件）和移送统计', write: '登记线索、调查取证、提请审核、告知、记录陈述申辩和听证、送达、记录执行、报告督办进展、增加联办单位、移送公安、公示处罚决定', approve: '审批立案或不予立案、延期、处罚决定、结案及提前停止公示', review: '案件法制审核（不得审核本人承办的案件）', supervise: '重大案件督办（市局）', configure: '维护行政处罚裁量基准和部门案件信息共享授权', exchange: '外部系统：获取授权的案件信息、报送本部门案件' },
        campaign: { manage: '组织专项执法行动（摇号抽取对象、汇总报告）' },
        cluster: { manage: '管理产业集聚区（成员、质量风险提示函、措施、示范区）' },
        spotcheck: { read: '查看产品质量监督抽查（产品目录、计划、批次、承检机构、样品、异议、后处理、公告、统计）', plan: '维护产品目录和生产企业，生成和编制抽查计划、专项计划，提出县区建议，选定承检机构，抽取企业，起草质量公告', approve: '审批和关闭抽查计划，决定异议（复检），发布和撤回质量公告', sample: '实施抽样（抽样单、照片和签字），送达检验结果，登记异议，跟踪不合格后处理', result: '承检机构：申请承检，录入本机构批次和复检的检验结果', configure: '维护承检机构及其资质、账号和遴选权重' },
      },
      permGroup: {
        system: '系统管理',
        enterprises: '市场主体',
        licences: '许可证',
        inspections: '双随机抽查',
        enterprise_self: '企业端',
        equipment: '特种设备',
        complaints: '投诉举报',
        cases: '执法办案',
        spotchecks: '产品质量监督抽查',
      },
    },
    {
      permission: {
        org: { read: 'View organizations', write: 'Manage organizations' },
        user: { read: 'View users', write: 'Manage users' },
        role: { read: 'View roles', write: 'Manage roles' },
        apikey: { read: 'View API keys', write: 'Manage API keys' },
        audit: { read: 'View audit log' },
        calendar: { write: 'Maintain work calendar' },
        enterprise: { read: 'View enterprises', write: 'Manage enterprises', import: 'Import enterprises', export: 'Export enterprises', uscc_override: 'Register pilot-code exceptions' },
        licence: { read: 'View licences', write: 'Register licences and take measures', export: 'Export licences', approve: 'Approve measures', configure: 'Choose which measures need approval' },
        feedback: { submit: 'Submit notices from other licensing departments (department systems, manual entry)' },
        inspection: { read: 'View random inspections', plan: 'Plan inspections and run draws', perform: 'Carry out inspections and record their results', configure: 'Maintain inspection items and the inspector pool' },
        draw: { audit: 'Read draws\' auditors\' records (strata classes and all candidates)' },
        enterprise_account: { read: 'View enterprise accounts and applications', write: 'Open, disable and reset enterprise accounts; decide applications' },
        enterprise_self: { read: 'Enterprise: view own records', report: 'Enterprise: report rectification', commit: 'Enterprise: make public quality commitments' },
        equipment: { read: 'View special equipment (register, inspections, operators, hazards, statistics) and export it', write: 'Register and change special equipment; record inspections, hazards and operators', import: 'Import special equipment', configure: 'Maintain equipment categories, inspection intervals and the tier model', operator_pii: 'See operators’ full ID numbers (audited)' },
        complaint: { read: 'View complaints and reports (reporters masked) and their statistics', intake: 'Enter calls, letters, visits and transfers', import: 'Import the 12315 transfer list', write: 'Handle complaints and reports (acknowledge, accept, route, mediate, verify, notify, close, link) and propose rewards', approve: 'Approve verification extensions and rewards; receive urgent escalations and deadline warnings', configure: 'Maintain complaint topics, urgent categories and reward rules', reporter_pii: 'See reporters’ full details (audited)' },
        case: { read: 'View enforcement cases (in scope, and joint cases of one’s bureau) and transfer statistics', write: 'Enter leads, investigate, submit for review, notify, record defences and hearings, serve, record execution, report supervision progress, add joint parties, transfer to the police, publish decisions', approve: 'Approve opening or declining a case, extensions, penalty decisions, closing and early removal from publication', review: 'Legal review of cases (never one’s own)', supervise: 'Supervise major cases (city bureau)', configure: 'Maintain the discretion table and departments’ case-exchange grants', exchange: 'External systems: fetch granted case summaries, post their own cases' },
        campaign: { manage: 'Run special enforcement campaigns (lottery of targets, report)' },
        cluster: { manage: 'Manage industrial clusters (members, quality risk notices, measures, demonstration zones)' },
        spotcheck: { read: 'View product quality spot checks (catalogue, plans, lots, institutions, samples, objections, follow-ups, bulletins, statistics)', plan: 'Keep the product catalogue and producers; generate and edit plans and special plans; suggest products (county bureaus); choose institutions; draw enterprises; draft bulletins', approve: 'Approve and close plans; decide objections (retests); publish and withdraw bulletins', sample: 'Take samples (sampling record, photos and signatures), notify results, record objections, follow up failures', result: 'Testing institutions: apply for lots; enter the results of their own lots and retests', configure: 'Maintain testing institutions, their qualification, accounts and the selection weights' },
      },
      permGroup: {
        system: 'System',
        enterprises: 'Market entities',
        licences: 'Licences',
        inspections: 'Random inspections',
        enterprise_self: 'Enterprise self-service',
        equipment: 'Special equipment',
        complaints: 'Complaints and reports',
        cases: 'Enforcement cases',
        spotchecks: 'Product quality spot checks',
      },
    },
  ),
);
