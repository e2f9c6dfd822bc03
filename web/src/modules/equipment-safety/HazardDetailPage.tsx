import { Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { useAsync } from '../../app/hooks/useAsync';
import { Loaded, slotItems } from '../../app/modules/webModule';
import { hazardPanels } from './hazardPanels';
import { eqApi, type Hazard } from './equipmentSafety.api';
import { CorrectionForm, HazardDescriptions } from './HazardView';
import { HazardLevelTag, HazardStateTag, unitPath } from './labels';
import './equipmentSafety.pages.i18n';

/** One hazard: its facts and evidence; an open one is corrected here (equipment.write). */
export function HazardDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { data, loading, error } = useAsync(() => eqApi.hazard(id), id);
  const [fresh, setFresh] = useState<Hazard | null>(null);
  const hazard = fresh?.id === id ? fresh : data;
  if (!hazard) return <DetailPending error={error} loading={loading} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="hazard-detail"
        back={{ path: '/equipment/hazards', label: t('eqs.menuHazards') }}
        title={t('eqs.hazardTitle')}
        tags={<><HazardStateTag hazard={hazard} /><HazardLevelTag level={hazard.level} /></>}
        subtitle={hazard.userName ?? hazard.userUscc}
      />
      <Card>
        <HazardDescriptions hazard={hazard} unitLink={unitPath} />
      </Card>
      {!hazard.correctedOn && can('equipment.write') && (
        <Card title={t('eqs.reportCorrection')} style={{ maxWidth: 720 }}>
          <CorrectionForm hazard={hazard} onCorrected={setFresh} />
        </Card>
      )}
      {slotItems(hazardPanels)
        .sort((a, b) => a.order - b.order)
        .map(({ key, component: Panel }) => (
          <Loaded key={key}>
            <Panel hazardId={hazard.id} />
          </Loaded>
        ))}
    </Space>
  );
}
