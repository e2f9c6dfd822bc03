import { AuditOutlined, FileProtectOutlined, NodeIndexOutlined, NotificationOutlined, SafetyCertificateOutlined, ShopOutlined, ToolOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSessionUser } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import { TodoList } from '../todos';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import './enterpriseSelf.pages.i18n';

const ENTRIES: { to: string; label: string; desc: string; icon: ReactNode }[] = [
  { to: '/my/enterprise', label: 'entSelf.menuEnterprise', desc: 'entSelf.descEnterprise', icon: <ShopOutlined /> },
  { to: '/my/licences', label: 'entSelf.menuLicences', desc: 'entSelf.descLicences', icon: <FileProtectOutlined /> },
  { to: '/my/inspections', label: 'entSelf.menuInspections', desc: 'entSelf.descInspections', icon: <AuditOutlined /> },
  { to: '/my/commitments', label: 'entSelf.menuCommitments', desc: 'entSelf.descCommitments', icon: <SafetyCertificateOutlined /> },
  { to: '/my/draws', label: 'entSelf.menuDraws', desc: 'entSelf.descDraws', icon: <NodeIndexOutlined /> },
  // the special-equipment module's pages (issue 16), strings from its own messages
  { to: '/my/equipment', label: 'eqs.myMenu', desc: 'eqs.myMenuDesc', icon: <ToolOutlined /> },
  // the complaints addressed to the enterprise for mediation (issue 17), strings from complaints-public's messages
  { to: '/my/complaints', label: 'complaintsPublic.menuMy', desc: 'complaintsPublic.myDesc', icon: <NotificationOutlined /> },
];

/** 企业服务: the home page of an enterprise's account — its enterprise, its to-dos and its own records. */
export function EnterpriseHomePage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { data: enterprise } = useAsync(() => enterpriseSelfApi.enterprise());

  return (
    <div style={{ maxWidth: 820, margin: '0 auto' }} data-testid="enterprise-home">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Typography.Text type="secondary">{t('entSelf.home')}</Typography.Text>
          <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="enterprise-home-name">
            {enterprise?.name ?? '…'}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('entSelf.uscc')}{t('common.colon')}<Typography.Text copyable>{user.enterpriseUscc}</Typography.Text>
          </Typography.Text>
          <Typography.Paragraph style={{ margin: '8px 0 0' }}>{t('entSelf.welcome', { name: user.displayName })}</Typography.Paragraph>
        </Card>
        <TodoList />
        <Card title={t('entSelf.services')} styles={{ body: { padding: 12 } }}>
          <Row gutter={[12, 12]}>
            {ENTRIES.map((e) => (
              <Col xs={12} sm={8} key={e.to}>
                <Link to={e.to} data-testid={`self-entry-${e.to.slice(4)}`}>
                  <Card size="small" hoverable style={{ height: '100%' }}>
                    <Space direction="vertical" size={2}>
                      <span style={{ fontSize: 22, color: '#0b5cad' }}>{e.icon}</span>
                      <Typography.Text strong>{t(e.label)}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(e.desc)}
                      </Typography.Text>
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      </Space>
    </div>
  );
}
