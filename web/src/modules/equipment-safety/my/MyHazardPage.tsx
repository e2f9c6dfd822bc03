import { Button, Card, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { useAsync } from '../../../app/hooks/useAsync';
import { SelfFrame } from '../../enterprise-self';
import { eqApi, type Hazard } from '../equipmentSafety.api';
import { CorrectionForm, HazardDescriptions } from '../HazardView';
import '../equipmentSafety.pages.i18n';

const myUnitPath = (id: string) => `/my/equipment/units/${encodeURIComponent(id)}`;

/** One hazard of the enterprise; an open one is answered here with the correction and its evidence. */
export function MyHazardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data, loading, error } = useAsync(() => eqApi.hazard(id), id);
  const [fresh, setFresh] = useState<Hazard | null>(null);
  const [reporting, setReporting] = useState(false);
  const hazard = fresh?.id === id ? fresh : data;
  return (
    <SelfFrame title={t('eqs.hazardTitle')} back="/my/equipment/hazards" backLabel={t('eqs.myHazards')} error={error} testId="my-hazard-detail">
      {loading && !hazard ? (
        <Card><Skeleton /></Card>
      ) : (
        hazard && (
          <>
            <Card>
              <HazardDescriptions hazard={hazard} unitLink={myUnitPath} />
            </Card>
            {!hazard.correctedOn && can('enterprise_self.report') && (
              <Card>
                {reporting ? (
                  <>
                    <Typography.Title level={5}>{t('eqs.reportCorrection')}</Typography.Title>
                    <CorrectionForm hazard={hazard} onCorrected={setFresh} />
                  </>
                ) : (
                  <Button type="primary" block size="large" onClick={() => setReporting(true)}>
                    {t('eqs.reportCorrection')}
                  </Button>
                )}
              </Card>
            )}
          </>
        )
      )}
    </SelfFrame>
  );
}
