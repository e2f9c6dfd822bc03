import { Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { eqApi, type Operator } from './equipmentSafety.api';
import { operatorPath, today } from './labels';
import { OperatorFormModal } from './OperatorFormModal';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

/** 作业人员: operators with masked ID numbers and their certificates. */
export function OperatorListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const workItems = useWorkItems();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Operator> = [
    { title: t('eqs.opName'), dataIndex: 'name', render: (v: string, o) => <Link to={operatorPath(o.id)}>{v}</Link> },
    { title: t('eqs.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span style={{ fontFamily: 'monospace' }} data-testid="masked-id">{v}</span> },
    { title: t('eqs.employer'), dataIndex: 'employerUscc', render: (v: string, o) => o.employerName ?? v, responsive: ['md'] },
    {
      title: t('eqs.certificates'),
      key: 'certs',
      render: (_, o) => (
        <Space size={[4, 4]} wrap>
          {o.certificates.map((c) => (
            <Tag key={c.id} color={c.revokedOn ? 'default' : c.expiresOn < today() ? 'red' : 'blue'} title={`${c.certificateNo} · ${formatDate(c.expiresOn)}`}>
              {workItems.nameOf(c.workItem)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Operator, Record<string, unknown>>
        title={t('eqs.menuOperators')}
        fetch={eqApi.operators}
        columns={columns}
        rowKey="id"
        filters={
          <>
            <Form.Item name="q" label={t('eqs.opSearch')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="employerUscc" label={t('eqs.employerUscc')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="workItem" label={t('eqs.workItem')}>
              <Select allowClear showSearch optionFilterProp="label" options={workItems.options} style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Space wrap>
            <Button onClick={() => navigate('/equipment/operators/expiring')}>{t('eqs.expiringTitle')}</Button>
            {can('equipment.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('eqs.opCreate')}
              </Button>
            )}
          </Space>
        }
      />
      <OperatorFormModal open={creating} onClose={() => setCreating(false)} onSaved={(o) => navigate(operatorPath(o.id))} />
    </>
  );
}
