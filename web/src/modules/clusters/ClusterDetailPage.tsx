import { App, Button, Card, DatePicker, Descriptions, Form, Grid, Input, Space, Switch, Tabs, Tag } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, formatDateTime, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { useRegions } from '../regions';
import { clustersApi, type Cluster } from './clusters.api';
import { isoDate } from './labels';
import { MeasuresTab } from './MeasuresTab';
import { MembersTab } from './MembersTab';
import { NoticesTab } from './NoticesTab';
import { OverviewTab } from './OverviewTab';
import './clusters.pages.i18n';

const TABS = ['overview', 'members', 'notices', 'measures'] as const;

/** 优质产品生产示范区: mark or withdraw, with the date and a note (If-Match on the cluster's version). */
function DemonstrationModal({ cluster, open, onClose, onSaved }: { cluster: Cluster; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = (key: string) => t(`clusters.${key}`);
  return (
    <FormModal<{ demonstrationZone: boolean; demonstrationOn?: Dayjs; note?: string }>
      open={open}
      title={label('demonstrationTitle')}
      initialValues={{ demonstrationZone: !cluster.demonstrationZone, demonstrationOn: todayInChina(), note: cluster.demonstrationNote ?? undefined }}
      onClose={onClose}
      onStale={onSaved}
      onSubmit={async (v) => {
        await clustersApi.demonstration(cluster, { demonstrationZone: v.demonstrationZone, demonstrationOn: v.demonstrationZone ? isoDate(v.demonstrationOn) : undefined, note: v.note?.trim() || undefined });
        void message.success(label('demonstrationSaved'));
        onSaved();
      }}
    >
      <Form.Item name="demonstrationZone" label={label('demonstrationZone')} valuePropName="checked">
        <Switch data-testid="demonstration-switch" />
      </Form.Item>
      <Form.Item noStyle dependencies={['demonstrationZone']}>
        {({ getFieldValue }) =>
          getFieldValue('demonstrationZone') && (
            <Form.Item name="demonstrationOn" label={label('demonstrationOn')}>
              <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="note" label={label('demonstrationNote')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** One cluster: its fields, the members' quality record, the enterprises, the risk notices and the measures; the demonstration-zone mark. */
export function ClusterDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = useParams().id ?? '';
  const regions = useRegions();
  const list = useListState();
  const { data, error, loading, reload } = useAsync(() => clustersApi.get(id), id);
  const overview = useAsync(() => clustersApi.overview(id), id);
  const [marking, setMarking] = useState(false);
  const layout = Grid.useBreakpoint().sm === false ? ('vertical' as const) : ('horizontal' as const);
  const label = (key: string) => t(`clusters.${key}`);
  const tab = TABS.find((k) => k === list.scope) ?? 'overview';

  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const c = data;
  const changed = () => {
    reload();
    overview.reload();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="cluster-header"
        back={{ path: '/clusters', label: label('backToList') }}
        title={c.name}
        tags={
          c.demonstrationZone ? (
            <Tag color="gold" icon={<TrophyOutlined />} data-testid="cluster-demonstration">
              {label('demonstrationZone')}
            </Tag>
          ) : undefined
        }
        subtitle={[regions.nameOf(c.regionCode), c.industry].filter(Boolean).join(' · ')}
      >
        {can('cluster.manage') && (
          <Button icon={<TrophyOutlined />} onClick={() => setMarking(true)} data-testid="cluster-demonstration-toggle">
            {c.demonstrationZone ? label('demonstrationUnset') : label('demonstrationSet')}
          </Button>
        )}
      </DetailHeader>
      <Card>
        <Descriptions
          bordered
          size="small"
          layout={layout}
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          data-testid="cluster-fields"
          items={[
            { key: 'mode', label: label('memberMode'), children: c.tag ? `${t(`clusters.memberModes.${c.memberMode}`)}：${c.tag}` : t(`clusters.memberModes.${c.memberMode}`) },
            { key: 'count', label: label('memberCount'), children: c.memberCount },
            {
              key: 'demo',
              label: label('demonstration'),
              children: c.demonstrationZone ? [formatDate(c.demonstrationOn), c.demonstrationNote].filter(Boolean).join(' · ') || label('demonstrationZone') : label('notDemonstration'),
            },
            { key: 'createdBy', label: label('createdBy'), children: `${c.createdByName} · ${formatDateTime(c.createdAt)}` },
            ...(c.description ? [{ key: 'description', label: label('description'), span: { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }, children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> }] : []),
          ]}
        />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => list.setScope(k === 'overview' ? undefined : k)}
          items={[
            { key: 'overview', label: t('clusters.tabs.overview'), children: <OverviewTab overview={overview} /> },
            { key: 'members', label: t('clusters.tabs.members'), children: <MembersTab cluster={c} onChanged={changed} /> },
            { key: 'notices', label: t('clusters.tabs.notices'), children: <NoticesTab cluster={c} overview={overview} onChanged={overview.reload} /> },
            { key: 'measures', label: t('clusters.tabs.measures'), children: <MeasuresTab cluster={c} onChanged={overview.reload} /> },
          ]}
        />
      </Card>
      <DemonstrationModal cluster={c} open={marking} onClose={() => setMarking(false)} onSaved={reload} />
    </Space>
  );
}
