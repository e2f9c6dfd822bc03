import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText } from '../../../app/errorText';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import type { Licence } from '../licences.api';
import { ExitStageTag, exitPath } from './exitLabels';
import { exitsApi, type Exit } from './exits.api';
import { OpenExitModal } from './OpenExitModal';
import './exits.pages.i18n';

/**
 * The exit procedures of one licence, and the button that starts one while the licence has not
 * ended and has none open.
 */
export function LicenceExitsCard({ licence }: { licence: Licence }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, loading, error } = useAsync(() => exitsApi.list({ licenceId: licence.id, pageSize: 100 }), `${licence.id}:${licence.updatedAt}`);
  const [opening, setOpening] = useState(false);
  const items = data?.items ?? [];
  const canOpen = can('licence.write') && licence.allowedTargets.length > 0 && !!data && items.every((e) => e.stage === 'closed');

  const columns: TableColumnsType<Exit> = [
    { title: t('exits.kind'), dataIndex: 'kind', render: (kind: Exit['kind'], e) => <Link to={exitPath(e.id)}>{t(`exits.kinds.${kind}`)}</Link> },
    { title: t('exits.triggerParty'), dataIndex: 'triggerParty' },
    { title: t('exits.triggerOn'), className: 'zj-nowrap', dataIndex: 'triggerOn', render: (v: string) => formatDate(v) },
    { title: t('exits.stage'), dataIndex: 'stage', render: (_, e) => <ExitStageTag exit={e} /> },
    { title: t('exits.outcome'), dataIndex: 'outcome', render: (v: Exit['outcome']) => (v ? t(`exits.outcomes.${v}`) : '—') },
  ];

  return (
    <Card
      title={t('exits.cardTitle')}
      data-testid="licence-exits"
      extra={
        canOpen && (
          <Button danger icon={<StopOutlined />} onClick={() => setOpening(true)}>
            {t('exits.open')}
          </Button>
        )
      }
    >
      <Table<Exit> rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} pagination={false} locale={{ emptyText: error ? errorText(error, t) : t('exits.empty') }} />
      <OpenExitModal
        licence={opening ? licence : null}
        onClose={() => setOpening(false)}
        onDone={(exit) => {
          void message.success(t('exits.opened'));
          navigate(exitPath(exit.id));
        }}
      />
    </Card>
  );
}
