import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { useLicenceColumns } from './licenceColumns';
import { LicenceFormModal } from './LicenceFormModal';
import { useLicenceStateOptions } from './licenceLabels';
import { licencesApi, type Licence, type LicenceQuery } from './licences.api';
import { useLicenceTypes } from './useLicenceTypes';

function toQuery({ expiringBefore, uscc, ...rest }: FilterValues): Partial<LicenceQuery> {
  return {
    ...(rest as Partial<LicenceQuery>),
    expiringBefore: (expiringBefore as Dayjs | undefined)?.format('YYYY-MM-DD'),
    uscc: (uscc as string | undefined)?.replace(/\s/g, '').toUpperCase(),
  };
}

/** All licences in the user's scope, soonest expiry first. */
export function LicenceListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const regions = useRegions();
  const types = useLicenceTypes();
  const stateOptions = useLicenceStateOptions();
  const columns = useLicenceColumns({ withHolder: true });
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <ListPage<Licence, LicenceQuery>
        title={t('licences.title')}
        fetch={licencesApi.list}
        exportUrl={can('licence.export') ? licencesApi.exportUrl : undefined}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toQuery={toQuery}
        toolbar={
          can('licence.write') && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/licences/import')}>
                {t('files.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('licences.create')}
              </Button>
            </Space>
          )
        }
        filters={
          <>
            <Form.Item name="type" label={t('licences.type')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} options={types.options} />
            </Form.Item>
            <Form.Item name="state" label={t('common.status')}>
              <Select allowClear style={{ width: 200 }} options={stateOptions} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('licences.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
            </Form.Item>
            <Form.Item name="expiringBefore" label={t('licences.expiringBefore')}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="uscc" label={t('enterprises.uscc')}>
              <Input allowClear style={{ width: 220 }} />
            </Form.Item>
          </>
        }
      />
      <LicenceFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          void message.success(t('common.created'));
          setReloadToken((n) => n + 1);
        }}
      />
    </>
  );
}
