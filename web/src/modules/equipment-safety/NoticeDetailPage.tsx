import { Button, Card, DatePicker, Descriptions, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type NoticeDetail, type NoticeHazard } from './equipmentSafety.api';
import { HazardLevelTag, HazardStateTag, hazardPath, today } from './labels';
import './equipmentSafety.pages.i18n';

/** One 暗访通报: the .docx, each hazard it lists with its state; the county reports each closed, the city sees what is open or overdue. */
export function NoticeDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const loaded = useAsync(() => eqApi.notice(id), id);
  const [fresh, setFresh] = useState<NoticeDetail | null>(null);
  const notice = fresh?.id === id ? fresh : loaded.data;
  const { loading, error, reload } = loaded;
  const [closing, setClosing] = useState<NoticeHazard | null>(null);
  if (!notice) return <DetailPending error={error} loading={loading} />;
  const hazards = notice.hazards;
  const late = today() > notice.replyDueOn;

  const columns: TableColumnsType<NoticeHazard> = [
    { title: t('eqs.description'), dataIndex: 'description', render: (v: string, h) => <Link to={hazardPath(h.id)}>{v}</Link> },
    { title: t('eqs.userName'), dataIndex: 'userName', render: (v: string | null | undefined, h) => v ?? h.userUscc, responsive: ['md'] },
    { title: t('eqs.levelLabel'), dataIndex: 'level', render: (v: NoticeHazard['level']) => <HazardLevelTag level={v} />, responsive: ['md'] },
    { title: t('eqs.correction'), key: 'state', render: (_, h) => <HazardStateTag hazard={h} /> },
    {
      title: t('eqs.countyClosedOn'),
      key: 'county',
      render: (_, h) =>
        h.countyClosedOn ? (
          <span data-testid="county-closed">{formatDate(h.countyClosedOn)}</span>
        ) : can('equipment.write') ? (
          <Button size="small" onClick={() => setClosing(h)} data-testid="county-close">
            {t('eqs.countyClose')}
          </Button>
        ) : (
          <span style={{ color: late ? '#cf1322' : undefined }}>{t(late ? 'eqs.noticeState.overdue' : 'eqs.noticeState.open')}</span>
        ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader testId="notice-detail" back={{ path: '/equipment/notices', label: t('eqs.menuNotices') }} title={notice.title} subtitle={notice.documentNo} />
      <Card>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'to', label: t('eqs.noticeTo'), children: notice.toOrgName ?? notice.regionCode },
            { key: 'issued', label: t('eqs.issuedOn'), children: `${formatDate(notice.issuedOn)} · ${notice.issuedByName}` },
            { key: 'due', label: t('eqs.replyDueOn'), children: formatDate(notice.replyDueOn) },
            { key: 'open', label: t('eqs.noticeProgress'), children: <span data-testid="notice-progress">{notice.open ? t(late ? 'eqs.noticeOverdue' : 'eqs.noticeOpen', { count: notice.open }) : t('eqs.noticeAllClosed')}{` · ${t('eqs.noticeClosedN', { count: notice.closed })}`}</span> },
            ...(notice.summary ? [{ key: 'summary', label: t('eqs.noticeSummary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{notice.summary}</span>, span: 2 }] : []),
            {
              key: 'doc',
              label: t('eqs.noticeDocument'),
              children: (
                <a href={eqApi.noticeDocumentUrl(notice.id)} download data-testid="notice-docx">
                  <DownloadOutlined /> {notice.fileName}
                </a>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('eqs.noticeHazardsLabel')} size="small">
        <Table<NoticeHazard> size="small" rowKey="id" columns={columns} dataSource={hazards} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <FormModal<{ closedOn: Dayjs; note?: string }>
        open={!!closing}
        title={t('eqs.countyClose')}
        initialValues={{ closedOn: todayInChina() }}
        onClose={() => setClosing(null)}
        onStale={reload}
        onSubmit={async (v) => {
          if (!closing) return;
          setFresh(await eqApi.countyClose(closing, { closedOn: v.closedOn.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }));
        }}
      >
        <Form.Item name="closedOn" label={t('eqs.countyClosedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.countyClosedOn') }) }]}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="note" label={t('eqs.countyCloseNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
