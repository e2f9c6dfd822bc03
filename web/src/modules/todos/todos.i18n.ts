import { defineMessages } from '../../app/i18n/defineMessages';

export const todosMessages = defineMessages(
  {
    todos: {
      title: '待办事项',
      empty: '暂无待办事项',
      due: '期限',
      overdue: '已逾期',
      done: '已办',
      markedDone: '已标记为已办',
      total: '共 {{count}} 项',
      kind: {
        'licence.expiring_90': '90 天内到期',
        'licence.expiring_30': '30 天内到期',
        'licence.change_overdue': '变更登记逾期',
        'licence.review_due': '警示复查到期',
        'feedback.overdue': '通报办理超期',
        'licence.approval_pending': '待审批措施',
        'inspection.publication_overdue': '检查结果逾期未公示',
        'inspection.recheck_due': '整改待复查',
      } as Record<string, string>,
    },
  },
  {
    todos: {
      title: 'To-do',
      empty: 'Nothing to do',
      due: 'Due',
      overdue: 'Overdue',
      done: 'Done',
      markedDone: 'Marked as done',
      total: '{{count}} items',
      kind: {
        'licence.expiring_90': 'Expires within 90 days',
        'licence.expiring_30': 'Expires within 30 days',
        'licence.change_overdue': 'Change order overdue',
        'licence.review_due': 'Warning review due',
        'feedback.overdue': 'Notice overdue',
        'licence.approval_pending': 'Measure awaiting approval',
        'inspection.publication_overdue': 'Inspection result not published in time',
        'inspection.recheck_due': 'Rectification re-check due',
      },
    },
  },
);
