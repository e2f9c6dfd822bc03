import type { DataScope } from './scope.js';

/**
 * Every permission key the application checks. A route declares one; roles are sets of them.
 * Modules add theirs here as they land, grouped by the menu section they belong to.
 */
export const PERMISSIONS = {
  'org.read': 'system',
  'org.write': 'system',
  'user.read': 'system',
  'user.write': 'system',
  'role.read': 'system',
  'role.write': 'system',
  'apikey.read': 'system',
  'apikey.write': 'system',
  'audit.read': 'system',
  'calendar.write': 'system',
  'enterprise.read': 'enterprises',
  'enterprise.write': 'enterprises',
  'enterprise.import': 'enterprises',
  /** Download the register as a file (a bulk copy of everything in one's scope: apart from reading). */
  'enterprise.export': 'enterprises',
  /** Register a code that fails the check digit (early pilot codes), with a reason. */
  'enterprise.uscc_override': 'enterprises',
  'licence.read': 'licences',
  'licence.write': 'licences',
  /** Download the licences as a file. */
  'licence.export': 'licences',
  /** Approve or reject a measure on a licence whose target requires approval (section heads). */
  'licence.approve': 'licences',
  /** Choose which measures require approval. */
  'licence.configure': 'licences',
  /** Submit a notice from another licensing department (their systems' API keys; officers entering one by hand). */
  'feedback.submit': 'licences',
  'inspection.read': 'inspections',
  /** Items, object pools, plans and draws. */
  'inspection.plan': 'inspections',
  /** The list of inspection items and the inspector pool. */
  'inspection.configure': 'inspections',
  /** Carry out one's assigned checks: checklist, photos, findings, rectification orders, re-checks, results. */
  'inspection.perform': 'inspections',
  /** Read a draw's auditors' record: the class behind each stratum label, every candidate's key, the blind secret, each exclusion's evidence. */
  'draw.audit': 'inspections',
  /** Enterprises' accounts (企业端) and the public's applications for one: list them. */
  'enterprise_account.read': 'enterprises',
  /** Create, disable and reset enterprises' accounts in one's scope; approve or refuse applications. */
  'enterprise_account.write': 'enterprises',
  /** Special equipment (特种设备): the registry, inspections, operators, hazards, supervision, tiers; and export of the lists. */
  'equipment.read': 'equipment',
  'equipment.write': 'equipment',
  'equipment.import': 'equipment',
  /** Due-date rules, the category and work-item dictionaries, the tier model. */
  'equipment.configure': 'equipment',
  /** See operators' ID numbers in full (each reveal audited). */
  'equipment.operator_pii': 'equipment',
  /** Complaints and reports (投诉举报): read the items routed to one's scope (reporters masked), the statistics. */
  'complaint.read': 'complaints',
  /** Enter calls, letters, visits and transfers (hotline operators, officers). */
  'complaint.intake': 'complaints',
  /** Import a day's 12315 transfer list. */
  'complaint.import': 'complaints',
  /** Handle items: acknowledge, accept or refuse, route, mediate, verify, notify, close, link; propose rewards. */
  'complaint.write': 'complaints',
  /** Approve: a verification's extension, rewards; receive escalations of urgent items and deadline warnings as supervisor. */
  'complaint.approve': 'complaints',
  /** Topics and their sections, the marked (urgent) categories, the reward rules. */
  'complaint.configure': 'complaints',
  /** See reporters' names, phones, ID numbers and addresses in full (each reveal audited). */
  'complaint.reporter_pii': 'complaints',
  /** Enforcement cases (执法办案): read the cases of one's scope and those one's bureau is a joint party of; transfer statistics. */
  'case.read': 'cases',
  /** Enter leads, investigate (evidence, records), submit for review, notify, record defences and hearings, serve, record payments and enforcement, report progress, add parties, transfer to the police, publish decisions. */
  'case.write': 'cases',
  /** Approve: open or decline a case (立案), extensions, the penalty decision, closing; early removal of a published decision. */
  'case.approve': 'cases',
  /** Legal review of a case (案件审核), by someone other than its investigators. */
  'case.review': 'cases',
  /** The city's supervision of major cases (督办): mark a case supervised with reporting dates. */
  'case.supervise': 'cases',
  /** The discretion table, the departments' exchange grants. */
  'case.configure': 'cases',
  /** Other departments' systems (§四3): fetch the case summaries they are granted, post their own. */
  'case.exchange': 'cases',
  /** Special enforcement campaigns (专项执法行动): create, draw their targets, report. */
  'campaign.manage': 'cases',
  /** Industrial clusters (产业集聚区): members, risk notices to the government, measures, demonstration zones. */
  'cluster.manage': 'cases',
  /** Product quality spot checks (产品质量监督抽查): the catalogue and history, plans, lots, institutions, samples, objections, follow-ups, bulletins, the dashboard. */
  'spotcheck.read': 'spotchecks',
  /** The catalogue, producers and history; generate and edit plans, special plans; split into lots; suggestions (county bureaus); choose institutions; draw lots; bulletins (drafts). */
  'spotcheck.plan': 'spotchecks',
  /** Approve and close plans; decide objections; publish and withdraw bulletins. */
  'spotcheck.approve': 'spotchecks',
  /** Sampling: the sampling record (抽样单), photos and signatures, on one's own sampling tasks; notify results and their receipt; follow up failures. */
  'spotcheck.sample': 'spotchecks',
  /** Testing institutions' accounts: apply to undertake lots, enter the results of their own lots and retests. */
  'spotcheck.result': 'spotchecks',
  /** Testing institutions and their qualification, the selection weights. */
  'spotcheck.configure': 'spotchecks',
  /** Quality credit (质量信用): the credit archive, scores with their reasons, class history, the dishonest list, ratings, departments' feedback. */
  'credit.read': 'credit',
  /** Override an enterprise's credit class with a reason and an end date; end an override. */
  'credit.override': 'credit',
  /** Propose listings on the dishonest list and send the advance notice. */
  'credit.list': 'credit',
  /** Decide listings (list or not), revoke them, decide credit repair applications. */
  'credit.decide': 'credit',
  /** Credit model versions, third-party evaluator organisations and their accounts. */
  'credit.configure': 'credit',
  /** Evaluator organisations' accounts: enter and withdraw their ratings of enterprises. */
  'credit.rate': 'credit',
  /** Other departments' systems (joint punishment): check enterprises' class, list status and restrictions in batches; report back. */
  'credit.check': 'credit',
  /** The portal's pages (通知公告, 计划, 结果, 曝光): draft and submit. */
  'portal.write': 'portal',
  /** Approve, publish and withdraw the portal's pages. */
  'portal.approve': 'portal',
  /** 企业端: read one's own enterprise's records (register entry, licences, completed checks, orders, draws). */
  'enterprise_self.read': 'enterprise_self',
  /** 企业端: report the rectification of an order against one's enterprise. */
  'enterprise_self.report': 'enterprise_self',
  /** 企业端: make and withdraw public quality commitments. */
  'enterprise_self.commit': 'enterprise_self',
  /** 企业端: answer an advance notice of listing, apply for credit repair. */
  'enterprise_self.credit': 'enterprise_self',
} as const;

