import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDrawLabels } from '../labels';
import { shortHex, type PublicRecord, type RecordAssignment } from './drawRecord';
import { InspectorName, ObjectName, useRecordNames, useRuleHelp, type RecordNames } from './names';
import '../draws.pages.i18n';

const PAGE = { pageSize: 50, showSizeChanger: false, hideOnSinglePage: true } as const;

interface SelectedRow {
  /** Draw order within the stratum, from 1. */
  order: number;
  stratum: string;
  /** The blinded id (`/2`) or the key (`/1`). */
  id: string;
  key: string | undefined;
}

/** The objects drawn, stratum by stratum in draw order: the stratum, the blinded id, the object's name and USCC. */
function Selection({ record, names }: { record: PublicRecord; names: RecordNames }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const label = (key: string) => t(`draws.record.${key}`);
  const blinded = record.version !== 'zhijian-draw/1';
  const rows = useMemo(
    () => record.strata.flatMap((s) => (s.selected ?? []).map((id, i): SelectedRow => ({ order: i + 1, stratum: s.name, id, key: names.keyOf(id) }))),
    [record, names],
  );
  const columns: TableColumnsType<SelectedRow> = [
    { title: label('stratum'), dataIndex: 'stratum', width: 90, render: (v: string) => (blinded ? v : labels.stratum(v)) },
    { title: '#', dataIndex: 'order', width: 50 },
    ...(blinded
      ? [
          {
            title: label('blindedId'),
            dataIndex: 'id',
            width: 220,
            render: (v: string) => (
              <Tooltip title={v}>
                <Typography.Text code copyable={{ text: v }} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                  {shortHex(v)}
                </Typography.Text>
              </Tooltip>
            ),
          },
        ]
      : []),
    { title: label('object'), key: 'object', render: (_: unknown, r: SelectedRow) => (r.key ? <ObjectName objectKey={r.key} names={names} /> : '—') },
  ];
  return (
    <Table<SelectedRow>
      data-testid="draw-selection"
      size="small"
      rowKey={(r) => `${r.stratum}/${r.id}`}
      columns={columns}
      dataSource={rows}
      pagination={PAGE}
      scroll={{ x: 560 }}
      locale={{ emptyText: label('noneSelected') }}
    />
  );
}

/** Per drawn object: the inspectors drawn, how many were eligible, and who was excluded by which rule. */
function Assignments({ assignments, names }: { assignments: RecordAssignment[]; names: RecordNames }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const ruleHelp = useRuleHelp();
  const order = useMemo(() => new Map(assignments.map((a, i) => [a, i + 1])), [assignments]);
  const label = (key: string) => t(`draws.record.${key}`);
  const columns: TableColumnsType<RecordAssignment> = [
    { title: '#', key: 'index', width: 50, render: (_, a) => order.get(a) },
    { title: label('object'), dataIndex: 'objectKey', width: 260, render: (v: string) => <ObjectName objectKey={v} names={names} /> },
    {
      title: label('inspectors'),
      dataIndex: 'selected',
      render: (v: string[]) =>
        v.length === 0 ? (
          <Typography.Text type="danger">{label('noInspector')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {v.map((id) => (
              <Tag key={id} color="blue" style={{ marginInlineEnd: 0 }}>
                <InspectorName id={id} names={names} />
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: label('eligible'), dataIndex: 'candidates', width: 90, align: 'right', render: (v: string[]) => v.length },
    {
      title: label('excluded'),
      dataIndex: 'excluded',
      render: (v: RecordAssignment['excluded']) =>
        v.length === 0 ? (
          <Typography.Text type="secondary">{label('noExclusion')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {v.map((e) => (
              <Tooltip key={`${e.inspector}/${e.rule}`} title={ruleHelp(e.rule)}>
                <Tag data-testid="draw-exclusion" style={{ marginInlineEnd: 0 }}>
                  <InspectorName id={e.inspector} names={names} />
                  {t('common.colon')}
                  {labels.rule(e.rule)}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <Table<RecordAssignment>
      data-testid="draw-assignments"
      size="small"
      rowKey="objectKey"
      columns={columns}
      dataSource={assignments}
      pagination={PAGE}
      scroll={{ x: 900 }}
    />
  );
}

/** A revealed draw's result: the selection per stratum and the inspectors of each drawn object, by name. */
export function DrawRecordView({ record }: { record: PublicRecord }) {
  const { t } = useTranslation();
  const names = useRecordNames(record);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
        {t('draws.record.selection')}
      </Typography.Title>
      <Selection record={record} names={names} />
      <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
        {t('draws.record.assignments')}
      </Typography.Title>
      <Assignments assignments={record.assignments ?? []} names={names} />
    </Space>
  );
}
