import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoticeStatus } from './portal.api';
import './portal.staff.i18n';

const STATUS_COLOR: Record<NoticeStatus, string> = { draft: 'default', pending: 'processing', published: 'success', withdrawn: 'warning' };

/** A notice's status as a tag (草稿, 待审核, 已发布, 已撤回). */
export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="notice-status">
      {t(`portal.statuses.${status}`)}
    </Tag>
  );
}
