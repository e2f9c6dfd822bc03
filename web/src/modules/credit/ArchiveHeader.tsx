import { App, Button, Descriptions, Dropdown, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailHeader } from '../../app/components/DetailHeader';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useAuth } from '../../app/auth/AuthContext';
import { StatusTag } from '../enterprises';
import { creditApi, searchPath, type Archive, type Credit } from './credit.api';
import { downloadFile } from './download';
import { CreditClassTag, ListedTag, points } from './labels';
import { EndOverrideModal, OverrideModal } from './OverrideModals';
import './credit.pages.i18n';

interface Props {
  enterprise: Archive['enterprise'];
  credit: Credit;
  /** After an override, its end or a recomputation, with the server's answer. */
  onChanged: (c: Credit) => void;
}

/** The archive's header: the enterprise, its class, score and model version, the override and the actions. */
export function ArchiveHeader({ enterprise: e, credit: c, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [dialog, setDialog] = useState<'override' | 'end' | null>(null);
  const [busy, setBusy] = useState(false);
  const mayOverride = can('credit.override');

  const recompute = () => {
    setBusy(true);
    creditApi
      .recompute(e.uscc)
      .then((next) => {
        onChanged(next);
        void message.success(t('credit.recomputed'));
      }, notifyError)
      .finally(() => setBusy(false));
  };
  const download = (format: 'docx' | 'pdf', all: boolean) => {
    downloadFile(creditApi.reportUrl(e.uscc, format, all), `${e.uscc}.${format}`).catch(notifyError);
  };
  const exportMenu = (format: 'docx' | 'pdf') => ({
    items: [
      { key: 'recent', label: t('credit.reportRecent') },
      { key: 'all', label: t('credit.reportAll') },
    ],
    onClick: ({ key }: { key: string }) => download(format, key === 'all'),
  });

  return (
    <DetailHeader
      testId="archive-header"
      back={{ path: searchPath, label: t('credit.backToSearch') }}
      title={e.name}
      tags={
        <>
          <StatusTag status={e.status} />
          <span data-testid="archive-class">
            <CreditClassTag value={c.class} />
          </span>
          {c.listed && <ListedTag />}
          {c.override && <Tag color="purple">{t('credit.overridden')}</Tag>}
        </>
      }
      subtitle={
        <Typography.Text copyable code>
          {e.uscc}
        </Typography.Text>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('credit.score')}>
          <span data-testid="archive-score">{points(c.score)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('credit.modelVersion')}>{t('credit.versionN', { n: c.modelVersion })}</Descriptions.Item>
        <Descriptions.Item label={t('credit.computedAt')}>{formatDateTime(c.computedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('credit.region')}>{e.regionName ?? e.regionCode}</Descriptions.Item>
        {c.override && (
          <Descriptions.Item label={t('credit.override')} span={{ xs: 1, sm: 2, lg: 4 }}>
            <span data-testid="archive-override">
              {t('credit.overrideLine', { value: c.override.class, until: c.override.until, reason: c.override.reason })}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap>
        {mayOverride && !c.override && (
          <Button icon={<EditOutlined />} disabled={c.listed} title={c.listed ? t('credit.overrideListed') : undefined} onClick={() => setDialog('override')}>
            {t('credit.override')}
          </Button>
        )}
        {mayOverride && c.override && (
          <Button icon={<StopOutlined />} onClick={() => setDialog('end')}>
            {t('credit.endOverride')}
          </Button>
        )}
        {mayOverride && (
          <Button icon={<ReloadOutlined />} loading={busy} onClick={recompute}>
            {t('credit.recompute')}
          </Button>
        )}
        <Dropdown menu={exportMenu('docx')}>
          <Button icon={<DownloadOutlined />} data-testid="export-docx">
            {t('credit.exportDocx')}
          </Button>
        </Dropdown>
        <Dropdown menu={exportMenu('pdf')}>
          <Button icon={<DownloadOutlined />} data-testid="export-pdf">
            {t('credit.exportPdf')}
          </Button>
        </Dropdown>
      </Space>
      <OverrideModal uscc={e.uscc} open={dialog === 'override'} onClose={() => setDialog(null)} onSaved={onChanged} />
      <EndOverrideModal uscc={e.uscc} open={dialog === 'end'} onClose={() => setDialog(null)} onSaved={onChanged} />
    </DetailHeader>
  );
}
