import { Alert, App, Button, Card, Descriptions, Space, Table, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { withNote } from '../../app/i18n/punctuation';
import { enterprisePath } from '../enterprises';
import { useRegions } from '../regions';
import './equipment.pages.i18n';
import { equipmentApi, type Inspection, type RecordedInspection, type Unit } from './equipment.api';
import { useCategoryText } from './equipmentColumns';
import { ConclusionTag, DueDate, StatusTag, UnitFlags } from './equipmentLabels';
import { InspectionFormModal } from './InspectionFormModal';
import { ACTIONS, ACTIONS_FROM, TransitionModal, type Action } from './TransitionModal';
import { UnitFormModal } from './UnitFormModal';
import { UnitHistory } from './UnitHistory';

function UnitFields({ unit: u }: { unit: Unit }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const categoryText = useCategoryText();
  const none = t('equipment.none');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      data-testid="unit-fields"
      items={[
        { key: 'equipmentCode', label: t('equipment.equipmentCode'), children: <span style={{ fontFamily: 'monospace' }}>{u.equipmentCode}</span> },
        { key: 'registrationNo', label: t('equipment.registrationNo'), children: u.registrationNo ?? none },
        { key: 'category', label: t('equipment.category'), children: categoryText(u) },
        ...(u.safetyGrade !== null ? [{ key: 'safetyGrade', label: t('equipment.safetyGrade'), children: t('equipment.safetyGradeValue', { grade: u.safetyGrade }) }] : []),
        { key: 'status', label: t('equipment.status'), children: <StatusTag status={u.status} /> },
        { key: 'userName', label: t('equipment.userName'), children: <Link to={enterprisePath(u.userUscc)}>{u.userName}</Link> },
        { key: 'userUscc', label: t('equipment.userUscc'), children: u.userUscc },
        { key: 'region', label: t('equipment.region'), children: withNote(t, regions.nameOf(u.regionCode), u.regionCode) },
        { key: 'address', label: t('equipment.address'), children: u.address },
        { key: 'keyUnitKind', label: t('equipment.keyUnitKind'), children: u.keyUnitKind ? t(`equipment.keyUnitKinds.${u.keyUnitKind}`) : none },
        { key: 'manufacturer', label: t('equipment.manufacturer'), children: u.manufacturer || none },
        { key: 'model', label: t('equipment.model'), children: u.model || none },
        { key: 'factoryNo', label: t('equipment.factoryNo'), children: u.factoryNo || none },
        { key: 'putIntoServiceOn', label: t('equipment.putIntoServiceOn'), children: formatDate(u.putIntoServiceOn) },
        { key: 'lastInspectedOn', label: t('equipment.lastInspectedOn'), children: formatDate(u.lastInspectedOn) },
        { key: 'lastConclusion', label: t('equipment.lastConclusion'), children: <ConclusionTag conclusion={u.lastConclusion} /> },
        { key: 'nextInspectionDue', label: t('equipment.nextInspectionDue'), children: <span data-testid="unit-next-due"><DueDate unit={u} /></span> },
        { key: 'flags', label: t('equipment.flags'), children: u.overdue || u.failedInUse ? <UnitFlags unit={u} /> : none },
        ...(u.createdAt ? [{ key: 'createdAt', label: t('equipment.createdAt'), children: formatDateTime(u.createdAt) }] : []),
        ...(u.updatedAt ? [{ key: 'updatedAt', label: t('equipment.updatedAt'), children: formatDateTime(u.updatedAt) }] : []),
      ]}
    />
  );
}

