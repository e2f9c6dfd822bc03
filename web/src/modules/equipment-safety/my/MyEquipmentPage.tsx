import { AlertOutlined, ApartmentOutlined, FileSearchOutlined, FireOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import { SelfList } from '../../enterprise-self';
import { useCategoryName } from '../useCategoryName';
import { eqApi } from '../equipmentSafety.api';
import { UnitFlags } from '../labels';
import '../equipmentSafety.pages.i18n';

const ENTRIES: { to: string; label: string; icon: ReactNode }[] = [
  { to: '/my/equipment/self-inspection', label: 'eqs.mySelfInspection', icon: <FileSearchOutlined /> },
  { to: '/my/equipment/hazards', label: 'eqs.myHazards', icon: <AlertOutlined /> },
  { to: '/my/equipment/operators', label: 'eqs.myOperators', icon: <TeamOutlined /> },
  { to: '/my/equipment/emergency', label: 'eqs.myEmergency', icon: <FireOutlined /> },
  { to: '/my/equipment/tier', label: 'eqs.myTier', icon: <ApartmentOutlined /> },
];

/** 特种设备 (企业端): the enterprise's own units, overdue and failed ones flagged, and its equipment-safety services. */
export function MyEquipmentPage() {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  return (
    <SelfList
      title={t('eqs.myMenu')}
      testId="my-equipment"
      intro={
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Row gutter={[8, 8]}>
            {ENTRIES.map((e) => (
              <Col xs={12} sm={8} md={Math.floor(24 / ENTRIES.length) || 4} key={e.to} flex="auto">
                <Link to={e.to} data-testid={`my-eq-${e.to.split('/').pop()}`}>
                  <Card size="small" hoverable style={{ height: '100%', textAlign: 'center' }} styles={{ body: { padding: 8 } }}>
                    <div style={{ fontSize: 20, color: '#0b5cad' }}>{e.icon}</div>
                    <Typography.Text>{t(e.label)}</Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      }
      load={(page) => eqApi.units(page)}
      rowKey={(u) => u.id}
      linkOf={(u) => `/my/equipment/units/${u.id}`}
      rowTestId="my-unit"
      row={(u) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <Typography.Text strong>{categoryName(u)}</Typography.Text>
            <Tag>{t(`eqs.status.${u.status}`)}</Tag>
            <UnitFlags unit={u} />
          </Space>
          <Typography.Text>
            {u.equipmentCode}
            {u.registrationNo ? ` · ${u.registrationNo}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('eqs.nextDue')} {formatDate(u.nextInspectionDue)}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
