import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfList } from './SelfList';

/** 抽取记录: the draws the enterprise was in, with its blinded id and nonce to verify on the public record. */
export function MyDrawsPage() {
  const { t } = useTranslation();
  return (
    <SelfList
      title={t('entSelf.drawsTitle')}
      testId="my-draws"
      intro={<Typography.Text type="secondary">{t('entSelf.drawsHint')}</Typography.Text>}
      load={enterpriseSelfApi.draws}
      rowKey={(d) => d.drawId}
      rowTestId="my-draw"
      row={(d) => (
        <Space direction="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
          <Space wrap size={4}>
            <Typography.Text strong>{d.planName}</Typography.Text>
            {d.status === 'committed' ? <Tag color="blue">{t('entSelf.notRevealed')}</Tag> : <Tag color={d.selected ? 'orange' : 'default'}>{t(d.selected ? 'entSelf.drawn' : 'entSelf.notDrawn')}</Tag>}
          </Space>
          {d.committedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(d.revealedAt ?? d.committedAt)}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entSelf.blindedId')}
          </Typography.Text>
          <Typography.Paragraph copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', margin: 0 }}>
            {d.blindedId}
          </Typography.Paragraph>
          {d.nonce && (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('entSelf.nonce')}
              </Typography.Text>
              <Typography.Paragraph copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', margin: 0 }}>
                {d.nonce}
              </Typography.Paragraph>
            </>
          )}
          <Link to={`/public/draws/${d.drawId}`}>{t('entSelf.viewDraw')}</Link>
        </Space>
      )}
    />
  );
}
