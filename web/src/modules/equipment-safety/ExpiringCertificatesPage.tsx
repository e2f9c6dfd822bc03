import type { TableColumnsType } from 'antd';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { eqApi, type Certificate } from './equipmentSafety.api';
import { operatorPath } from './labels';
import { useWorkItems } from './useWorkItems';

/** Certificates that expire within 90 days (soonest first), to remind their holders of the renewal. */
export function ExpiringCertificatesPage() {
  const { t } = useTranslation();
  const workItems = useWorkItems();
  const columns: TableColumnsType<Certificate> = [
    { title: t('eqs.expiresOn'), dataIndex: 'expiresOn', render: (v: string) => formatDate(v) },
    { title: t('eqs.opName'), dataIndex: 'operatorName', render: (v: string | undefined, c) => (c.operatorId ? <Link to={operatorPath(c.operatorId)}>{v ?? c.operatorId}</Link> : v) },
    { title: t('eqs.workItem'), dataIndex: 'workItem', render: (v: string) => workItems.nameOf(v) },
    { title: t('eqs.certificateNo'), dataIndex: 'certificateNo', responsive: ['md'] },
    { title: t('eqs.employer'), dataIndex: 'employerName', render: (v: string | undefined, c) => v ?? c.employerUscc, responsive: ['md'] },
  ];
  return (
    <ListPage<Certificate, Record<string, unknown>>
      title={t('eqs.expiringTitle')}
      fetch={eqApi.expiring}
      columns={columns}
      rowKey="id"
      filters={
        <Form.Item name="employerUscc" label={t('eqs.employerUscc')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
      }
    />
  );
}
