import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import './equipment.pages.i18n';
import { equipmentApi, type Unit, type UnitQuery } from './equipment.api';
import { useUnitColumns } from './equipmentColumns';
import { unitPath, useUnitOptions } from './equipmentLabels';
import { UnitFormModal } from './UnitFormModal';
import { useEquipmentCategories } from './useEquipmentCategories';

function toQuery({ overdue, userUscc, q, ...rest }: FilterValues): Partial<UnitQuery> {
  return {
    ...(rest as Partial<UnitQuery>),
    // unticked means "any", not "not overdue"
    overdue: overdue ? true : undefined,
    userUscc: (userUscc as string | undefined)?.replace(/\s/g, '').toUpperCase(),
    q: (q as string | undefined)?.trim(),
  };
}

/** 特种设备台账: every unit in the user's scope, with filters, export, and the overdue and failed flags. */
export function EquipmentListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const regions = useRegions();
  const categories = useEquipmentCategories();
  const { statusOptions, keyUnitKindOptions } = useUnitOptions();
  const columns = useUnitColumns({ withUser: true });
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <ListPage<Unit, UnitQuery>
        title={t('equipment.title')}
        fetch={equipmentApi.list}
        exportUrl={equipmentApi.exportUrl}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toQuery={toQuery}
        toolbar={
          <Space wrap>
            {can('equipment.import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/equipment/import')}>
                {t('equipment.import')}
              </Button>
            )}
            {can('equipment.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('equipment.create')}
              </Button>
            )}
          </Space>
        }
        filters={
          <>
            <Form.Item name="q" label={t('equipment.q')}>
              <Input allowClear placeholder={t('equipment.qPlaceholder')} style={{ width: 240, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="category" label={t('equipment.category')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={categories.topOptions} loading={categories.loading} />
            </Form.Item>
            <Form.Item name="status" label={t('equipment.status')}>
              <Select allowClear style={{ width: 120 }} options={statusOptions} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('equipment.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} loading={regions.loading} />
            </Form.Item>
            <Form.Item name="userUscc" label={t('equipment.userName')}>
              <Input allowClear placeholder={t('equipment.userUsccPlaceholder')} style={{ width: 220, maxWidth: '100%' }} maxLength={24} />
            </Form.Item>
            <Form.Item name="keyUnitKind" label={t('equipment.keyUnitKind')}>
              <Select allowClear style={{ width: 140 }} options={keyUnitKindOptions} />
            </Form.Item>
            <Form.Item name="dueWithin" label={t('equipment.dueWithin')}>
              <InputNumber min={0} max={3650} precision={0} addonAfter={t('equipment.dueWithinAddon')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked">
              <Checkbox>{t('equipment.overdueOnly')}</Checkbox>
            </Form.Item>
          </>
        }
      />
      <UnitFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(unit) => {
          void message.success(t('equipment.created'));
          setReloadToken((n) => n + 1);
          navigate(unitPath(unit.id));
        }}
      />
    </>
  );
}