/** The permissions of enterprises' own accounts: no staff member holds them through a staff role. */
export const ENTERPRISE_SELF_PERMISSIONS: Permission[] = ['enterprise_self.read', 'enterprise_self.report', 'enterprise_self.commit', 'enterprise_self.credit'];

/**
 * Accounts of outsiders that staff administer without doing their work: who may grant the
 * permissions of enterprises' accounts (officers managing 企业端 accounts) and of testing
 * institutions' accounts (those who keep the institutions, `spotcheck.configure`).
 */
const GRANTED_BY: Partial<Record<Permission, Permission>> = {
  'enterprise_self.read': 'enterprise_account.write',
  'enterprise_self.report': 'enterprise_account.write',
  'enterprise_self.commit': 'enterprise_account.write',
  'enterprise_self.credit': 'enterprise_account.write',
  'spotcheck.result': 'spotcheck.configure',
  'credit.rate': 'credit.configure',
};

/**
 * Whether the actor holds a permission, for deciding who may grant or manage it: the permission
 * itself, or the one that administers the accounts holding it (`GRANTED_BY`), so that officers can
 * create and manage enterprises' and institutions' accounts.
 */
export const holdsForGranting = (permissions: ReadonlySet<Permission>, p: Permission): boolean => {
  const admin = GRANTED_BY[p];
  return permissions.has(p) || (admin !== undefined && permissions.has(admin));
};

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

export const isPermission = (key: string): key is Permission => key in PERMISSIONS;

