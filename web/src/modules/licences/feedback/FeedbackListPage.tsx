import { App, Button, Checkbox, Form, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate } from '../../../app/format';
import { ListPage, type FilterValues } from '../../../app/list/ListPage';
import { useRegions } from '../../regions';
import { feedbackApi, type Feedback, type FeedbackQuery } from './feedback.api';
import { FeedbackFormModal } from './FeedbackFormModal';
import { DueDate, FeedbackKindTag, FeedbackStatusTag, useFeedbackKindOptions } from './feedbackLabels';
import './feedback.pages.i18n';

export const feedbackPath = (id: string) => `/feedback/${encodeURIComponent(id)}`;

/** Check boxes mean "only these"; unchecked sends nothing. */
function toQuery({ overdue, mine, ...rest }: FilterValues): Partial<FeedbackQuery> {
  return { ...(rest as Partial<FeedbackQuery>), overdue: overdue ? true : undefined, mine: mine ? true : undefined };
}

function useColumns(): TableColumnsType<Feedback> {
  const { t } = useTranslation();
  return [
    {
      title: t('feedback.enterprise'),
      key: 'enterprise',
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <Link to={feedbackPath(f.id)}>{f.enterpriseName ?? f.uscc}</Link>
          {f.enterpriseName ? <Typography.Text type="secondary">{f.uscc}</Typography.Text> : <Tag>{t('feedback.notInRegister')}</Tag>}
        </Space>
      ),
    },
    { title: t('feedback.kind'), dataIndex: 'kind', render: (_, f) => <FeedbackKindTag kind={f.kind} /> },
    { title: t('feedback.department'), dataIndex: 'department' },
    { title: t('feedback.region'), dataIndex: 'regionName', render: (_, f) => f.regionName ?? f.regionCode },
    { title: t('feedback.org'), dataIndex: 'orgName' },
    { title: t('feedback.receivedOn'), className: 'zj-nowrap', dataIndex: 'receivedOn', render: (v: string) => formatDate(v) },
    { title: t('feedback.dueOn'), className: 'zj-nowrap', dataIndex: 'dueOn', render: (_, f) => <DueDate item={f} /> },
    { title: t('feedback.status'), key: 'status', render: (_, f) => <FeedbackStatusTag item={f} /> },
  ];
}

/** The triage queue: notices from other licensing departments, open ones first by deadline. */
export function FeedbackListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const regions = useRegions();
  const kinds = useFeedbackKindOptions();
  const columns = useColumns();
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <ListPage<Feedback, FeedbackQuery>
        title={t('feedback.title')}
        fetch={feedbackApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toQuery={toQuery}
        toolbar={
          can('feedback.submit') && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/feedback/import')}>
                {t('files.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('feedback.create')}
              </Button>
            </Space>
          )
        }
        filters={
          <>
            <Form.Item name="status" label={t('feedback.status')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={(['open', 'decided'] as const).map((s) => ({ value: s, label: t(`feedback.statuses.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('feedback.kind')}>
              <Select allowClear style={{ width: 200 }} options={kinds} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('feedback.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked">
              <Checkbox>{t('feedback.overdueOnly')}</Checkbox>
            </Form.Item>
            <Form.Item name="mine" valuePropName="checked">
              <Checkbox>{t('feedback.mine')}</Checkbox>
            </Form.Item>
          </>
        }
      />
      <FeedbackFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          void message.success(t('feedback.created'));
          setReloadToken((n) => n + 1);
        }}
      />
    </>
  );
}
