import { Alert, Button, Card, Descriptions, List, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { formatDate, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterpriseSelfApi, type MyOrder, type MyTask } from './enterpriseSelf.api';
import { TASK_STATE_COLORS } from './MyInspectionsPage';
import { ReportForm } from './ReportForm';
import { SelfFrame } from './SelfFrame';

function OrderCard({ order, canReport, onReported }: { order: MyOrder; canReport: boolean; onReported: (task: MyTask) => void }) {
  const { t } = useTranslation();
  const [reporting, setReporting] = useState(false);
  const open = !order.reportedOn;
  const overdue = open && order.dueOn < todayInChina().format('YYYY-MM-DD');
  // the report's photos and PDF files (reportAttachments, issue 15)
  const attachments = (order as { reportAttachments?: { id: string; fileName: string }[] }).reportAttachments ?? [];
  return (
    <Card
      size="small"
      data-testid="my-order"
      title={
        <Space wrap size={4}>
          <span>{order.documentNo}</span>
          {open ? <Tag color={overdue ? 'red' : 'orange'}>{t(overdue ? 'entSelf.overdue' : 'entSelf.open')}</Tag> : <Tag color="green">{t('entSelf.reported')}</Tag>}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'req', label: t('entSelf.requirements'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.requirements}</span> },
          { key: 'issued', label: t('entSelf.issuedOnOrder'), children: formatDate(order.issuedOn) },
          {
            key: 'due',
            label: t('entSelf.dueOn'),
            children: (
              <WorkingDayDate certain={order.dueCertain}>
                <Typography.Text type={overdue ? 'danger' : undefined} strong={open}>
                  {formatDate(order.dueOn)}
                </Typography.Text>
              </WorkingDayDate>
            ),
          },
          {
            key: 'notice',
            label: t('entSelf.notice'),
            children: (
              <a href={enterpriseSelfApi.orderDocumentUrl(order.id)} download>
                <DownloadOutlined /> {order.fileName}
              </a>
            ),
          },
          ...(order.reportedOn
            ? [
                { key: 'reportedOn', label: t('entSelf.reportedOn'), children: formatDate(order.reportedOn) },
                { key: 'reportText', label: t('entSelf.reportText'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.reportText}</span> },
                ...(attachments.length ? [{ key: 'files', label: t('entSelf.files'), children: <Space direction="vertical" size={0}>{attachments.map((f) => <a key={f.id} href={enterpriseSelfApi.photoUrl(order.taskId, f.id)} download style={{ wordBreak: 'break-all' }}><PaperClipOutlined /> {f.fileName}</a>)}</Space> }] : []),
                ...(order.recheckedOn
                  ? [{ key: 'recheck', label: t('entSelf.recheck'), children: <><Tag color={order.recheckPassed ? 'green' : 'red'}>{t(order.recheckPassed ? 'entSelf.recheckPassed' : 'entSelf.recheckFailed')}</Tag>{formatDate(order.recheckedOn)}{order.recheckNote ? ` · ${order.recheckNote}` : ''}</> }]
                  : order.recheckDueOn
                    ? [{ key: 'recheckDue', label: t('entSelf.recheckDue'), children: formatDate(order.recheckDueOn) }]
                    : []),
              ]
            : []),
        ]}
      />
      {open && canReport && !reporting && (
        <Button type="primary" block size="large" onClick={() => setReporting(true)} style={{ marginTop: 8 }}>
          {t('entSelf.report')}
        </Button>
      )}
      {open && reporting && (
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t('entSelf.reportTitle')}</Typography.Title>
          <ReportForm order={order} onReported={onReported} />
        </div>
      )}
    </Card>
  );
}

/** One inspection of the enterprise: its result, findings and rectification orders, an open order answered here. */
export function MyInspectionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data, loading, error, reload } = useAsync(() => enterpriseSelfApi.task(id), id);
  const [fresh, setFresh] = useState<MyTask | null>(null);
  const task = fresh && fresh.id === id ? fresh : data;

  return (
    <SelfFrame title={task?.itemName ?? t('entSelf.menuInspections')} back="/my/inspections" backLabel={t('entSelf.menuInspections')} error={error} testId="my-inspection">
      {loading && !task ? (
        <Card>
          <Skeleton />
        </Card>
      ) : (
        task && (
          <>
            <Card>
              <Descriptions
                bordered
                size="small"
                column={1}
                items={[
                  { key: 'state', label: t('common.status'), children: <Tag color={TASK_STATE_COLORS[task.state]}>{t(`inspectionTasks.state.${task.state}`)}</Tag> },
                  { key: 'item', label: t('entSelf.item'), children: task.itemName },
                  { key: 'inspected', label: t('entSelf.inspectedOn'), children: formatDate(task.inspectedOn) },
                  { key: 'result', label: t('entSelf.result'), children: task.resultCategory ?? '—' },
                  ...(task.resultNote ? [{ key: 'note', label: t('entSelf.resultNote'), children: task.resultNote }] : []),
                ]}
              />
            </Card>
            <Card title={t('entSelf.findings')} size="small">
              {task.findings.length ? (
                <List
                  size="small"
                  dataSource={task.findings}
                  renderItem={(f, i) => (
                    <List.Item key={i}>
                      <Space wrap size={4}>
                        <Tag color={f.severity === 'minor' ? 'default' : 'red'}>{t(`inspections.severity.${f.severity}`)}</Tag>
                        <span>{f.text}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">{t('entSelf.noFindings')}</Typography.Text>
              )}
            </Card>
            {task.rectificationOrders.length > 0 && (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('entSelf.orders')}
                </Typography.Title>
                {task.rectificationOrders.map((o) => (
                  <OrderCard
                    key={o.id}
                    order={o}
                    canReport={can('enterprise_self.report')}
                    onReported={(answer) => {
                      if (answer && 'rectificationOrders' in answer) setFresh(answer);
                      else reload();
                    }}
                  />
                ))}
              </Space>
            )}
            {task.state === 'rectifying' && !task.rectificationOrders.some((o) => !o.reportedOn) && <Alert type="info" showIcon message={t('entSelf.reported')} />}
          </>
        )
      )}
    </SelfFrame>
  );
}
