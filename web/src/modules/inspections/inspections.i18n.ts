/**
 * The inspections module's strings loaded at start: the menu labels, the enterprise page's tab, and
 * what other modules' pages show before any page of this module loads: the tasks' states, the
 * findings' severities, and the public results table of the public enterprise record (with the
 * tags of taskLabels.tsx, which it uses). The pages' strings are added when a file using them loads
 * (see app/i18n/pageMessages): configure.pages.i18n.ts (inspections.*), planning.pages.i18n.ts
 * (inspectionPlans.*), tasks/tasks.pages.i18n.ts (inspectionTasks.*) and draws.pages.i18n.ts
 * (draws.*); the public method page reads drawMethod.i18n.ts itself.
 */
import { defineMessages } from '../../app/i18n/defineMessages';

export const inspectionsMessages = defineMessages(
  {
    inspections: {
      menuGroup: '双随机抽查',
      severity: { minor: '一般', major: '较重', critical: '严重' },
      items: { menu: '抽查事项清单' },
      inspectors: { menu: '执法检查人员名录库' },
    },
    inspectionPlans: {
      pools: { menu: '检查对象名录库' },
      plans: { menu: '抽查计划' },
    },
    inspectionTasks: {
      tab: '抽查检查',
      menu: '检查任务',
      menuMine: '我的检查任务',
      state: { assigned: '待检查', in_progress: '检查中', inspected: '已检查', rectifying: '整改中', rechecking: '待复查', completed: '已完成', published: '已公示' },
      origin: { draw: '随机抽取', complaint: '投诉举报', targeted: '专项检查' },
      overdue: '已逾期',
      noDeadline: '无期限',
      enterprise: '检查对象',
      item: '抽查事项',
      plan: '抽查计划',
      originLabel: '任务来源',
      inspectedOn: '检查日期',
      result: '检查结果',
      publishedAt: '公示时间',
      publicSection: '抽查检查结果',
      publicEmpty: '暂无公示的检查结果',
    },
  },
  {
    inspections: {
      menuGroup: 'Random inspections',
      severity: { minor: 'Minor', major: 'Major', critical: 'Critical' },
      items: { menu: 'Inspection items' },
      inspectors: { menu: 'Inspector pool' },
    },
    inspectionPlans: {
      pools: { menu: 'Object pools' },
      plans: { menu: 'Inspection plans' },
    },
    inspectionTasks: {
      tab: 'Inspections',
      menu: 'Inspection tasks',
      menuMine: 'My inspections',
      state: { assigned: 'To inspect', in_progress: 'In progress', inspected: 'Inspected', rectifying: 'Rectifying', rechecking: 'Re-check due', completed: 'Completed', published: 'Published' },
      origin: { draw: 'Random draw', complaint: 'Complaint', targeted: 'Targeted check' },
      overdue: 'Overdue',
      noDeadline: 'No deadline',
      enterprise: 'Inspected entity',
      item: 'Inspection item',
      plan: 'Plan',
      originLabel: 'Origin',
      inspectedOn: 'Inspected on',
      result: 'Result',
      publishedAt: 'Published at',
      publicSection: 'Inspection results',
      publicEmpty: 'No published result',
    },
  },
);
