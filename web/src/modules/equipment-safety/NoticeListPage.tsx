import { Button, DatePicker, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage } from '../../app/list/ListPage';
import type { Org } from '../../api/types';
import { useOrgs } from '../orgs';
import { eqApi, type NoticeSummary } from './equipmentSafety.api';
import './equipmentSafety.pages.i18n';

interface Values {
  toOrgId: string;
  replyDueOn?: Dayjs;
  summary?: string;
  hazardIds: string[];
}

export const noticePath = (id: string) => `/equipment/notices/${encodeURIComponent(id)}`;

/** The open hazards from supervision in the county's region, to list on the notice. */
function HazardPicker({ regionCode, value, onChange }: { regionCode?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const { data, loading } = useAsync(
    async () => (regionCode ? eqApi.hazards({ regionCode, source: 'supervision', status: 'open', pageSize: 200 }) : { items: [], total: 0 }),
    regionCode ?? '',
  );
  return (
    <Select
      mode="multiple"
      loading={loading}
      disabled={!regionCode}
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      placeholder={regionCode ? undefined : t('eqs.noticePickCounty')}
      options={(data?.items ?? []).map((h) => ({ value: h.id, label: `${formatDate(h.foundOn)} ${h.userName ?? h.userUscc}：${h.description}` }))}
    />
  );
}

function NoticeFields({ counties, loading }: { counties: Org[]; loading: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const toOrgId = Form.useWatch('toOrgId', form);
  const county = counties.find((o) => o.id === toOrgId);
  return (
    <>
      <Form.Item name="toOrgId" label={t('eqs.noticeTo')} rules={[{ required: true, message: t('common.selectRequired', { field: t('eqs.noticeTo') }) }]}>
        <Select showSearch optionFilterProp="label" loading={loading} options={counties.map((o) => ({ value: o.id, label: o.name }))} onChange={() => form.setFieldValue('hazardIds', [])} />
      </Form.Item>
      <Form.Item name="hazardIds" label={t('eqs.noticeHazardsLabel')} rules={[{ required: true, type: 'array', min: 1, message: t('eqs.noticeHazardsRequired') }]}>
        <HazardPicker regionCode={county?.regionCode} />
      </Form.Item>
      <Form.Item name="replyDueOn" label={t('eqs.replyDueOn')} extra={t('eqs.replyDueDefault')}>
        <DatePicker disabledDate={(d) => d.isBefore(todayInChina(), 'day')} />
      </Form.Item>
      <Form.Item name="summary" label={t('eqs.noticeSummary')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </>
  );
}

/** 暗访通报: notices the city bureau issued to county bureaus (a county sees its own), with open and overdue hazards. */
export function NoticeListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const orgs = useOrgs(creating);
  const counties = orgs.orgs.filter((o) => o.type === 'county_bureau' && o.active);

  const columns: TableColumnsType<NoticeSummary> = [
    { title: t('eqs.documentNo'), dataIndex: 'documentNo', render: (v: string, n) => <Link to={noticePath(n.id)}>{v}</Link> },
    { title: t('eqs.noticeTitle'), dataIndex: 'title', ellipsis: true, responsive: ['md'] },
    { title: t('eqs.noticeTo'), dataIndex: 'toOrgName', render: (v: string | null | undefined, n) => v ?? n.regionCode },
    { title: t('eqs.issuedOn'), dataIndex: 'issuedOn', render: (v: string) => formatDate(v), responsive: ['md'] },
    { title: t('eqs.replyDueOn'), dataIndex: 'replyDueOn', render: (v: string) => formatDate(v) },
    {
      title: t('eqs.noticeProgress'),
      key: 'progress',
      render: (_, n) => (
        <>
          <Tag>{t('eqs.noticeHazards', { count: n.hazards })}</Tag>
          {n.overdue > 0 ? <Tag color="red">{t('eqs.noticeOverdue', { count: n.overdue })}</Tag> : n.open > 0 && <Tag color="orange">{t('eqs.noticeOpen', { count: n.open })}</Tag>}
          {n.open === 0 && <Tag color="green">{t('eqs.noticeAllClosed')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      <ListPage<NoticeSummary, Record<string, unknown>>
        title={t('eqs.menuNotices')}
        fetch={eqApi.notices}
        columns={columns}
        rowKey="id"
        tableProps={{ scroll: { x: 'max-content' } }}
        toolbar={
          can('equipment.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('eqs.noticeCreate')}
            </Button>
          )
        }
      />
      <FormModal<Values>
        open={creating}
        title={t('eqs.noticeCreate')}
        width={720}
        initialValues={{ hazardIds: [] }}
        onClose={() => setCreating(false)}
        okText={t('eqs.noticeIssue')}
        onSubmit={async (v) => {
          const saved = await eqApi.createNotice({ toOrgId: v.toOrgId, ...(v.replyDueOn ? { replyDueOn: v.replyDueOn.format('YYYY-MM-DD') } : {}), ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}), hazardIds: v.hazardIds });
          navigate(noticePath(saved.id));
        }}
      >
        <NoticeFields counties={counties} loading={orgs.loading} />
      </FormModal>
    </>
  );
}
