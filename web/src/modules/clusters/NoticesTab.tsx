import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, FileWordOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import type { AsyncState } from '../../app/hooks/useAsync';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { casePath, clustersApi, taskPath, type Cluster, type Evidence, type Overview, type RiskNotice } from './clusters.api';
import { IssueNoticeModal } from './IssueNoticeModal';
import { NoticeStatusTag, replyOverdue } from './labels';
import './clusters.pages.i18n';

function EvidenceLink({ e }: { e: Evidence }) {
  const { t } = useTranslation();
  const to = e.type === 'inspection_task' ? taskPath(e.ref) : e.type === 'case' ? casePath(e.ref) : null;
  return (
    <Space size={4}>
      <Tag>{t(`clusters.notices.evidenceTypes.${e.type}`, { defaultValue: e.type })}</Tag>
      {to ? <Link to={to}>{e.label}</Link> : <span>{e.label}</span>}
    </Space>
  );
}

type Dialog = { kind: 'reply' | 'followUp'; notice: RiskNotice } | null;

function NoticeCard({ n, onAct, onChanged }: { n: RiskNotice; onAct: (d: Dialog) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const label = (key: string) => t(`clusters.notices.${key}`);
  const manage = can('cluster.manage');

  const close = async () => {
    try {
      await clustersApi.close(n);
      void message.success(label('closed'));
    } catch (err) {
      if (isStale(err)) void message.warning(t('errors.staleReloaded'));
      else notifyError(err);
    }
    onChanged();
  };

  return (
    <Card
      size="small"
      data-testid="risk-notice"
      title={
        <Space wrap>
          <Typography.Text strong>{n.documentNo}</Typography.Text>
          <NoticeStatusTag notice={n} />
        </Space>
      }
      extra={
        <Button size="small" icon={<FileWordOutlined />} href={clustersApi.documentUrl(n.id)} download data-testid="notice-download">
          {label('download')}
        </Button>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 3, lg: 3, xl: 3, xxl: 3 }}
          items={[
            { key: 'gov', label: label('government'), children: n.government },
            { key: 'issued', label: label('issuedOn'), children: formatDate(n.issuedOn) },
            { key: 'due', label: label('replyDueOn'), children: <Typography.Text type={replyOverdue(n) ? 'danger' : undefined}>{formatDate(n.replyDueOn)}</Typography.Text> },
          ]}
        />
        <div>
          <Typography.Text type="secondary">{label('problems')}</Typography.Text>
          <List
            size="small"
            dataSource={n.problems}
            renderItem={(p, i) => (
              <List.Item>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{`${i + 1}. ${p.title}`}</Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{p.detail}</span>
                  {p.evidence.map((e, j) => (
                    <EvidenceLink key={j} e={e} />
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </div>
        <div>
          <Typography.Text type="secondary">{label('recommendations')}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{n.recommendations}</div>
        </div>
        {n.reply && (
          <div data-testid="notice-reply">
            <Typography.Text type="secondary">
              {label('replyText')} · {formatDate(n.repliedOn)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{n.reply}</div>
          </div>
        )}
        {n.followUps.length > 0 && (
          <div>
            <Typography.Text type="secondary">{label('followUps')}</Typography.Text>
            <Timeline
              style={{ marginTop: 8 }}
              items={n.followUps.map((f, i) => ({
                key: i,
                children: (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">
                      {formatDate(f.on)} · {f.byName}
                    </Typography.Text>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.note}</span>
                  </Space>
                ),
              }))}
            />
          </div>
        )}
        {n.closedOn && <Typography.Text type="secondary">{`${label('closed')} · ${formatDate(n.closedOn)}`}</Typography.Text>}
        {manage && n.status !== 'closed' && (
          <Space wrap>
            {n.status === 'awaiting_reply' && (
              <Button type="primary" icon={<MessageOutlined />} onClick={() => onAct({ kind: 'reply', notice: n })} data-testid="notice-reply-action">
                {label('reply')}
              </Button>
            )}
            <Button icon={<PlusOutlined />} onClick={() => onAct({ kind: 'followUp', notice: n })} data-testid="notice-follow-up">
              {label('followUp')}
            </Button>
            {n.status === 'replied' && (
              <Popconfirm title={label('closeConfirm')} okText={label('close')} cancelText={t('common.cancel')} onConfirm={() => void close()}>
                <Button icon={<CheckOutlined />} data-testid="notice-close">
                  {label('close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** 质量风险提示函 of the cluster: issue one, download it (.docx), record the government's reply and the follow-ups, close it. */
export function NoticesTab({ cluster, overview, onChanged }: { cluster: Cluster; overview: AsyncState<Overview>; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useRequiredRules();
  const notices = useAsync(() => clustersApi.notices(cluster.id), cluster.id);
  const [issuing, setIssuing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const label = (key: string) => t(`clusters.notices.${key}`);
  const items = notices.data?.items ?? [];
  const changed = () => {
    notices.reload();
    onChanged();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {can('cluster.manage') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="notice-issue">
          {label('issue')}
        </Button>
      )}
      {items.length ? (
        items.map((n) => <NoticeCard key={n.id} n={n} onAct={setDialog} onChanged={changed} />)
      ) : (
        <Card size="small" loading={notices.loading}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('empty')} />
        </Card>
      )}
      <IssueNoticeModal
        cluster={cluster}
        overview={overview.data}
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          void message.success(label('issued'));
          changed();
        }}
      />
      <FormModal<{ on: Dayjs; text: string }>
        open={dialog !== null}
        title={dialog?.kind === 'reply' ? label('replyTitle') : label('followUpTitle')}
        initialValues={{ on: todayInChina() }}
        onClose={() => setDialog(null)}
        onStale={changed}
        onSubmit={async (v) => {
          if (!dialog) return;
          const on = v.on.format('YYYY-MM-DD');
          if (dialog.kind === 'reply') await clustersApi.reply(dialog.notice, { repliedOn: on, reply: v.text.trim() });
          else await clustersApi.followUp(dialog.notice, { on, note: v.text.trim() });
          void message.success(dialog.kind === 'reply' ? label('replied') : label('followUpSaved'));
          changed();
        }}
      >
        <Form.Item name="on" label={dialog?.kind === 'reply' ? label('repliedOn') : label('followUpOn')} rules={rules.selectRequired(label('followUpOn'))}>
          <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="text" label={dialog?.kind === 'reply' ? label('replyText') : label('followUpNote')} rules={rules.required(dialog?.kind === 'reply' ? label('replyText') : label('followUpNote'))}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
