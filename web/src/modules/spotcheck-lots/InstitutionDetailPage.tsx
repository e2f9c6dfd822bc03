import { Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { useAsync } from '../../app/hooks/useAsync';
import { InstitutionFormModal } from './InstitutionFormModal';
import { AccountsCard, InstitutionFacts, RecordCard } from './InstitutionParts';
import { LocalTag } from './labels';
import { institutionsPath, lotsApi } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** A testing institution: qualification, record, accounts; edits and accounts with spotcheck.configure. */
export function InstitutionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const inst = useAsync(() => lotsApi.institution(id), id);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const mayConfigure = can('spotcheck.configure');
  if (!inst.data) return <DetailPending error={inst.error} loading={inst.loading} />;
  const i = inst.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="institution-header"
        back={{ path: institutionsPath, label: label('backToInstitutions') }}
        title={i.name}
        tags={
          <>
            <LocalTag local={i.local} />
            {!i.active && <Tag>{label('inactive')}</Tag>}
          </>
        }
        subtitle={`${label('cmaNo')} ${i.cmaNo}`}
      />
      <InstitutionFacts institution={i} onEdit={mayConfigure ? () => setEditing(true) : undefined} />
      <RecordCard institution={i} />
      {mayConfigure && <AccountsCard institution={i} />}
      <InstitutionFormModal open={editing} institution={i} onClose={() => setEditing(false)} onSaved={inst.reload} onStale={inst.reload} />
    </Space>
  );
}
