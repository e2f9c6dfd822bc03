/** 移送 tab: the transfers with their package, receipt, the receiving organ's decision and follow-ups. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { FormModal } from '../../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { labelled } from '../../../app/i18n/punctuation';
import { casesApi, type Transfer } from '../cases.api';
import { explained, Text } from '../labels';
import { day, Failed, key, type TabProps } from './tabShared';

type TransferDialog = { kind: 'receipt' | 'decision' | 'followUp'; transfer: Transfer } | null;

/** 移送: the transfers with their package (download, manifest with SHA-256), receipt, the organ's decision and follow-ups. */
export function TransfersTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, error, loading, reload } = useAsync(() => casesApi.transfers(c.id), key(c));
  const [dialog, setDialog] = useState<TransferDialog>(null);
  const writable = can('case.write');
  const today = todayInChina();

  const submit = async (v: Record<string, unknown>) => {
    if (!dialog) return;
    const id = dialog.transfer.id;
    try {
      if (dialog.kind === 'receipt') await casesApi.receipt(id, { receiptNo: String(v.receiptNo).trim(), receiptOn: day(v.receiptOn)! });
      else if (dialog.kind === 'decision')
        await casesApi.policeDecision(id, { decision: v.decision as 'accepted' | 'not_accepted', decisionOn: day(v.decisionOn)!, reason: (v.reason as string | undefined)?.trim() || undefined });
      else await casesApi.followUp(id, { on: day(v.on)!, note: String(v.note).trim() });
    } catch (err) {
      throw explained(err, t);
    }
    reload();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {allowed('transfer') && (
        <Button danger onClick={() => run('transfer')} data-testid="tab-transfer">
          {t('cases.actions.transfer')}
        </Button>
      )}
      <Failed error={error} />
      {loading && !data ? (
        <Card loading />
      ) : !data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noTransfers')} />
      ) : (
        data.items.map((x) => (
          <Card
            key={x.id}
            size="small"
            data-testid="case-transfer"
            title={`${formatDate(x.transferredOn)} · ${x.receivingOrgan}`}
            extra={
              <Tag color={x.decision === 'accepted' ? 'green' : x.decision === 'not_accepted' ? 'default' : 'gold'}>
                {x.decision ? t(`cases.policeDecisions.${x.decision}`) : t('cases.pending')}
              </Tag>
            }
          >
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                ...(x.documentNo ? [{ key: 'no', label: t('cases.transferDocumentNo'), children: x.documentNo }] : []),
                ...(x.suspectedCrime ? [{ key: 'crime', label: t('cases.suspectedCrime'), children: x.suspectedCrime }] : []),
                { key: 'reason', label: t('cases.transferReason'), span: 'filled' as const, children: <Text>{x.reason}</Text> },
                { key: 'receipt', label: t('cases.receipt'), children: x.receiptNo ? `${x.receiptNo} · ${formatDate(x.receiptOn)}` : t('common.none') },
                ...(x.decision ? [{ key: 'decision', label: t('cases.policeDecision'), children: [formatDate(x.decisionOn), x.decisionReason].filter(Boolean).join(' · ') }] : []),
                {
                  key: 'sha',
                  label: t('cases.packageSha256'),
                  span: 'filled' as const,
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                      {x.packageSha256}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Space wrap style={{ margin: '8px 0' }}>
              <Button icon={<DownloadOutlined />} href={casesApi.packageUrl(x.id)} data-testid="download-package">
                {t('cases.downloadPackage')}
              </Button>
              {writable && !x.receiptNo && <Button onClick={() => setDialog({ kind: 'receipt', transfer: x })}>{t('cases.recordReceipt')}</Button>}
              {writable && !x.decision && <Button onClick={() => setDialog({ kind: 'decision', transfer: x })}>{t('cases.recordDecision')}</Button>}
              {writable && <Button onClick={() => setDialog({ kind: 'followUp', transfer: x })}>{t('cases.addFollowUp')}</Button>}
            </Space>
            <Table
              size="small"
              rowKey="path"
              title={() => t('cases.manifest')}
              dataSource={x.manifest}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: 'path', dataIndex: 'path' },
                { title: t('cases.description'), dataIndex: 'description', responsive: ['md'] },
                { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
              ]}
            />
            {x.followUps.length > 0 && (
              <Timeline
                style={{ marginTop: 12 }}
                items={x.followUps.map((f, i) => ({ key: i, children: labelled(t, `${formatDate(f.on)} ${f.byName}`, f.note) }))}
              />
            )}
          </Card>
        ))
      )}
      <FormModal<Record<string, unknown>>
        open={dialog !== null}
        title={dialog?.kind === 'receipt' ? t('cases.recordReceipt') : dialog?.kind === 'decision' ? t('cases.recordDecision') : t('cases.addFollowUp')}
        initialValues={dialog?.kind === 'receipt' ? { receiptOn: today } : dialog?.kind === 'decision' ? { decisionOn: today, decision: 'accepted' } : { on: today }}
        onClose={() => setDialog(null)}
        onSubmit={submit}
      >
        {(form) =>
          dialog?.kind === 'receipt' ? (
            <>
              <Form.Item name="receiptNo" label={t('cases.receiptNo')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.receiptNo') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="receiptOn" label={t('cases.receiptOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.receiptOn') }) }]}>
                <DatePicker disabledDate={isAfterToday} />
              </Form.Item>
            </>
          ) : dialog?.kind === 'decision' ? (
            <DecisionFields form={form} />
          ) : (
            <>
              <Form.Item name="on" label={t('cases.followUpOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.followUpOn') }) }]}>
                <DatePicker disabledDate={isAfterToday} />
              </Form.Item>
              <Form.Item name="note" label={t('cases.followUpNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.followUpNote') }) }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )
        }
      </FormModal>
    </Space>
  );
}

function DecisionFields({ form }: { form: Parameters<typeof Form.useWatch>[1] }) {
  const { t } = useTranslation();
  const decision = Form.useWatch('decision', form as never) as string | undefined;
  return (
    <>
      <Form.Item name="decision" label={t('cases.policeDecision')} extra={t('cases.notAcceptedHint')}>
        <Radio.Group>
          <Radio value="accepted">{t('cases.policeDecisions.accepted')}</Radio>
          <Radio value="not_accepted">{t('cases.policeDecisions.not_accepted')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="decisionOn" label={t('cases.decisionOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.decisionOn') }) }]}>
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
      {decision === 'not_accepted' && (
        <Form.Item name="reason" label={t('cases.decisionReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.decisionReason') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
    </>
  );
}
