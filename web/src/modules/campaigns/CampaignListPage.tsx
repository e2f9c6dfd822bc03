import { Button, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { campaignPath, campaignsApi, CAMPAIGN_STATUSES, type Campaign, type CampaignQuery } from './campaigns.api';
import { CampaignFormModal } from './CampaignFormModal';
import { CampaignStatusTag } from './labels';
import './campaigns.pages.i18n';

const toQuery = ({ q, ...rest }: FilterValues): Partial<CampaignQuery> => ({ ...(rest as Partial<CampaignQuery>), q: (q as string | undefined)?.trim() });

/** 专项执法行动: every campaign in the user's scope; a new one with its lottery plan (campaign.manage). */
export function CampaignListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`campaigns.${key}`);

  const columns: TableColumnsType<Campaign> = [
    { title: label('name'), dataIndex: 'name', render: (v: string, c) => <Typography.Link onClick={() => navigate(campaignPath(c.id))}>{v}</Typography.Link> },
    { title: label('productCategory'), dataIndex: 'productCategory', className: 'zj-nowrap', render: (v: string) => t(`campaigns.categories.${v}`, { defaultValue: v }) },
    { title: label('period'), key: 'period', className: 'zj-nowrap', render: (_: unknown, c) => `${formatDate(c.startOn)} ~ ${formatDate(c.endOn)}` },
    { title: label('targetCount'), dataIndex: 'targetCount', className: 'zj-nowrap', responsive: ['md'] },
    { title: label('org'), dataIndex: 'orgName', responsive: ['lg'], render: (v: string | null | undefined) => v ?? t('common.none') },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, c) => <CampaignStatusTag status={c.status} /> },
  ];

  return (
    <>
      <ListPage<Campaign, CampaignQuery>
        title={label('listTitle')}
        fetch={campaignsApi.list}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: { x: 'max-content' }, onRow: (c) => ({ onClick: () => navigate(campaignPath(c.id)), style: { cursor: 'pointer' } }) }}
        toolbar={
          can('campaign.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
              {label('create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="status" label={label('status')}>
              <Select allowClear style={{ width: 120 }} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.statuses.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => navigate(campaignPath(c.id))} />
    </>
  );
}
