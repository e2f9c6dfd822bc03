import { Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../enterprises';
import { CoverageCard } from './CoverageCard';
import { eqApi } from './equipmentSafety.api';
import { RateFigure } from './labels';
import { TierCard } from './TierCard';
import './equipmentSafety.pages.i18n';

/** The enterprise page's special-equipment safety tab: tier with reasons, 持证上岗率, self-correction and links to its hazards, operators and emergency records. */
export function EnterpriseEquipmentTab({ enterprise }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const uscc = enterprise.uscc;
  const year = todayInChina().year();
  const sc = useAsync(() => eqApi.selfCorrection({ userUscc: uscc, year }), uscc);
  const q = `userUscc=${encodeURIComponent(uscc)}`;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="enterprise-equipment-safety">
      <TierCard uscc={uscc} />
      <CoverageCard uscc={uscc} />
      <Card size="small" title={t('eqs.scOfYear', { year })}>
        {sc.data ? <RateFigure rate={sc.data.rate} target={sc.data.target} testId="sc-enterprise" /> : '—'}
        <Space wrap style={{ marginTop: 12, display: 'flex' }}>
          <Link to={`/equipment/hazards?${q}`}><Button>{t('eqs.menuHazards')}</Button></Link>
          <Link to={`/equipment/operators?employerUscc=${encodeURIComponent(uscc)}`}><Button>{t('eqs.menuOperators')}</Button></Link>
          <Link to={`/equipment/emergency?${q}`}><Button>{t('eqs.menuEmergency')}</Button></Link>
        </Space>
      </Card>
    </Space>
  );
}
