import { Card, Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import { WorkingDayDate } from '../../../app/components/UncertainMark';
import { formatDate } from '../../../app/format';
import { tasksApi, type RectificationOrder } from './tasks.api';
import './tasks.pages.i18n';

/** One order: the notice (with its .docx), the enterprise's report, the re-check. */
function OrderEntry({ order: o }: { order: RectificationOrder }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`inspectionTasks.${key}`);
  const by = (date: string | null, name: string | null) => (date ? (name ? withNote(t, formatDate(date), name) : formatDate(date)) : '—');
  return (
    <div data-testid="rectification-order">
      <Typography.Text strong>{o.documentNo}</Typography.Text>{' '}
      <Typography.Link href={tasksApi.orderDocumentUrl(o.id)} download={o.fileName}>
        <DownloadOutlined /> {label('downloadOrder')}
      </Typography.Link>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'issued', label: label('issuedOn'), children: by(o.issuedOn, o.issuedByName) },
          { key: 'due', label: label('rectifyDueOn'), children: <WorkingDayDate certain={o.dueCertain}>{withNote(t, formatDate(o.dueOn), t('inspectionTasks.workingDaysCount', { count: o.workingDays }))}</WorkingDayDate> },
          { key: 'requirements', label: label('requirements'), span: 'filled', children: <span style={{ whiteSpace: 'pre-line' }}>{o.requirements}</span> },
          { key: 'reported', label: label('reportedOn'), children: by(o.reportedOn, o.reportedByName) },
          { key: 'recheckDue', label: label('recheckDueOn'), children: <WorkingDayDate certain={o.recheckDueCertain}>{formatDate(o.recheckDueOn)}</WorkingDayDate> },
          ...(o.reportText ? [{ key: 'report', label: label('reportText'), span: 'filled' as const, children: o.reportText }] : []),
          ...(o.recheckedOn
            ? [
                { key: 'rechecked', label: label('recheckedOn'), children: by(o.recheckedOn, o.recheckedByName) },
                {
                  key: 'passed',
                  label: label('recheckResult'),
                  children: <Tag color={o.recheckPassed ? 'green' : 'red'}>{label(o.recheckPassed ? 'passed' : 'failed')}</Tag>,
                },
                { key: 'note', label: label('recheckNote'), span: 'filled' as const, children: o.recheckNote },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/** 整改记录: the task's rectification orders, oldest first. */
export function OrdersTimeline({ orders }: { orders: RectificationOrder[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('inspectionTasks.orders')} data-testid="task-orders">
      {orders.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspectionTasks.noOrders')} />
      ) : (
        <Timeline
          items={orders.map((o) => ({
            key: o.id,
            color: o.recheckedOn ? (o.recheckPassed ? 'green' : 'red') : o.reportedOn ? 'blue' : 'orange',
            children: <OrderEntry order={o} />,
          }))}
        />
      )}
    </Card>
  );
}
