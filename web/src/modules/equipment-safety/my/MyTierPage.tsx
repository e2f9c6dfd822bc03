import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../app/auth/AuthContext';
import { SelfFrame } from '../../enterprise-self';
import { CoverageCard } from '../CoverageCard';
import { TierCard } from '../TierCard';
import '../equipmentSafety.pages.i18n';

/** 分级 (企业端): the enterprise's tier, score and reasons, as the bureau sees them, and its 持证上岗率. */
export function MyTierPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const uscc = user.enterpriseUscc ?? '';
  return (
    <SelfFrame title={t('eqs.myTier')} back="/my/equipment" backLabel={t('eqs.myMenu')} testId="my-tier">
      <TierCard uscc={uscc} />
      <CoverageCard uscc={uscc} linkUnits={false} />
    </SelfFrame>
  );
}