export interface BuiltinRole {
  key: string;
  name: string;
  permissions: Permission[];
  dataScope: DataScope;
}

/** Roles created on first start; administrators may edit all but `admin`, which always holds every key. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'admin', name: '系统管理员', permissions: PERMISSION_KEYS, dataScope: 'all' },
  {
    key: 'city_officer',
    name: '市局工作人员',
    permissions: ['org.read', 'user.read', 'enterprise.read', 'enterprise.write', 'enterprise.import', 'enterprise.export', 'enterprise.uscc_override', 'licence.read', 'licence.write', 'licence.export', 'feedback.submit', 'inspection.read', 'inspection.plan', 'inspection.perform', 'enterprise_account.read', 'enterprise_account.write', 'equipment.read', 'equipment.write', 'equipment.import', 'complaint.read', 'complaint.intake', 'complaint.import', 'complaint.write', 'case.read', 'case.write', 'campaign.manage', 'cluster.manage', 'spotcheck.read', 'spotcheck.plan', 'spotcheck.sample', 'credit.read', 'credit.list', 'portal.write'],
    dataScope: 'all',
  },
  {
    key: 'section_head',
    name: '科室负责人',
    permissions: ['org.read', 'user.read', 'enterprise.read', 'enterprise.export', 'licence.read', 'licence.export', 'licence.approve', 'licence.configure', 'inspection.read', 'inspection.configure', 'draw.audit', 'equipment.read', 'equipment.configure', 'equipment.operator_pii', 'complaint.read', 'complaint.approve', 'complaint.configure', 'complaint.reporter_pii', 'case.read', 'case.approve', 'case.review', 'case.supervise', 'case.configure', 'campaign.manage', 'cluster.manage', 'spotcheck.read', 'spotcheck.approve', 'spotcheck.configure', 'credit.read', 'credit.override', 'credit.decide', 'credit.configure', 'portal.write', 'portal.approve'],
    dataScope: 'all',
  },
  {
    key: 'county_officer',
    name: '县区局工作人员',
    permissions: ['org.read', 'user.read', 'enterprise.read', 'enterprise.write', 'enterprise.import', 'enterprise.export', 'licence.read', 'licence.write', 'licence.export', 'feedback.submit', 'inspection.read', 'inspection.plan', 'inspection.perform', 'enterprise_account.read', 'enterprise_account.write', 'equipment.read', 'equipment.write', 'equipment.import', 'complaint.read', 'complaint.intake', 'complaint.import', 'complaint.write', 'case.read', 'case.write', 'spotcheck.read', 'spotcheck.plan', 'spotcheck.sample', 'credit.read', 'credit.list', 'portal.write'],
    dataScope: 'region',
  },
  { key: 'inspector', name: '执法检查人员', permissions: ['enterprise.read', 'enterprise.export', 'licence.read', 'licence.export', 'inspection.read', 'inspection.perform', 'equipment.read', 'case.read', 'case.write', 'spotcheck.read', 'spotcheck.sample', 'credit.read'], dataScope: 'region' },
  /** 法制审核: reviews cases before the decision (never one they investigated). */
  { key: 'legal_reviewer', name: '法制审核人员', permissions: ['enterprise.read', 'enterprise.export', 'licence.read', 'licence.export', 'case.read', 'case.review'], dataScope: 'all' },
  /** 12345/12315 hotline operators: enter calls, letters, visits and transfers; follow them (reporters masked). */
  { key: 'hotline_operator', name: '热线接线员', permissions: ['complaint.read', 'complaint.intake', 'complaint.import'], dataScope: 'all' },
  { key: 'institution', name: '承检机构', permissions: ['spotcheck.result'], dataScope: 'org' },
  /** Third-party credit evaluators' accounts (第三方信用评价机构): their own org's ratings. */
  { key: 'credit_evaluator', name: '信用评价机构', permissions: ['credit.rate'], dataScope: 'org' },
  /** An enterprise's own accounts (企业端): its records only, through permissions no staff role holds. */
  { key: 'enterprise', name: '企业', permissions: ENTERPRISE_SELF_PERMISSIONS, dataScope: 'enterprise' },
  /** Other departments' systems: read and notify within the key's org's region (see api-keys.service.ts); no bulk export. */
  { key: 'public_api', name: '外部系统接口', permissions: ['enterprise.read', 'feedback.submit', 'case.exchange', 'credit.check'], dataScope: 'region' },
];
