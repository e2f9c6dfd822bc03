import { Empty, Space, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { labelled } from '../../app/i18n/punctuation';
import type { Unit, UnitEvent } from './equipment.api';
import { ConclusionTag, StatusTag } from './equipmentLabels';

/** The label key of a unit's field in `equipment.*` (the API's name, except the region). */
const labelKey = (field: string) => (field === 'regionCode' ? 'region' : field);

function valueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('equipment.none');
  if (field === 'status') return t(`equipment.statuses.${String(value)}`);
  if (field === 'keyUnitKind') return t(`equipment.keyUnitKinds.${String(value)}`);
  if (field === 'lastConclusion' || field === 'conclusion') return t(`equipment.conclusions.${String(value)}`);
  if (field === 'kind') return t(`equipment.kinds.${String(value)}`, { defaultValue: String(value) });
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
}

/** The changed fields of an event: "field: before → after", one per line. */
function Changes({ event }: { event: UnitEvent }) {
  const { t } = useTranslation();
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f in before);
  if (!fields.length) return null;
  return (
    <Space direction="vertical" size={0}>
      {fields.map((f) => (
        <Typography.Text key={f} type="secondary">
          {t('equipment.changedField', {
            field: t(`equipment.${labelKey(f)}`, { defaultValue: f }),
            before: valueText(t, f, before[f]),
            after: valueText(t, f, after[f]),
          })}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** An inspection's record in the history: kind, conclusion, report, date and the due date it moved. */
function Inspected({ event }: { event: UnitEvent }) {
  const { t } = useTranslation();
  const a = event.after ?? {};
  const b = event.before ?? {};
  const conclusion = a.conclusion as Unit['lastConclusion'] | undefined;
  const inspectedOn = (a.lastInspectedOn ?? a.inspectedOn) as string | undefined;
  const parts = [
    a.kind ? valueText(t, 'kind', a.kind) : null,
    inspectedOn ? labelled(t, t('equipment.inspectedOn'), inspectedOn) : null,
    a.reportNo ? labelled(t, t('equipment.reportNo'), String(a.reportNo as string)) : null,
    'nextInspectionDue' in a
      ? t('equipment.changedField', {
          field: t('equipment.nextInspectionDue'),
          before: valueText(t, 'date', b.nextInspectionDue),
          after: valueText(t, 'date', a.nextInspectionDue),
        })
      : null,
  ].filter((p): p is string => !!p);
  return (
    <Space wrap size={4}>
      {conclusion && <ConclusionTag conclusion={conclusion} />}
      <Typography.Text type="secondary">{parts.join(' · ')}</Typography.Text>
    </Space>
  );
}

function Entry({ event }: { event: UnitEvent }) {
  const { t } = useTranslation();
  return (
    <div data-testid="unit-event">
      <Space wrap size={8}>
        <Typography.Text strong>{formatDateTime(event.at)}</Typography.Text>
        <Typography.Text>{t(`equipment.eventKinds.${event.kind}`, { defaultValue: event.kind })}</Typography.Text>
        {event.fromStatus && event.toStatus && (
          <>
            <StatusTag status={event.fromStatus} />
            <span aria-hidden>→</span>
            <StatusTag status={event.toStatus} />
          </>
        )}
        <Typography.Text type="secondary">{event.actorName}</Typography.Text>
      </Space>
      {event.reason && (
        <div>
          <Typography.Text>
            {t('equipment.reason')}
            {t('common.colon')}
            {event.reason}
          </Typography.Text>
        </div>
      )}
      <div>{event.kind === 'inspected' ? <Inspected event={event} /> : <Changes event={event} />}</div>
    </div>
  );
}

/** A unit's history, newest first. */
export function UnitHistory({ events }: { events: UnitEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return <Empty description={t('equipment.historyEmpty')} />;
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={sorted.map((e) => ({
        key: e.id,
        color: e.kind === 'transition' ? 'orange' : e.kind === 'inspected' ? (e.after?.conclusion === 'fail' ? 'red' : 'green') : 'blue',
        children: <Entry event={e} />,
      }))}
    />
  );
}
