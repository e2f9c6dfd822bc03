import { Alert, App, Button, Flex, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../enterprises';
import './equipment.pages.i18n';
import { equipmentApi, type Unit } from './equipment.api';
import { useUnitColumns } from './equipmentColumns';
import { unitPath } from './equipmentLabels';
import { UnitFormModal } from './UnitFormModal';

const PAGE_SIZE = 20;

/** The enterprise page's 特种设备 tab: the units it uses, with their flags, and how many are overdue. */
export function EnterpriseEquipmentTab({ enterprise }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const columns = useUnitColumns({ withUser: false });
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const uscc = enterprise.uscc;
  const { data, loading } = useAsync(
    () => Promise.all([equipmentApi.list({ userUscc: uscc, page, pageSize: PAGE_SIZE }), equipmentApi.list({ userUscc: uscc, overdue: true, pageSize: 1 })]),
    `${uscc}/${page}`,
  );
  const [units, overdue] = data ?? [];

  return (
    <>
      {!!overdue?.total && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="equipment-overdue"
          message={t('equipment.enterpriseTab.overdueAlert', { count: overdue.total })}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('equipment.enterpriseTab.summary', { total: units?.total ?? 0 })}</Typography.Text>
        {can('equipment.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('equipment.create')}
          </Button>
        )}
      </Flex>
      <Table<Unit>
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={units?.items}
        loading={loading}
        data-testid="enterprise-equipment"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: units?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      />
      <UnitFormModal
        open={creating}
        userUscc={uscc}
        regionCode={enterprise.regionCode}
        onClose={() => setCreating(false)}
        onSaved={(unit) => {
          void message.success(t('equipment.created'));
          navigate(unitPath(unit.id));
        }}
      />
    </>
  );
}
