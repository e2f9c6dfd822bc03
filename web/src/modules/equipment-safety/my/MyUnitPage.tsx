import { Button, Card, Descriptions, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { SelfFrame } from '../../enterprise-self';
import { useCategoryName } from '../useCategoryName';
import { eqApi } from '../equipmentSafety.api';
import { HazardStateTag, UnitFlags } from '../labels';
import '../equipmentSafety.pages.i18n';

/** One of the enterprise's units: its registration, inspection state and hazards. */
export function MyUnitPage() {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data: unit, loading, error } = useAsync(() => eqApi.unit(id), id);
  const hazards = useAsync(() => eqApi.hazards({ equipmentId: id, pageSize: 50 }), id);
  return (
    <SelfFrame title={unit ? `${categoryName(unit)} ${unit.equipmentCode}` : t('eqs.myMenu')} back="/my/equipment" backLabel={t('eqs.myMenu')} error={error} testId="my-unit-detail">
      {loading && !unit ? (
        <Card><Skeleton /></Card>
      ) : (
        unit && (
          <>
            <Card>
              <Descriptions
                bordered
                size="small"
                column={1}
                items={[
                  { key: 'status', label: t('common.status'), children: <Space wrap size={4}><Tag>{t(`eqs.status.${unit.status}`)}</Tag><UnitFlags unit={unit} /></Space> },
                  { key: 'code', label: t('eqs.equipmentCode'), children: unit.equipmentCode },
                  { key: 'reg', label: t('eqs.registrationNo'), children: unit.registrationNo ?? '—' },
                  { key: 'cat', label: t('eqs.category'), children: categoryName(unit) },
                  { key: 'addr', label: t('eqs.address'), children: unit.address },
                  { key: 'since', label: t('eqs.putIntoServiceOn'), children: formatDate(unit.putIntoServiceOn) },
                  ...(unit.safetyGrade ? [{ key: 'grade', label: t('eqs.safetyGrade'), children: unit.safetyGrade }] : []),
                  { key: 'last', label: t('eqs.lastInspectedOn'), children: unit.lastInspectedOn ? `${formatDate(unit.lastInspectedOn)} · ${unit.lastConclusion ? t(`eqs.conclusion.${unit.lastConclusion}`) : ''}` : '—' },
                  { key: 'next', label: t('eqs.nextDue'), children: <Typography.Text type={unit.overdue ? 'danger' : undefined} strong={unit.overdue}>{formatDate(unit.nextInspectionDue)}</Typography.Text> },
                ]}
              />
            </Card>
            <Card size="small" title={t('eqs.myHazards')} extra={can('enterprise_self.report') && <Link to={`/my/equipment/self-inspection?equipmentId=${unit.id}`}><Button size="small">{t('eqs.mySelfInspection')}</Button></Link>}>
              <List
                size="small"
                loading={hazards.loading}
                dataSource={hazards.data?.items ?? []}
                locale={{ emptyText: t('eqs.noHazards') }}
                renderItem={(h) => (
                  <List.Item>
                    <Link to={`/my/equipment/hazards/${h.id}`} style={{ color: 'inherit', width: '100%' }}>
                      <Space wrap size={4}>
                        <HazardStateTag hazard={h} />
                        <span>{h.description}</span>
                      </Space>
                    </Link>
                  </List.Item>
                )}
              />
            </Card>
          </>
        )
      )}
    </SelfFrame>
  );
}
