import { Button, Form, Input, Radio, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { clusterPath, clustersApi, MEMBER_MODES, type ClusterInput, type ClusterQuery, type ClusterRow } from './clusters.api';
import './clusters.pages.i18n';

const FIELDS = ['name', 'regionCode', 'memberMode', 'tag', 'industry', 'description'] as const;
const toQuery = ({ q, ...rest }: FilterValues): Partial<ClusterQuery> => ({ ...(rest as Partial<ClusterQuery>), q: (q as string | undefined)?.trim() });

/** 产业集聚区: every cluster in the user's scope; a new one by tag or by list (cluster.manage). */
export function ClusterListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const regions = useRegions();
  const rules = useRequiredRules();
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`clusters.${key}`);

  const columns: TableColumnsType<ClusterRow> = [
    {
      title: label('name'),
      dataIndex: 'name',
      render: (v: string, c) => (
        <span>
          <Typography.Link onClick={() => navigate(clusterPath(c.id))}>{v}</Typography.Link>
          {c.demonstrationZone && (
            <Tag color="gold" icon={<TrophyOutlined />} style={{ marginLeft: 8 }}>
              {label('demonstration')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: label('region'), dataIndex: 'regionCode', className: 'zj-nowrap', render: (v: string, c) => c.regionName ?? regions.nameOf(v) },
    { title: label('industry'), dataIndex: 'industry', responsive: ['md'], render: (v: string | null | undefined) => v ?? t('common.none') },
    { title: label('memberMode'), dataIndex: 'memberMode', className: 'zj-nowrap', responsive: ['lg'], render: (v: string, c) => (c.tag ? `${t(`clusters.memberModes.${v}`)}：${c.tag}` : t(`clusters.memberModes.${v}`)) },
    {
      title: label('awaitingReply'),
      dataIndex: 'awaitingReply',
      className: 'zj-nowrap',
      render: (v: number) => (v ? <Tag color="gold">{v}</Tag> : t('common.none')),
    },
  ];

  return (
    <>
      <ListPage<ClusterRow, ClusterQuery>
        title={label('listTitle')}
        fetch={clustersApi.list}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: { x: 'max-content' }, onRow: (c) => ({ onClick: () => navigate(clusterPath(c.id)), style: { cursor: 'pointer' } }) }}
        toolbar={
          can('cluster.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="cluster-create">
              {label('create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="regionCode" label={label('region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={regions.options} loading={regions.loading} />
            </Form.Item>
          </>
        }
      />
      <FormModal<ClusterInput>
        open={creating}
        title={label('createTitle')}
        width={640}
        initialValues={{ memberMode: 'tag' }}
        onClose={() => setCreating(false)}
        fieldErrorOf={namedFieldError(FIELDS)}
        onSubmit={async (v) => {
          const created = await clustersApi.create({
            name: v.name.trim(),
            regionCode: v.regionCode,
            memberMode: v.memberMode,
            tag: v.memberMode === 'tag' ? v.tag?.trim() : undefined,
            industry: v.industry?.trim() || undefined,
            description: v.description?.trim() || undefined,
          });
          navigate(clusterPath(created.id));
        }}
      >
        <Form.Item name="name" label={label('name')} rules={rules.required(label('name'))}>
          <Input maxLength={100} placeholder="盱眙凹土产业集群" />
        </Form.Item>
        <Form.Item name="regionCode" label={label('region')} rules={rules.selectRequired(label('region'))}>
          <Select showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
        </Form.Item>
        <Form.Item name="industry" label={label('industry')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="memberMode" label={label('memberMode')} extra={label('memberModeHint')}>
          <Radio.Group optionType="button" options={MEMBER_MODES.map((m) => ({ value: m, label: t(`clusters.memberModes.${m}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['memberMode']}>
          {({ getFieldValue }) =>
            getFieldValue('memberMode') === 'tag' && (
              <Form.Item name="tag" label={label('tag')} extra={label('tagHint')} rules={rules.required(label('tag'))}>
                <Input maxLength={50} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="description" label={label('description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}
