/** The tabs of a case's page below its header: each loads its own data when opened (and again after an action). */
import { DownloadOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Radio, Space, Table, Tag, Timeline, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { labelled, listOf } from '../../app/i18n/punctuation';
import { casesApi, DOCUMENT_KINDS, type Case, type CaseAction, type Evidence, type PartyTask, type PartyWithTasks, type Transfer } from './cases.api';
import { DueDate, explained, Text } from './labels';

export interface TabProps {
  c: Case;
  /** Opens an action's dialog. */
  run: (a: CaseAction) => void;
  allowed: (a: CaseAction) => boolean;
}

const MAX_BYTES = 20 * 1024 * 1024;
const key = (c: Case) => `${c.id}:${c.version}`;
const day = (v: unknown) => (v && typeof v === 'object' && 'format' in v ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : undefined);

function Failed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  if (!error) return null;
  return (
    <Typography.Text type="danger" onClick={() => notifyError(error)}>
      {(error as Error).message || t('errors.loadFailed')}
    </Typography.Text>
  );
}

/** 证据: the list (every party's), each with its attachments and an upload; add evidence (the add_evidence action). */
export function EvidenceTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const notifyError = useNotifyError();
  const { data, error, loading, reload } = useAsync(() => casesApi.evidence(c.id), key(c));
  const [uploading, setUploading] = useState<string | null>(null);
  const writable = can('case.write') && !['declined', 'closed'].includes(c.stage);

  const upload = async (e: Evidence, file: File) => {
    if (file.size > MAX_BYTES) return void message.error(t('cases.fileTooBig', { name: file.name }));
    setUploading(e.id);
    try {
      await casesApi.uploadEvidenceFile(c.id, e.id, file);
      void message.success(t('cases.uploaded', { name: file.name }));
      reload();
    } catch (err) {
      notifyError(explained(err, t));
    } finally {
      setUploading(null);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {allowed('add_evidence') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => run('add_evidence')} data-testid="action-add_evidence">
          {t('cases.addEvidence')}
        </Button>
      )}
      <Failed error={error} />
      <List<Evidence>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noEvidence')} /> }}
        data-testid="case-evidence"
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color="blue">{t(`cases.evidenceKinds.${e.kind}`, { defaultValue: e.kind })}</Tag>
                <Typography.Text strong>{e.title}</Typography.Text>
                <Typography.Text type="secondary">{[formatDate(e.collectedOn), e.place].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {labelled(t, t('cases.officers'), listOf(t, e.officerNames))} · {labelled(t, t('cases.producedBy'), e.producedByName)}
              </Typography.Text>
              {e.interviewee && (
                <span>{labelled(t, t('cases.interviewee'), e.interviewee)}</span>
              )}
              {(e.measureStartOn || e.measureEndOn) && (
                <span>
                  {formatDate(e.measureStartOn)} – <DueDate dueOn={e.measureEndOn} done={!!e.measureReleasedOn || c.stage === 'closed'} />
                </span>
              )}
              {e.description && <Text>{e.description}</Text>}
              {e.content && (
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {e.content}
                </Typography.Paragraph>
              )}
              <Space wrap>
                {(e.files ?? []).map((f) => (
                  <a key={f.id} href={casesApi.fileUrl(c.id, f.id)} download={f.fileName} title={`SHA-256 ${f.sha256}`}>
                    <PaperClipOutlined /> {f.fileName}
                  </a>
                ))}
                {e.kind === 'inquiry' && (
                  <a href={casesApi.documentUrl(c.id, 'inquiry_record', e.id)} download>
                    <DownloadOutlined /> {t('cases.inquiryDocument')}
                  </a>
                )}
                {writable && (
                  <Upload
                    showUploadList={false}
                    accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf,.doc,.docx,.mp3,.mp4"
                    beforeUpload={(file) => {
                      void upload(e, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={uploading === e.id} data-testid="evidence-upload">
                      {t('cases.upload')}
                    </Button>
                  </Upload>
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 时间线: every action, oldest first. */
export function TimelineTab({ c }: TabProps) {
  const { t } = useTranslation();
  const { data, error, loading } = useAsync(() => casesApi.events(c.id), key(c));
  if (loading && !data) return <Card loading />;
  if (error) return <Failed error={error} />;
  const items = data?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noEvents')} />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={items.map((e) => ({
        key: e.id,
        color: e.action === 'decline' || e.action === 'transfer' ? 'red' : e.action === 'close' || e.action === 'decide' ? 'green' : 'blue',
        children: (
          <Space direction="vertical" size={0}>
            <Space size={8} wrap>
              <Typography.Text strong>{t(`cases.events.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              {e.toStage && e.toStage !== e.fromStage && <Tag>{t(`cases.stages.${e.toStage}`)}</Tag>}
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              {e.actorName && <Typography.Text type="secondary">{[e.actorName, e.orgName].filter(Boolean).join(' · ')}</Typography.Text>}
            </Space>
            {e.note && <Text>{e.note}</Text>}
          </Space>
        ),
      }))}
    />
  );
}

const DOC_STAGE: Record<(typeof DOCUMENT_KINDS)[number], (c: Case) => boolean> = {
  filing_approval: (c) => !!c.openedOn,
  inquiry_record: () => false,
  penalty_notice: (c) => !!c.notifiedOn,
  penalty_decision: (c) => !!c.decidedOn,
  closing_report: (c) => !!c.closedOn,
};

/** 文书: the five documents (.docx), each once the case reached its stage (inquiry records per inquiry, on the evidence tab). */
export function DocumentsTab({ c }: TabProps) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('cases.documentsHint')}</Typography.Text>
      <List
        data-testid="case-documents"
        dataSource={DOCUMENT_KINDS}
        renderItem={(k) => {
          const ready = DOC_STAGE[k](c);
          return (
            <List.Item
              extra={
                ready ? (
                  <Button icon={<DownloadOutlined />} href={casesApi.documentUrl(c.id, k)} data-testid={`document-${k}`}>
                    {t('cases.download')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t(`cases.documentStage.${k}`)}</Typography.Text>
                )
              }
            >
              {t(`cases.documents.${k}`)}
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

/** 联办: the bureaus sharing the case with their tasks; the lead party assigns tasks, a party marks its own done. */
export function PartiesTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, error, loading, reload } = useAsync(() => casesApi.parties(c.id), key(c));
  const [assigning, setAssigning] = useState<string | null>(null);
  const [finishing, setFinishing] = useState<PartyTask | null>(null);
  const parties: PartyWithTasks[] = data?.items ?? [];
  // `own`: the caller's bureau is that party
  const isLead = parties.some((p) => p.role === 'lead' && p.own);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {allowed('add_party') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => run('add_party')} data-testid="action-add_party">
          {t('cases.actions.add_party')}
        </Button>
      )}
      <Failed error={error} />
      <List
        loading={loading}
        dataSource={parties}
        data-testid="case-parties"
        renderItem={(p) => (
          <List.Item key={p.id}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={p.role === 'lead' ? 'blue' : 'default'}>{t(`cases.partyRoles.${p.role}`)}</Tag>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.externalRegion && <Typography.Text type="secondary">{p.externalRegion}</Typography.Text>}
                {p.contact && <Typography.Text type="secondary">{labelled(t, t('cases.contact'), p.contact)}</Typography.Text>}
                {isLead && can('case.write') && p.role !== 'lead' && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAssigning(p.id)}>
                    {t('cases.addTask')}
                  </Button>
                )}
              </Space>
              {p.tasks.length > 0 ? (
                <List
                  size="small"
                  dataSource={p.tasks}
                  renderItem={(task) => (
                    <List.Item
                      extra={
                        task.doneOn ? (
                          <Tag color="green">{t('cases.taskDoneOn', { date: formatDate(task.doneOn) })}</Tag>
                        ) : p.own && can('case.write') ? (
                          <Button size="small" onClick={() => setFinishing(task)}>
                            {t('cases.taskDone')}
                          </Button>
                        ) : null
                      }
                    >
                      <Space direction="vertical" size={0}>
                        <span>{task.title}</span>
                        {task.dueOn && !task.doneOn && <DueDate dueOn={task.dueOn} />}
                        {task.doneNote && <Typography.Text type="secondary">{task.doneNote}</Typography.Text>}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                p.role !== 'lead' && <Typography.Text type="secondary">{t('cases.noTasks')}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <FormModal<{ title: string; dueOn?: unknown }>
        open={assigning !== null}
        title={t('cases.addTask')}
        onClose={() => setAssigning(null)}
        onSubmit={async (v) => {
          try {
            await casesApi.addTask(c.id, assigning!, { title: v.title.trim(), dueOn: day(v.dueOn) });
          } catch (err) {
            throw explained(err, t);
          }
          reload();
        }}
      >
        <Form.Item name="title" label={t('cases.taskTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.taskTitle') }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('cases.taskDueOn')}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal<{ note?: string }>
        open={finishing !== null}
        title={t('cases.taskDone')}
        onClose={() => setFinishing(null)}
        onSubmit={async (v) => {
          try {
            await casesApi.taskDone(finishing!.id, { note: v.note?.trim() || undefined });
          } catch (err) {
            throw explained(err, t);
          }
          reload();
        }}
      >
        <Form.Item name="note" label={t('cases.taskDoneNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

/** 督办: the supervision and its reporting dates with the county's reports. */
export function SupervisionTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { data, error, loading } = useAsync(() => (c.supervised || c.supervision ? casesApi.supervision(c.id) : Promise.resolve({ supervision: null, reports: [] })), key(c));
  const s = data?.supervision;
  const columns: TableColumnsType<NonNullable<typeof data>['reports'][number]> = [
    { title: t('cases.reportDueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (v: string, r) => <DueDate dueOn={v} done={!!r.reportedOn} /> },
    { title: t('cases.reportedOn'), dataIndex: 'reportedOn', className: 'zj-nowrap', render: (v: string | null, r) => (v ? formatDate(v) : r.flaggedAt ? <Tag color="red">{t('cases.reportFlagged')}</Tag> : t('common.none')) },
    { title: t('cases.reportContent'), dataIndex: 'content', render: (v: string | null) => <Text>{v}</Text> },
    { title: t('cases.reportedBy'), dataIndex: 'reportedByName', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {allowed('supervise') && !s && (
          <Button type="primary" onClick={() => run('supervise')} data-testid="tab-supervise">
            {t('cases.actions.supervise')}
          </Button>
        )}
        {allowed('report_progress') && (
          <Button type="primary" onClick={() => run('report_progress')} data-testid="action-report_progress">
            {t('cases.actions.report_progress')}
          </Button>
        )}
      </Space>
      <Failed error={error} />
      {loading && !data ? (
        <Card loading />
      ) : !s ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notSupervised')} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="case-supervision"
            items={[
              { key: 'org', label: t('cases.supervisingOrg'), children: s.supervisingOrgName ?? t('common.none') },
              { key: 'on', label: t('cases.supervisionStartedOn'), children: [formatDate(s.startedOn), s.startedByName].filter(Boolean).join(' · ') },
              ...(s.documentNo ? [{ key: 'no', label: t('cases.supervisionDocumentNo'), children: s.documentNo }] : []),
              { key: 'reason', label: t('cases.supervisionReason'), span: 'filled' as const, children: <Text>{s.reason}</Text> },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.reports')}
          </Typography.Title>
          <Table size="small" rowKey="id" columns={columns} dataSource={data?.reports ?? []} pagination={false} scroll={{ x: 'max-content' }} />
        </>
      )}
    </Space>
  );
}

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

/** 公示: the decision's publication (status, due date, period); publish when pending, early removal. */
export function PublicationTab({ c, onChanged, canWrite, canRemove }: TabProps & { onChanged: () => void; canWrite: boolean; canRemove: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'publish' | 'remove' | null>(null);
  const p = c.publication;
  const statusColor = p?.status === 'published' ? 'green' : p?.status === 'pending' ? 'gold' : 'default';
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('cases.publicationHint')}</Typography.Text>
      {!p ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notDecided')} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="case-publication"
            items={[
              { key: 'status', label: t('cases.publicationStatus'), children: <Tag color={statusColor}>{t(`cases.publicationStatuses.${p.status}`)}</Tag> },
              { key: 'due', label: t('cases.publicationDueOn'), children: <DueDate dueOn={p.dueOn} done={p.status !== 'pending'} /> },
              ...(p.publishedOn ? [{ key: 'on', label: t('cases.publishedOn'), children: formatDate(p.publishedOn) }] : []),
              ...(p.publicUntil ? [{ key: 'until', label: t('cases.publicUntil'), children: formatDate(p.publicUntil) }] : []),
            ]}
          />
          <Space wrap>
            {canWrite && p.status === 'pending' && (
              <Button type="primary" onClick={() => setDialog('publish')} data-testid="publish">
                {t('cases.publish')}
              </Button>
            )}
            {canRemove && p.status === 'published' && (
              <Button danger onClick={() => setDialog('remove')} data-testid="remove-publication">
                {t('cases.removePublication')}
              </Button>
            )}
          </Space>
        </>
      )}
      <FormModal<{ publishedOn?: unknown; reason?: string; applicationDate?: unknown }>
        open={dialog !== null}
        title={dialog === 'publish' ? t('cases.publish') : t('cases.removePublication')}
        okText={dialog === 'publish' ? t('cases.publish') : t('cases.removePublication')}
        initialValues={dialog === 'publish' ? { publishedOn: todayInChina() } : {}}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          try {
            if (dialog === 'publish') await casesApi.publish(c.id, { publishedOn: day(v.publishedOn) });
            else await casesApi.removePublication(c.id, { reason: v.reason!.trim(), applicationDate: day(v.applicationDate) });
          } catch (err) {
            throw explained(err, t);
          }
          onChanged();
        }}
      >
        {dialog === 'publish' ? (
          <Form.Item name="publishedOn" label={t('cases.publishedOn')}>
            <DatePicker disabledDate={isAfterToday} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="reason" label={t('cases.removalReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.removalReason') }) }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="applicationDate" label={t('cases.applicationDate')}>
              <DatePicker disabledDate={isAfterToday} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Space>
  );
}
