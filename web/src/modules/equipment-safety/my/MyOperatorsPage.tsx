import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { SelfList } from '../../enterprise-self';
import { eqApi } from '../equipmentSafety.api';
import { today } from '../labels';
import { useWorkItems } from '../useWorkItems';
import '../equipmentSafety.pages.i18n';

/** 作业人员 (企业端): the enterprise's operators, ID numbers masked, with their certificates. */
export function MyOperatorsPage() {
  const { t } = useTranslation();
  const workItems = useWorkItems();
  return (
    <SelfList
      title={t('eqs.myOperators')}
      testId="my-operators"
      load={(page) => eqApi.operators(page)}
      rowKey={(o) => o.id}
      rowTestId="my-operator"
      row={(o) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <Typography.Text strong>{o.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{o.idNumber}</Typography.Text>
          </Space>
          {o.certificates.map((c) => (
            <Typography.Text key={c.id} style={{ fontSize: 12 }}>
              <Tag color={c.revokedOn ? 'default' : c.expiresOn < today() ? 'red' : 'blue'}>{workItems.nameOf(c.workItem)}</Tag>
              {c.certificateNo} · {t('eqs.expiresOn')} {formatDate(c.expiresOn)}
            </Typography.Text>
          ))}
        </Space>
      )}
    />
  );
}
