import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfList } from './SelfList';

export const LICENCE_STATE_COLORS: Record<string, string> = { normal: 'green', warning: 'orange', changeOrdered: 'gold', suspended: 'volcano', revoked: 'red', cancelled: 'default', withdrawn: 'red', expired: 'default' };

/** 许可证: the enterprise's own licences, as cards (phone first). */
export function MyLicencesPage() {
  const { t } = useTranslation();
  return (
    <SelfList
      title={t('entSelf.menuLicences')}
      testId="my-licences"
      load={enterpriseSelfApi.licences}
      rowKey={(l) => l.id}
      linkOf={(l) => `/my/licences/${l.id}`}
      row={(l) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <Typography.Text strong>{l.typeName}</Typography.Text>
            <Tag color={LICENCE_STATE_COLORS[l.state]}>{t(`licenceState.${l.state}`)}</Tag>
          </Space>
          <Typography.Text>{l.number}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entSelf.expiresOn')} {formatDate(l.expiresOn)}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
