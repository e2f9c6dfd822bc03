import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListResult } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { complaintsApi, LINK_TARGETS, type ActionBody, type Complaint, type LinkTarget } from './complaints.api';

type Values = Record<string, unknown> & { targetType: LinkTarget; mode: 'create' | 'existing'; targetId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = (d: unknown) => (d ? (d as Dayjs).format('YYYY-MM-DD') : undefined);

/** Targets the server creates for the item (through their own modules); a case (no cases module yet) is linked by id only. */
const CREATABLE: LinkTarget[] = ['inspection_task', 'equipment_hazard', 'licence_lead', 'licence_exit'];

/** The `create` fields of each target (the server fills the rest from the item: subject, region, origin, dates). */
const CREATE_FIELDS: Record<Exclude<LinkTarget, 'case'>, string[]> = {
  inspection_task: ['itemId', 'inspectorIds', 'dueOn'],
  equipment_hazard: ['level', 'description', 'correctionDueOn'],
  licence_lead: ['operatorName', 'address', 'description'],
  licence_exit: ['licenceId', 'kind', 'triggerSummary'],
};

function createOf(target: Exclude<LinkTarget, 'case'>, v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of CREATE_FIELDS[target]) {
    const x = v[name];
    if (x === undefined || x === null || x === '') continue;
    out[name] = typeof x === 'string' ? x.trim() : typeof (x as Dayjs).format === 'function' ? day(x) : x;
  }
  return out;
}

/** Options of a select filled from a list route of another module (through the API, not its code). */
function useOptions<T>(enabled: boolean, path: string, query: object, toOption: (x: T) => { value: string; label: string }) {
  const { data, loading } = useAsync(() => (enabled ? api.get<ListResult<T>>(path, query) : Promise.resolve({ items: [], total: 0 })), `${enabled}:${path}:${JSON.stringify(query)}`);
  return { options: (data?.items ?? []).map(toOption), loading };
}

