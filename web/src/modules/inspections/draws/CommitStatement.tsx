import { Button, Card, Flex, QRCode, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import './print.css';
import '../draws.pages.i18n';

const SIGN_LINE = '______________________';

interface Props {
  statement: string;
  /** For the printed sheet. */
  planName: string;
  drawId: string;
  committedAt: string;
  values: { commitment: string; candidatesHash: string; inspectorPoolHash: string | null; inspectorsPerTask: number | null };
}

/** The printed sheet (only on paper): the statement, its values one per row, the QR code, lines for the witnesses to sign. */
function PrintSheet({ statement, planName, drawId, committedAt, values }: Props) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.ceremony.${key}`);
  const rows: [string, string][] = [
    [label('printPlan'), planName],
    ['id', drawId],
    [label('committedAt'), `${formatDateTime(committedAt)} (${committedAt})`],
    [t('draws.record.commitment'), values.commitment],
    [t('draws.record.candidatesHash'), values.candidatesHash],
    [t('draws.record.inspectorPoolHash'), values.inspectorPoolHash ?? '—'],
    [t('draws.record.inspectorsPerTask'), String(values.inspectorsPerTask ?? '—')],
  ];
  return createPortal(
    <div className="zj-print-sheet" data-testid="commit-statement-print">
      <h1>{label('printTitle')}</h1>
      <div>{label('statementTitle')}</div>
      <div className="zj-print-line zj-print-mono">{statement}</div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td className={k === label('printPlan') ? undefined : 'zj-print-mono'}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="zj-print-qr">
        <QRCode value={statement} size={220} errorLevel="L" bordered={false} type="svg" color="#000" bgColor="#fff" />
      </div>
      <div className="zj-print-sign">
        <div>
          {label('printSign')}
          {t('common.colon')}
          {SIGN_LINE} {SIGN_LINE} {SIGN_LINE}
        </div>
        <div>
          {label('printDate')}
          {t('common.colon')}
          {SIGN_LINE}
        </div>
      </div>
    </div>,
    document.body,
  );
}

/**
 * The one-line commit statement at the ceremony: shown to copy, as a QR code for the witnesses'
 * phones, and printed (a button; print CSS prints the sheet alone) for them to sign.
 */
export function CommitStatement(props: Props) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.ceremony.${key}`);
  return (
    <Card
      size="small"
      title={label('statementTitle')}
      data-testid="commit-statement"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {label('print')}
        </Button>
      }
    >
      <Flex gap={24} wrap align="flex-start">
        <Space direction="vertical" size={8} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Paragraph
            copyable
            code
            data-testid="commit-statement-text"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 13, marginBottom: 0 }}
          >
            {props.statement}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{label('statementHint')}</Typography.Text>
        </Space>
        <div role="img" aria-label={label('qrAlt')}>
          <QRCode value={props.statement} size={220} errorLevel="L" data-testid="commit-statement-qr" />
        </div>
      </Flex>
      <PrintSheet {...props} />
    </Card>
  );
}
