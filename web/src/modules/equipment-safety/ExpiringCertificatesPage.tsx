import type { TableColumnsType } from 'antd';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { eqApi, type ExpiringCertificate } from './equipmentSafety.api';
import { operatorPath } from './labels';
import './equipmentSafety.pages.i18n';

/** Certificates that expire within 90 days (soonest first), to remind their holders of the renewal. */
export function ExpiringCertificatesPage() {
  const { t } = useTranslation();
  const columns: TableColumnsType<ExpiringCertificate> = [
    { title: t('eqs.expiresOn'), dataIndex: 'expiresOn', render: (v: string, c) => `${formatDate(v)}（${t('eqs.daysLeft', { count: c.daysLeft })}）` },
    { title: t('eqs.opName'), dataIndex: 'operatorName', render: (v: string, c) => <Link to={operatorPath(c.operatorId)}>{v}</Link> },
    { title: t('eqs.idNumber'), dataIndex: 'idNumber', responsive: ['lg'] },
    { title: t('eqs.workItem'), dataIndex: 'workItem', render: (v: string, c) => `${v} ${c.workItemName}` },
    { title: t('eqs.certificateNo'), dataIndex: 'certificateNo', responsive: ['md'] },
    { title: t('eqs.employer'), dataIndex: 'employerName', render: (v: string | null, c) => v ?? c.employerUscc, responsive: ['md'] },
  ];
  return (
    <ListPage<ExpiringCertificate, Record<string, unknown>>
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
