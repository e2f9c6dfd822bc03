import { Card, Descriptions, List, Skeleton, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { LICENCE_STATE_COLORS } from './MyLicencesPage';
import { SelfFrame } from './SelfFrame';

/** One of the enterprise's licences: its entry, its history (measures taken) and its documents. */
export function MyLicencePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: l, loading, error } = useAsync(() => enterpriseSelfApi.licence(id), id);
  const timeline = useAsync(() => enterpriseSelfApi.timeline(id), id);
  const documents = useAsync(() => enterpriseSelfApi.documents(id), id);

  return (
    <SelfFrame title={l ? `${l.typeName}` : t('entSelf.menuLicences')} back="/my/licences" backLabel={t('entSelf.menuLicences')} error={error} testId="my-licence">
      <Card>
        {loading && !l ? (
          <Skeleton />
        ) : (
          l && (
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'number', label: t('entSelf.licenceNumber'), children: l.number },
                { key: 'state', label: t('common.status'), children: <Tag color={LICENCE_STATE_COLORS[l.state]}>{t(`licenceState.${l.state}`)}</Tag> },
                { key: 'scope', label: t('entSelf.scope'), children: l.scope ?? '—' },
                { key: 'issued', label: t('entSelf.issuedOn'), children: formatDate(l.issuedOn) },
                { key: 'expires', label: t('entSelf.expiresOn'), children: formatDate(l.expiresOn) },
                { key: 'issuer', label: t('entSelf.issuer'), children: l.issuer ?? '—' },
                ...(l.reviewOn ? [{ key: 'review', label: t('entSelf.reviewOn'), children: formatDate(l.reviewOn) }] : []),
                ...(l.changeDeadline ? [{ key: 'change', label: t('entSelf.changeDeadline'), children: formatDate(l.changeDeadline) }] : []),
              ]}
            />
          )
        )}
      </Card>
      <Card title={t('entSelf.timeline')} loading={timeline.loading && !timeline.data}>
        {timeline.data?.items.length ? (
          <Timeline
            items={timeline.data.items.map((tr) => ({
              key: tr.id,
              color: tr.status === 'applied' ? 'blue' : 'gray',
              children: (
                <div>
                  <Typography.Text strong>
                    {tr.fromState ? `${t(`licenceState.${tr.fromState}`)} → ` : ''}
                    {t(`licenceState.${tr.toState}`)}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(tr.decidedAt ?? tr.requestedAt)}
                      {tr.documentNo ? ` · ${tr.documentNo}` : ''}
                    </Typography.Text>
                  </div>
                  {tr.reason && <div>{t('entSelf.reason')}{t('common.colon')}{tr.reason}</div>}
                  {tr.deadlineOn && (
                    <div>
                      {t('entSelf.changeDeadline')}{t('common.colon')}{formatDate(tr.deadlineOn)}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('entSelf.none')}</Typography.Text>
        )}
      </Card>
      <Card title={t('entSelf.documents')} styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={documents.loading}
          dataSource={documents.data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          renderItem={(d) => (
            <List.Item
              actions={[
                <a key="dl" href={enterpriseSelfApi.documentUrl(id, d.id)} download>
                  <DownloadOutlined /> {t('entSelf.download')}
                </a>,
              ]}
            >
              <List.Item.Meta title={<span style={{ wordBreak: 'break-all' }}>{d.fileName}</span>} description={formatDateTime(d.createdAt)} />
            </List.Item>
          )}
        />
      </Card>
    </SelfFrame>
  );
}
