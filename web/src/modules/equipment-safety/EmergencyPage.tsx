import { Button, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { EmergencyFiles, EmergencyFormModal } from './EmergencyForm';
import { eqApi, type EmergencyRecordRow } from './equipmentSafety.api';
import './equipmentSafety.pages.i18n';

/** 应急预案与演练: plans and drill records of the user units, with their files. */
export function EmergencyPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState(0);
  const columns: TableColumnsType<EmergencyRecordRow> = [
    { title: t('eqs.emergencyOn'), dataIndex: 'on', render: (v: string) => formatDate(v) },
    { title: t('eqs.emergencyKind'), dataIndex: 'kind', render: (v: EmergencyRecordRow['kind']) => <Tag color={v === 'plan' ? 'blue' : 'purple'}>{t(`eqs.emergency.${v}`)}</Tag> },
    { title: t('eqs.emergencyTitle'), dataIndex: 'title' },
    { title: t('eqs.userName'), dataIndex: 'userName', render: (v: string | null | undefined, r) => v ?? r.userUscc, responsive: ['md'] },
    { title: t('eqs.participants'), dataIndex: 'participants', render: (v: number | null) => v ?? '—', responsive: ['lg'] },
    { title: t('eqs.attachments'), key: 'files', render: (_, r) => <EmergencyFiles record={r} /> },
  ];
  return (
    <>
      <ListPage<EmergencyRecordRow, Record<string, unknown>>
        title={t('eqs.menuEmergency')}
        fetch={eqApi.emergency}
        columns={columns}
        rowKey="id"
        reloadToken={token}
        tableProps={{ scroll: { x: 'max-content' } }}
        filters={
          <>
            <Form.Item name="userUscc" label={t('eqs.userUscc')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('eqs.emergencyKind')}>
              <Select allowClear style={{ width: 120 }} options={(['plan', 'drill'] as const).map((k) => ({ value: k, label: t(`eqs.emergency.${k}`) }))} />
            </Form.Item>
          </>
        }
        toolbar={
          can('equipment.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('eqs.emergencyCreate')}
            </Button>
          )
        }
      />
      <EmergencyFormModal open={creating} askUscc onClose={() => setCreating(false)} onSaved={() => setToken((n) => n + 1)} />
    </>
  );
}
