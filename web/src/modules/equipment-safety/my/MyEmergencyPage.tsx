import { Button, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate } from '../../../app/format';
import { SelfList } from '../../enterprise-self';
import { EmergencyFiles, EmergencyFormModal } from '../EmergencyForm';
import { eqApi } from '../equipmentSafety.api';
import '../equipmentSafety.pages.i18n';

/** 应急预案与演练 (企业端): the enterprise's plans and drill records, with their files; it adds its own. */
export function MyEmergencyPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [adding, setAdding] = useState(false);
  const [token, setToken] = useState(0);
  return (
    <>
      <SelfList
        key={token}
        title={t('eqs.myEmergency')}
        testId="my-emergency"
        intro={
          can('enterprise_self.report') && (
            <Button type="primary" icon={<PlusOutlined />} block onClick={() => setAdding(true)}>
              {t('eqs.emergencyCreate')}
            </Button>
          )
        }
        load={(page) => eqApi.emergency(page)}
        rowKey={(r) => r.id}
        row={(r) => (
          <Space direction="vertical" size={2}>
            <Space wrap size={4}>
              <Tag color={r.kind === 'plan' ? 'blue' : 'purple'}>{t(`eqs.emergency.${r.kind}`)}</Tag>
              <Typography.Text strong>{r.title}</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(r.on)}
              {r.participants ? ` · ${t('eqs.participantsN', { count: r.participants })}` : ''}
            </Typography.Text>
            <EmergencyFiles record={r} />
          </Space>
        )}
      />
      <EmergencyFormModal open={adding} askUscc={false} onClose={() => setAdding(false)} onSaved={() => setToken((n) => n + 1)} />
    </>
  );
}
