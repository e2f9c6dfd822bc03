import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type Org, type OrgType } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { useRegions } from '../regions';
import { orgsApi } from './orgs.api';

interface Values {
  name: string;
  type: OrgType;
  regionCode: string;
  parentId?: string | null;
  /** The short name the bureau's documents are numbered with (涟市监 → 涟市监责改〔2026〕4号). */
  shortName?: string | null;
  active?: boolean;
}

/** The org's short name (the answer carries it once web/src/api is regenerated). */
const shortNameOf = (org: Org) => org.shortName ?? '';
/** The short name as sent: blank clears it (documents then use the full name). */
const shortNameField = (v: Values): { shortName?: string | null } => ({ shortName: v.shortName?.trim() || null });

interface Props {
  open: boolean;
  /** The org to edit; undefined to create one. */
  org?: Org;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the record since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

export function OrgFormModal({ open, org, orgs, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const regions = useRegions();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  const onSubmit = async (v: Values) => {
    const parentId = v.parentId ?? undefined;
    if (org) {
      await orgsApi.update(org.id, {
        name: v.name,
        regionCode: v.regionCode,
        ...(parentId ? { parentId } : {}),
        ...shortNameField(v),
        active: v.active,
      }, org.version);
    } else {
      await orgsApi.create({ name: v.name, type: v.type, regionCode: v.regionCode, ...(parentId ? { parentId } : {}), ...shortNameField(v) });
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      open={open}
      title={org ? t('orgs.edit') : t('orgs.create')}
      initialValues={
        org
          ? { name: org.name, shortName: shortNameOf(org), type: org.type, regionCode: org.regionCode, parentId: org.parentId, active: org.active }
          : {}
      }
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item name="name" label={t('orgs.name')} rules={required(t('orgs.name'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('orgs.shortName')} extra={t('orgs.shortNameHint')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="type" label={t('orgs.type')} rules={required(t('orgs.type'))}>
        <Select disabled={!!org} options={ORG_TYPES.map((v) => ({ value: v, label: t(`orgType.${v}`) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('orgs.region')} rules={required(t('orgs.region'))}>
        <Select showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
      </Form.Item>
      <Form.Item name="parentId" label={t('orgs.parent')}>
        <Select
          // the API cannot detach an org from its parent, only move it
          allowClear={!org?.parentId}
          showSearch
          optionFilterProp="label"
          options={orgs.filter((o) => o.id !== org?.id).map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      {org && (
        <Form.Item name="active" label={t('orgs.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
