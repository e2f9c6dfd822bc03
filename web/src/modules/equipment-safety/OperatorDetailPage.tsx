import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDate, isAfterToday } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterprisePath } from '../enterprises';
import { eqApi, type Certificate, type Operator } from './equipmentSafety.api';
import { today } from './labels';
import { CertificateFields, certInput } from './OperatorFormModal';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

type Action = { kind: 'add' } | { kind: 'renew' | 'review' | 'revoke'; cert: Certificate };

/** One operator: the ID number masked (shown in full only to equipment.operator_pii, audited), the certificates and their changes. */
export function OperatorDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const workItems = useWorkItems();
  const { data, loading, error, reload } = useAsync(() => eqApi.operator(id), id);
  const [revealed, setRevealed] = useState<Operator | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const op = data;
  if (!op) return <DetailPending error={error} loading={loading} />;
  const writable = can('equipment.write');
  const shownId = revealed?.id === op.id ? revealed.idNumber : op.idNumber;

  const reveal = async () => {
    try {
      setRevealed(await eqApi.operator(op.id, true));
    } catch (err) {
      notifyError(err);
    }
  };
  const done = () => {
    void message.success(t('common.saved'));
    reload();
  };

  const columns: TableColumnsType<Certificate> = [
    { title: t('eqs.workItem'), dataIndex: 'workItem', render: (v: string) => workItems.nameOf(v) },
    { title: t('eqs.certificateNo'), dataIndex: 'certificateNo' },
    { title: t('eqs.issuedOn'), dataIndex: 'issuedOn', render: (v: string) => formatDate(v), responsive: ['md'] },
    {
      title: t('eqs.expiresOn'),
      dataIndex: 'expiresOn',
      render: (v: string, c) => (
        <Space size={4}>
          {formatDate(v)}
          {c.revokedOn ? <Tag>{t('eqs.certRevoked')}</Tag> : v < today() ? <Tag color="red">{t('eqs.certExpired')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('eqs.reviewDates'), dataIndex: 'reviewDates', render: (v: string[] | undefined) => (v?.length ? v.map((d) => formatDate(d)).join(t('common.listSeparator')) : '—'), responsive: ['lg'] },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: Certificate) =>
              c.revokedOn ? null : (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setAction({ kind: 'renew', cert: c })}>{t('eqs.certRenew')}</Button>
                  <Button type="link" size="small" onClick={() => setAction({ kind: 'review', cert: c })}>{t('eqs.certReview')}</Button>
                  <Button type="link" size="small" danger onClick={() => setAction({ kind: 'revoke', cert: c })}>{t('eqs.certRevoke')}</Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader testId="operator-detail" back={{ path: '/equipment/operators', label: t('eqs.menuOperators') }} title={op.name} subtitle={t('eqs.operatorSubtitle')} />
      <Card>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'id',
              label: t('eqs.idNumber'),
              children: (
                <Space wrap>
                  <span style={{ fontFamily: 'monospace' }} data-testid="operator-id-number">{shownId}</span>
                  {can('equipment.operator_pii') && revealed?.id !== op.id && (
                    <Popconfirm title={t('eqs.revealTitle')} description={t('eqs.revealAudited')} okText={t('eqs.reveal')} cancelText={t('common.cancel')} onConfirm={() => void reveal()}>
                      <Button size="small" icon={<EyeOutlined />}>{t('eqs.reveal')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
            { key: 'employer', label: t('eqs.employer'), children: <Link to={enterprisePath(op.employerUscc)}>{op.employerName ?? op.employerUscc}</Link> },
          ]}
        />
        {revealed?.id === op.id && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('eqs.revealedNote')} />}
      </Card>
      <Card
        title={t('eqs.certificates')}
        extra={writable && <Button icon={<PlusOutlined />} onClick={() => setAction({ kind: 'add' })}>{t('eqs.certAdd')}</Button>}
      >
        <Table<Certificate> size="middle" rowKey="id" columns={columns} dataSource={op.certificates} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <FormModal<{ workItem: string; certificateNo: string; issuedOn: Dayjs; expiresOn?: Dayjs }>
        open={action?.kind === 'add'}
        title={t('eqs.certAdd')}
        onClose={() => setAction(null)}
        onSubmit={async (v) => {
          await eqApi.addCertificate(op, certInput(v));
          done();
        }}
      >
        <CertificateFields />
      </FormModal>
      <FormModal<{ issuedOn: Dayjs; expiresOn?: Dayjs; certificateNo?: string }>
        open={action?.kind === 'renew'}
        title={t('eqs.certRenew')}
        onClose={() => setAction(null)}
        onStale={reload}
        onSubmit={async (v) => {
          if (action?.kind !== 'renew') return;
          await eqApi.renewCertificate(op, action.cert, { issuedOn: v.issuedOn.format('YYYY-MM-DD'), ...(v.expiresOn ? { expiresOn: v.expiresOn.format('YYYY-MM-DD') } : {}), ...(v.certificateNo?.trim() ? { certificateNo: v.certificateNo.trim() } : {}) });
          done();
        }}
      >
        <Form.Item name="certificateNo" label={t('eqs.certificateNoNew')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('eqs.issuedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.issuedOn') }) }]}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('eqs.expiresOn')} extra={t('eqs.expiresDefault')}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal<{ reviewedOn: Dayjs }>
        open={action?.kind === 'review'}
        title={t('eqs.certReview')}
        onClose={() => setAction(null)}
        onStale={reload}
        onSubmit={async (v) => {
          if (action?.kind !== 'review') return;
          await eqApi.reviewCertificate(op, action.cert, { reviewedOn: v.reviewedOn.format('YYYY-MM-DD') });
          done();
        }}
      >
        <Form.Item name="reviewedOn" label={t('eqs.reviewedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.reviewedOn') }) }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal<{ revokedOn: Dayjs; reason: string }>
        open={action?.kind === 'revoke'}
        title={t('eqs.certRevoke')}
        okText={t('eqs.certRevoke')}
        onClose={() => setAction(null)}
        onStale={reload}
        onSubmit={async (v) => {
          if (action?.kind !== 'revoke') return;
          await eqApi.revokeCertificate(op, action.cert, { revokedOn: v.revokedOn.format('YYYY-MM-DD'), reason: v.reason.trim() });
          done();
        }}
      >
        <Form.Item name="revokedOn" label={t('eqs.revokedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.revokedOn') }) }]}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="reason" label={t('eqs.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.reason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
