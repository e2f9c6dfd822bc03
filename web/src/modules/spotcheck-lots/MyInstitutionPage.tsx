import { Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { useAsync } from '../../app/hooks/useAsync';
import { InstitutionFacts, RecordCard } from './InstitutionParts';
import { LocalTag } from './labels';
import { lotsApi, openLotsPath } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** 本机构 (an institution account): its institution's qualification and record. */
export function MyInstitutionPage() {
  const { t } = useTranslation();
  const mine = useAsync(() => lotsApi.mine());
  const label = (key: string) => t(`spotcheckLots.${key}`);
  if (mine.error instanceof ApiError && mine.error.code === 'NOT_INSTITUTION') return <Result status="info" title={label('notInstitution')} />;
  if (!mine.data) return <DetailPending error={mine.error} loading={mine.loading} />;
  const i = mine.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader testId="my-institution" back={{ path: openLotsPath, label: label('openLotsTitle') }} title={i.name} tags={<LocalTag local={i.local} />} subtitle={`${label('cmaNo')} ${i.cmaNo}`} />
      <InstitutionFacts institution={i} />
      <RecordCard institution={i} />
    </Space>
  );
}
