import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { SelfList } from '../../enterprise-self';
import { eqApi } from '../equipmentSafety.api';
import { HazardLevelTag, HazardStateTag } from '../labels';
import '../equipmentSafety.pages.i18n';

/** 隐患整改 (企业端): the enterprise's hazards, open ones first; each opens its page to report the correction. */
export function MyHazardsPage() {
  const { t } = useTranslation();
  return (
    <SelfList
      title={t('eqs.myHazards')}
      testId="my-hazards"
      load={(page) => eqApi.hazards(page)}
      rowKey={(h) => h.id}
      linkOf={(h) => `/my/equipment/hazards/${h.id}`}
      rowTestId="my-hazard"
      row={(h) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <HazardStateTag hazard={h} />
            <HazardLevelTag level={h.level} />
            <Typography.Text type="secondary">{t(`eqs.source.${h.source}`)}</Typography.Text>
          </Space>
          <Typography.Text>{h.description}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.correctedOn ? `${t('eqs.correctedOn')} ${formatDate(h.correctedOn)}` : `${t('eqs.correctionDueOn')} ${formatDate(h.correctionDueOn)}`}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
