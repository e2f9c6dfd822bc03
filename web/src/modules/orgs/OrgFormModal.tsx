import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type Org, type OrgType } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { useRegions } from '../regions';
import { orgsApi } from './orgs.api';

interface Values {
  name: string;
  type: OrgType;
  regionCode: string;
  parentId?: string | null;
  /** The short name the bureau's documents are numbered with (涟市监 → 涟市监责改〔2026〕4号). */
  shortName?: string | null;
  /** What the bureau gives the public: the city bureau's in the public site's footer, each bureau's in its 行政处罚告知书 and 检验结果通知书. */
  address?: string | null;
  phone?: string | null;
  active?: boolean;
}

/** The org's short name (the answer carries it once web/src/api is regenerated). */
const shortNameOf = (org: Org) => org.shortName ?? '';
/** The short name and the public contact as sent: blank clears them (documents then use the full name, the contact is not shown). */
const textFields = (v: Values) => ({ shortName: v.shortName?.trim() || null, address: v.address?.trim() || null, phone: v.phone?.trim() || null });

/** Save errors the server names a field of this form for (a bad phone, a taken name …): shown under the form. */
const fieldErrorOf = namedFieldError(['name', 'shortName', 'address', 'phone', 'regionCode', 'parentId'] as const);

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
        ...textFields(v),
        active: v.active,
      }, org.version);
    } else {
      await orgsApi.create({ name: v.name, type: v.type, regionCode: v.regionCode, ...(parentId ? { parentId } : {}), ...textFields(v) });
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      open={open}
      title={org ? t('orgs.edit') : t('orgs.create')}
      initialValues={
        org
          ? { name: org.name, shortName: shortNameOf(org), address: org.address ?? '', phone: org.phone ?? '', type: org.type, regionCode: org.regionCode, parentId: org.parentId, active: org.active }
          : {}
      }
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
      fieldErrorOf={fieldErrorOf}
    >
      <Form.Item name="name" label={t('orgs.name')} rules={required(t('orgs.name'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('orgs.shortName')} extra={t('orgs.shortNameHint')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="address" label={t('orgs.address')} extra={t('orgs.contactHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('orgs.phone')}>
        <Input maxLength={30} inputMode="tel" placeholder="0517-83601234" />
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
