import { Alert, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageQuery } from '../../api/types';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import './equipment.pages.i18n';
import { equipmentApi, type Unit } from './equipment.api';
import { useUnitColumns } from './equipmentColumns';

/** The due list asks a month ahead by default (特种设备安全法 §40: request a month before expiry). */
export const DEFAULT_WITHIN = 30;

type DueQuery = { within?: number; regionCode?: string } & PageQuery;

const toQuery = ({ within, regionCode }: FilterValues): Partial<DueQuery> => ({
  within: typeof within === 'number' ? within : DEFAULT_WITHIN,
  regionCode: regionCode as string | undefined,
});

/** 检验到期设备: units in use due within N days (default 30), overdue first. */
export function DueListPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const columns = useUnitColumns({ withUser: true });

  return (
    <ListPage<Unit, DueQuery>
      title={t('equipment.due.title')}
      fetch={(q) => equipmentApi.due({ ...q, within: q.within ?? DEFAULT_WITHIN })}
      exportUrl={(format, q) => equipmentApi.exportUrl(format, { dueWithin: q.within ?? DEFAULT_WITHIN, regionCode: q.regionCode, status: 'in_use' })}
      rowKey="id"
      columns={columns}
      toQuery={toQuery}
      banner={<Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('equipment.due.hint')} />}
      filters={
        <>
          <Form.Item name="within" label={t('equipment.due.within')}>
            <InputNumber min={0} max={3650} precision={0} placeholder={String(DEFAULT_WITHIN)} addonAfter={t('equipment.dueWithinAddon')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('equipment.region')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} loading={regions.loading} />
          </Form.Item>
        </>
      }
    />
  );
}
