import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { ConclusionTag } from './labels';
import { samplesApi, type Conclusion, type FileKind, type ResultItem, type Sample } from './spotcheckSamples.api';

const ISO = 'YYYY-MM-DD';
interface Values {
  items: ResultItem[];
  conclusion: Conclusion;
  reportNo: string;
  on: Dayjs;
}

/** The items of a result (or a retest) as a table: requirement, measured value, pass/fail. */
export function ItemsTable({ items, critical }: { items: ResultItem[]; critical?: Set<string> }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <Table<ResultItem>
      size="small"
      rowKey="item"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: label('testItem'), dataIndex: 'item', render: (v: string) => (critical?.has(v) ? <Space size={4}>{v}<Tag color="red">{label('critical')}</Tag></Space> : v) },
        { title: label('requirement'), dataIndex: 'requirement' },
        { title: label('measured'), dataIndex: 'measured' },
        { title: label('itemResult'), dataIndex: 'pass', className: 'zj-nowrap', render: (v: boolean) => <ConclusionTag value={v ? 'pass' : 'fail'} /> },
      ]}
    />
  );
}

/**
 * Results entry by the institution (per test item of the product: requirement prefilled, measured
 * value, pass/fail; the conclusion follows the items and may be set; report number and date) — the
 * report PDF is uploaded first (REPORT_MISSING otherwise). Used for the retest as well.
 */
export function ResultForm({
  sample,
  kind,
  title,
  onSubmit,
  onChanged,
}: {
  sample: Sample;
  kind: Extract<FileKind, 'report' | 'retest_report'>;
  title: string;
  onSubmit: (v: { items: ResultItem[]; conclusion: Conclusion; reportNo: string; on: string }) => Promise<boolean>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const reports = sample.files.filter((f) => f.kind === kind);
  const items = Form.useWatch('items', form) ?? [];
  const anyFail = items.some((i) => i && i.pass === false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await samplesApi.upload(sample.id, kind, file, file.name);
      void message.success(label('uploaded'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setUploading(false);
    }
  };
  const finish = async (v: Values) => {
    setBusy(true);
    try {
      await onSubmit({ items: v.items, conclusion: v.conclusion, reportNo: v.reportNo, on: v.on.format(ISO) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={title} data-testid={`${kind}-form`}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{label('reportFile')}</Typography.Text>
          {reports.map((f) => (
            <a key={f.id} href={samplesApi.fileUrl(sample.id, f.id)} download={f.fileName} title={`SHA-256 ${f.sha256}`}>
              {f.fileName}
            </a>
          ))}
          {reports.length === 0 && <Typography.Text type="warning">{label('reportFirst')}</Typography.Text>}
        </Space>
        <Upload accept=".pdf,application/pdf" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid={`${kind}-upload`}>
            {label('uploadReport')}
          </Button>
        </Upload>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void finish(v)}
          onValuesChange={(changed: Partial<Values>, all) => {
            if (changed.items) form.setFieldValue('conclusion', all.items.some((i) => i?.pass === false) ? 'fail' : 'pass');
          }}
          initialValues={{
            items: sample.testItems.map((i) => ({ item: i.name, requirement: i.requirement, measured: '', pass: true })),
            conclusion: 'pass',
            on: todayInChina(),
          }}
        >
          <Form.List name="items">
            {(fields) =>
              fields.map((f) => {
                const item = sample.testItems[f.name];
                return (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="result-item">
                    <Typography.Text strong>
                      {item?.name}
                      {item?.critical && <Tag color="red" style={{ marginLeft: 6 }}>{label('critical')}</Tag>}
                    </Typography.Text>
                    <Form.Item name={[f.name, 'item']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'requirement']} label={label('requirement')} style={{ marginBottom: 8 }}>
                      <Input />
                    </Form.Item>
                    <Space wrap align="end">
                      <Form.Item name={[f.name, 'measured']} label={label('measured')} rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 0 }}>
                        <Input style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'pass']} style={{ marginBottom: 0 }}>
                        <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: t('spotcheckSamples.conclusions.pass') }, { value: false, label: t('spotcheckSamples.conclusions.fail') }]} />
                      </Form.Item>
                    </Space>
                  </Card>
                );
              })
            }
          </Form.List>
          <Form.Item name="conclusion" label={label('conclusion')} rules={[{ required: true }]} extra={anyFail ? label('conclusionRule') : undefined}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'pass', label: t('spotcheckSamples.conclusions.pass') }, { value: 'fail', label: t('spotcheckSamples.conclusions.fail') }]} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="reportNo" label={label('reportNo')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="on" label={label(kind === 'report' ? 'reportedOn' : 'retestedOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={isAfterToday} inputReadOnly />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={reports.length === 0} data-testid={`${kind}-submit`}>
            {label('submitResult')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}

/** The result as reported: items, conclusion, report number and date, the report file. */
export function ResultView({ sample }: { sample: Sample }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const critical = new Set(sample.testItems.filter((i) => i.critical).map((i) => i.name));
  return (
    <Card title={label('resultTitle')} data-testid="result-view">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <ConclusionTag value={sample.conclusion} />
          <Typography.Text>{`${label('reportNo')} ${sample.reportNo ?? '—'} · ${label('reportedOn')} ${formatDate(sample.reportedOn)}`}</Typography.Text>
          {sample.files
            .filter((f) => f.kind === 'report')
            .map((f) => (
              <a key={f.id} href={samplesApi.fileUrl(sample.id, f.id)} download={f.fileName}>
                {f.fileName}
              </a>
            ))}
        </Space>
        <ItemsTable items={sample.items ?? []} critical={critical} />
      </Space>
    </Card>
  );
}
