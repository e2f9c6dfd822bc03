import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Assignment, Draw } from '../inspections.api';
import { useDrawLabels } from '../labels';

/** Inspector names by user id, where known (signed-in pages); otherwise the id is shown. */
export type InspectorNameOf = (userId: string) => string | undefined;

function InspectorRef({ id, nameOf }: { id: string; nameOf?: InspectorNameOf }) {
  const name = nameOf?.(id);
  return (
    <Tooltip title={id}>
      <span>{name ?? <Typography.Text code>{id.slice(0, 8)}</Typography.Text>}</span>
    </Tooltip>
  );
}

/** The objects drawn from each stratum, in draw order. */
function Selection({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  type Stratum = Draw['strata'][number];
  const columns: TableColumnsType<Stratum> = [
    { title: t('draws.ceremony.stratum'), dataIndex: 'name', width: 140, render: (v: string) => labels.stratum(v) },
    { title: t('draws.ceremony.n'), key: 'n', width: 110, align: 'right', render: (_, s) => s.candidates.length },
    { title: t('draws.ceremony.k'), dataIndex: 'k', width: 90, align: 'right' },
    {
      title: t('draws.record.selected'),
      dataIndex: 'selected',
      render: (v: string[]) =>
        v.length === 0 ? (
          <Typography.Text type="secondary">{t('draws.record.noneSelected')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {v.map((key, i) => (
              <Tag key={key} style={{ fontFamily: 'monospace' }}>{`${i + 1}. ${key}`}</Tag>
            ))}
          </Space>
        ),
    },
  ];
  return <Table<Stratum> data-testid="draw-selection" size="small" rowKey="name" columns={columns} dataSource={draw.strata} pagination={false} />;
}

/** Per drawn object: the inspectors drawn, how many were eligible, and who was excluded by which rule. */
function Assignments({ draw, nameOf }: { draw: Draw; nameOf?: InspectorNameOf }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const label = (key: string) => t(`draws.record.${key}`);
  const columns: TableColumnsType<Assignment> = [
    { title: '#', key: 'index', width: 50, render: (_, __, i) => i + 1 },
    { title: label('object'), className: 'zj-nowrap', dataIndex: 'objectKey', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: label('inspectors'),
      dataIndex: 'selected',
      render: (v: string[]) =>
        v.length === 0 ? (
          <Typography.Text type="danger">{label('noInspector')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {v.map((id) => (
              <Tag key={id} color="blue">
                <InspectorRef id={id} nameOf={nameOf} />
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: label('eligible'), dataIndex: 'candidates', width: 100, align: 'right', render: (v: string[]) => v.length },
    {
      title: label('excluded'),
      dataIndex: 'excluded',
      render: (v: Assignment['excluded']) =>
        v.length === 0 ? (
          <Typography.Text type="secondary">{label('noExclusion')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {v.map((e) => (
              <Tag key={`${e.inspector}/${e.rule}`} data-testid="draw-exclusion">
                <InspectorRef id={e.inspector} nameOf={nameOf} />
                {t('common.colon')}
                {labels.rule(e.rule)}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <Table<Assignment>
      data-testid="draw-assignments"
      size="small"
      rowKey="objectKey"
      columns={columns}
      dataSource={draw.assignments}
      pagination={draw.assignments.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

/** A revealed draw's result: the selection per stratum and the inspectors of each drawn object. */
export function DrawRecordView({ draw, nameOf }: { draw: Draw; nameOf?: InspectorNameOf }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('draws.record.selection')}
      </Typography.Title>
      <Selection draw={draw} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('draws.record.assignments')}
      </Typography.Title>
      <Assignments draw={draw} nameOf={nameOf} />
    </Space>
  );
}