function InspectionTable({ inspections }: { inspections: Inspection[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Inspection> = [
    { title: t('equipment.inspectedOn'), className: 'zj-nowrap', dataIndex: 'inspectedOn', render: (v: string) => formatDate(v) },
    { title: t('equipment.inspectionKind'), className: 'zj-nowrap', dataIndex: 'kind', render: (v: string) => t(`equipment.kinds.${v}`, { defaultValue: v }) },
    { title: t('equipment.institution'), dataIndex: 'institution' },
    { title: t('equipment.reportNo'), className: 'zj-nowrap', dataIndex: 'reportNo' },
    { title: t('equipment.conclusion'), className: 'zj-nowrap', dataIndex: 'conclusion', render: (_, i) => <ConclusionTag conclusion={i.conclusion} /> },
    {
      title: t('equipment.nextDue'),
      className: 'zj-nowrap',
      dataIndex: 'nextDue',
      render: (v: string | null) => (v ? formatDate(v) : t('equipment.unchanged')),
    },
    { title: t('equipment.recordedBy'), dataIndex: 'recordedByName', render: (v: string | undefined) => v ?? t('equipment.none') },
  ];
  return (
    <Table<Inspection>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={[...inspections].sort((a, b) => b.inspectedOn.localeCompare(a.inspectedOn))}
      pagination={false}
      locale={{ emptyText: t('equipment.inspectionsEmpty') }}
      data-testid="unit-inspections"
    />
  );
}

/** One unit: its fields and flags, status measures, edit, its inspections (and recording one) and its history. */
export function EquipmentDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const categoryText = useCategoryText();
  const { data, error, loading, reload } = useAsync(() => Promise.all([equipmentApi.get(id), equipmentApi.inspections(id), equipmentApi.history(id)]), id);
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<RecordedInspection | null>(null);

  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const [unit, inspections, history] = data;
  const writable = can('equipment.write');
  const open = unit.status === 'in_use' || unit.status === 'suspended';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="unit-header"
        back={{ path: '/equipment', label: t('equipment.backToList') }}
        title={<span style={{ fontFamily: 'monospace' }}>{unit.equipmentCode}</span>}
        tags={
          <>
            <StatusTag status={unit.status} />
            <UnitFlags unit={unit} />
          </>
        }
        subtitle={`${categoryText(unit)} · ${unit.userName}`}
      />
      <Card
        title={t('equipment.details')}
        extra={
          writable && (
            <Space wrap>
              {ACTIONS_FROM[unit.status].map((a) => (
                <Button key={a} danger={ACTIONS[a] === 'scrapped' || ACTIONS[a] === 'deregistered'} onClick={() => setAction(a)}>
                  {t(`equipment.actions.${a}`)}
                </Button>
              ))}
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('equipment.edit')}
              </Button>
            </Space>
          )
        }
      >
        <UnitFields unit={unit} />
      </Card>
      <Card
        title={t('equipment.inspections')}
        extra={
          writable &&
          open && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setRecording(true)}>
              {t('equipment.recordInspection')}
            </Button>
          )
        }
      >
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {recorded && (
            <Alert
              type={recorded.conclusion === 'fail' ? 'warning' : 'success'}
              showIcon
              closable
              onClose={() => setRecorded(null)}
              data-testid="inspection-recorded"
              message={
                recorded.conclusion === 'fail'
                  ? t('equipment.recordedFail')
                  : t('equipment.recorded', { date: formatDate(recorded.nextInspectionDue) })
              }
            />
          )}
          {!open && <Typography.Text type="secondary">{t('equipment.noInspectionWhenClosed')}</Typography.Text>}
          <InspectionTable inspections={inspections.items} />
        </Space>
      </Card>
      <Card title={t('equipment.history')} data-testid="unit-history">
        <UnitHistory events={history.items} />
      </Card>
      <UnitFormModal
        open={editing}
        unit={unit}
        onClose={() => setEditing(false)}
        onStale={reload}
        onSaved={() => {
          void message.success(t('equipment.saved'));
          reload();
        }}
      />
      <TransitionModal
        unit={unit}
        action={action}
        onClose={() => setAction(null)}
        onStale={reload}
        onDone={(saved) => {
          setAction(null);
          void message.success(t('equipment.transitioned', { status: t(`equipment.statuses.${saved.status}`) }));
          reload();
        }}
      />
      <InspectionFormModal
        unit={unit}
        open={recording}
        onClose={() => setRecording(false)}
        onRecorded={(inspection) => {
          setRecorded(inspection);
          reload();
        }}
      />
    </Space>
  );
}