/** 关联: what the item led to — an inspection task (origin complaint), a hazard, an unlicensed-operation lead, an exit — created here or linked by id. */
export function LinkModal({ complaint: c, open, onClose, onDone, onStale }: { complaint: Complaint; open: boolean; onClose: () => void; onDone: (saved: Complaint) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<LinkTarget>(c.subjectUscc ? 'inspection_task' : 'licence_lead');
  const [mode, setMode] = useState<'create' | 'existing'>('create');
  const creating = open && mode === 'create';
  const items = useOptions<{ id: string; name: string; targetKind: string }>(creating && target === 'inspection_task', '/api/inspection-items', { active: true, pageSize: 200 }, (x) => ({ value: x.id, label: x.name }));
  const inspectors = useOptions<{ userId: string; displayName: string; orgName: string }>(creating && target === 'inspection_task', '/api/inspectors', { regionCode: c.regionCode, pageSize: 200 }, (x) => ({ value: x.userId, label: `${x.displayName}（${x.orgName}）` }));
  const licences = useOptions<{ id: string; number: string; typeName: string }>(creating && target === 'licence_exit' && !!c.subjectUscc, '/api/licences', { uscc: c.subjectUscc ?? '', pageSize: 100 }, (x) => ({ value: x.id, label: `${x.typeName} ${x.number}` }));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  const canCreate = CREATABLE.includes(target) && (target === 'licence_lead' || !!c.subjectUscc || (target === 'equipment_hazard' && !!c.equipmentId));
  const effectiveMode = canCreate ? mode : 'existing';

  const createFields = () => {
    switch (target) {
      case 'inspection_task':
        return (
          <>
            <Form.Item name="itemId" label={t('complaints.link.item')} rules={chosen(t('complaints.link.item'))}>
              <Select showSearch optionFilterProp="label" options={items.options} loading={items.loading} />
            </Form.Item>
            <Form.Item name="inspectorIds" label={t('complaints.link.inspectors')} rules={[...chosen(t('complaints.link.inspectors')), { type: 'array', min: 2, message: t('complaints.link.twoInspectors') }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={inspectors.options} loading={inspectors.loading} maxCount={10} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('complaints.link.dueOn')}>
              <DatePicker disabledDate={(d) => d.isBefore(todayInChina(), 'day')} />
            </Form.Item>
          </>
        );
      case 'equipment_hazard':
        return (
          <>
            <Form.Item name="level" label={t('complaints.link.level')} rules={chosen(t('complaints.link.level'))}>
              <Radio.Group>
                <Radio value="general">{t('complaints.link.levels.general')}</Radio>
                <Radio value="major">{t('complaints.link.levels.major')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="description" label={t('complaints.link.hazardDescription')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="correctionDueOn" label={t('complaints.link.correctionDueOn')} rules={chosen(t('complaints.link.correctionDueOn'))}>
              <DatePicker />
            </Form.Item>
          </>
        );
      case 'licence_lead':
        return (
          <>
            <Form.Item name="operatorName" label={t('complaints.link.operatorName')} rules={c.subjectName ? undefined : required(t('complaints.link.operatorName'))}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="address" label={t('complaints.link.address')} rules={c.place ? undefined : required(t('complaints.link.address'))}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="description" label={t('complaints.link.leadDescription')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'licence_exit':
        return (
          <>
            <Form.Item name="licenceId" label={t('complaints.link.licence')} rules={chosen(t('complaints.link.licence'))}>
              <Select options={licences.options} loading={licences.loading} notFoundContent={t('complaints.link.noLicences')} />
            </Form.Item>
            <Form.Item name="kind" label={t('complaints.link.exitKind')} rules={chosen(t('complaints.link.exitKind'))}>
              <Select options={[{ value: 'conditions_lost', label: t('complaints.link.exitKinds.conditions_lost') }]} />
            </Form.Item>
            <Form.Item name="triggerSummary" label={t('complaints.link.triggerSummary')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      default:
        return null;
    }
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('complaints.actions.link')}
      okText={t('complaints.actions.link')}
      width={640}
      initialValues={{
        targetType: target,
        mode: effectiveMode,
        operatorName: c.subjectName ?? undefined,
        address: c.place ?? undefined,
        kind: 'conditions_lost',
      }}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        const body =
          effectiveMode === 'create' && target !== 'case'
            ? { create: createOf(target, v) }
            : { targetId: String(v.targetId).trim(), ...(target === 'case' && typeof v.label === 'string' && v.label.trim() ? { label: v.label.trim() } : {}) };
        onDone(await complaintsApi.act(c, { action: 'link', target, ...body } as ActionBody));
      }}
    >
      <Form.Item name="targetType" label={t('complaints.link.target')}>
        <Radio.Group optionType="button" onChange={(e) => setTarget(e.target.value as LinkTarget)}>
          {LINK_TARGETS.map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`complaints.targets.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="mode" label={t('complaints.link.mode')} extra={canCreate ? undefined : t('complaints.link.createNeedsSubject')}>
        <Radio.Group onChange={(e) => setMode(e.target.value as 'create' | 'existing')}>
          <Radio value="create" disabled={!canCreate}>
            {t('complaints.link.create')}
          </Radio>
          <Radio value="existing">{t('complaints.link.existing')}</Radio>
        </Radio.Group>
      </Form.Item>
      {effectiveMode === 'existing' ? (
        <>
          <Form.Item name="targetId" label={t('complaints.link.targetId')} rules={[...required(t('complaints.link.targetId')), { pattern: UUID, message: t('complaints.link.targetIdFormat') }]}>
            <Input maxLength={36} placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          {target === 'case' && (
            <Form.Item name="label" label={t('complaints.link.caseLabel')}>
              <Input maxLength={200} />
            </Form.Item>
          )}
        </>
      ) : (
        createFields()
      )}
    </FormModal>
  );
}

/** The page of a linked record (null when that module has no page for one record). */
export function linkPath(type: LinkTarget, id: string): string | null {
  const e = encodeURIComponent(id);
  switch (type) {
    case 'inspection_task':
      return `/inspection-tasks/${e}`;
    case 'equipment_hazard':
      return `/equipment/hazards/${e}`;
    case 'licence_exit':
      return `/licence-exits/${e}`;
    case 'licence_lead':
      return '/unlicensed-leads';
    default:
      return null;
  }
}
