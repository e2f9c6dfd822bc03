import { Card, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CoverageCard } from './CoverageCard';

/** 持证上岗率 of a user unit chosen by its USCC (kept in the address). */
export function CoveragePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const uscc = params.get('uscc') ?? '';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('eqs.coverageTitle')}>
        <Input.Search
          defaultValue={uscc}
          placeholder={t('eqs.userUscc')}
          enterButton={t('common.search')}
          maxLength={18}
          style={{ maxWidth: 420 }}
          onSearch={(v) => setParams(v.trim() ? { uscc: v.trim().toUpperCase() } : {}, { replace: true })}
        />
      </Card>
      {uscc && <CoverageCard uscc={uscc} />}
    </Space>
  );
}
