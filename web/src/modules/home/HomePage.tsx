import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useSessionUser } from '../../app/auth/AuthContext';
import { NextYearHolidaysAlert } from '../calendar';
import { useRegions } from '../regions';
import { roleLabel } from '../roles';
import { TodoList } from '../todos';
import { slotItems } from '../../app/modules/webModule';
import { homeVariants } from './homeSlot';

export function HomePage() {
  const user = useSessionUser();
  const Variant = slotItems(homeVariants).find((v) => v.applies(user))?.component;
  return Variant ? <Variant /> : <StaffHomePage />;
}

function StaffHomePage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { nameOf } = useRegions();
  const { can } = useAuth();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {can('calendar.write') && <NextYearHolidaysAlert />}
      <TodoList />
      <Card data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions column={1} bordered size="middle" style={{ maxWidth: 720 }}>
          <Descriptions.Item label={t('home.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.org')}>{user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('home.region')}>
            {nameOf(user.regionCode)}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {user.regionCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            <Space wrap size={[4, 4]}>
              {user.roles.map((r) => (
                <Tag color="blue" key={r}>
                  {roleLabel(t, r)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.dataScope')}>{t(`dataScope.${user.dataScope}`)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
