import { Alert, Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNotifyError } from '../../app/errors';
import { todayInChina } from '../../app/format';
import { archivePath, CHECK_MAX, creditApi, type CheckItem } from './credit.api';
import { saveText, toCsv } from './csv';
import { CreditClassTag, ListedTag } from './labels';
import './credit.pages.i18n';

type Row = CheckItem & { n: number };

/** The codes pasted, one a line (blank lines dropped, spaces trimmed). */
const codesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * 联合惩戒查询: up to 1,000 USCCs, one a line; the answers in the order asked, with the errors per
 * line, the class, list status and restrictions with their legal basis; the result as CSV.
 */
export function CheckPage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const codes = codesOf(text);
  const tooMany = codes.length > CHECK_MAX;

  const run = () => {
    setBusy(true);
    creditApi
      .check(codes)
      .then((r) => setRows(r.items.map((i, n) => ({ ...i, n: n + 1 }))), notifyError)
      .finally(() => setBusy(false));
  };
  const restrictionsText = (r: Row) => r.restrictions.map((x) => `${t(`credit.restrictions.${x.code}`)}（${x.legalBasis}${x.until ? `，${t('credit.untilDay', { day: x.until })}` : ''}）`).join('；');
  const exportCsv = () => {
    if (!rows) return;
    const header = ['#', t('credit.uscc'), t('credit.checkError'), t('credit.found'), t('credit.class'), t('credit.listed'), t('credit.restrictionsTitle')];
    const body = rows.map((r) => [String(r.n), r.uscc, r.error ? t(`credit.checkErrors.${r.error}`) : '', r.found ? t('common.yes') : t('common.no'), r.class ?? '', r.listed ? t('common.yes') : t('common.no'), restrictionsText(r)]);
    saveText(toCsv([header, ...body]), `credit-check-${todayInChina().format('YYYYMMDD')}.csv`);
  };

  const columns: TableColumnsType<Row> = [
    { title: '#', dataIndex: 'n', width: 56, align: 'right' },
    { title: t('credit.uscc'), dataIndex: 'uscc', className: 'zj-nowrap', render: (v: string, r) => (r.found ? <Link to={archivePath(v)}>{v}</Link> : <span style={{ fontFamily: 'monospace' }}>{v}</span>) },
    {
      title: t('credit.checkResult'),
      key: 'result',
      className: 'zj-nowrap',
      render: (_: unknown, r) =>
        r.error ? (
          <Tag color="red">{t(`credit.checkErrors.${r.error}`)}</Tag>
        ) : !r.found ? (
          <Tag>{t('credit.notFound')}</Tag>
        ) : (
          <Space size={4}>
            <CreditClassTag value={r.class} />
            {r.listed && <ListedTag />}
          </Space>
        ),
    },
    {
      title: t('credit.restrictionsTitle'),
      key: 'restrictions',
      render: (_: unknown, r) =>
        r.restrictions.length === 0 ? (
          <Typography.Text type="secondary">{t('credit.noRestrictions')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={2}>
            {r.restrictions.map((x) => (
              <span key={x.code}>
                <Tag color="volcano">{t(`credit.restrictions.${x.code}`)}</Tag>
                <Typography.Text type="secondary">
                  {x.legalBasis}
                  {x.until && `（${t('credit.untilDay', { day: x.until })}）`}
                </Typography.Text>
              </span>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('credit.checkTitle')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('credit.checkHint', { max: CHECK_MAX })}
          </Typography.Paragraph>
          <label htmlFor="credit-check-codes">{t('credit.checkCodes')}</label>
          <Input.TextArea id="credit-check-codes" rows={8} value={text} onChange={(e) => setText(e.target.value)} style={{ fontFamily: 'monospace' }} data-testid="check-codes" />
          {tooMany && <Alert type="error" showIcon message={t('credit.checkTooMany', { max: CHECK_MAX, count: codes.length })} />}
          <Space wrap>
            <Button type="primary" icon={<AuditOutlined />} disabled={!codes.length || tooMany} loading={busy} onClick={run} data-testid="check-run">
              {t('credit.checkRun', { count: codes.length })}
            </Button>
            <Button icon={<DownloadOutlined />} disabled={!rows?.length} onClick={exportCsv} data-testid="check-csv">
              {t('credit.exportCsv')}
            </Button>
          </Space>
        </Space>
      </Card>
      {rows && (
        <Card title={t('credit.checkResults', { count: rows.length })}>
          <Table<Row> size="small" rowKey="n" columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }} data-testid="check-results" />
        </Card>
      )}
    </Space>
  );
}
