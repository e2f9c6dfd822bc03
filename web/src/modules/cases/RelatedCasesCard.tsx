import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import './cases.pages.i18n';
import { casePath, casesApi, type LeadSource } from './cases.api';
import { StageTag } from './labels';

export interface RelatedCasesProps {
  source: LeadSource;
  leadId: string;
}

/**
 * 关联案件: the cases of one lead (GET /api/cases/by-lead) with a link to open one
 * (/cases/new?leadSource=…&leadId=…), for the lead pages of the modules that find violations.
 * Loaded lazily (`RelatedCases` in the module's index); shown only to case readers.
 */
export function RelatedCasesCard({ source, leadId }: RelatedCasesProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('case.read');
  const { data, loading } = useAsync(() => (readable ? casesApi.byLead(source, leadId) : Promise.resolve({ items: [] })), `${source}:${leadId}:${readable}`);
  if (!readable) return null;
  const items = data?.items ?? [];
  const open = items.some((c) => c.stage !== 'declined');
  return (
    <Card
      title={t('cases.byLeadTitle')}
      size="small"
      loading={loading}
      data-testid="related-cases"
      extra={
        can('case.write') &&
        !open && (
          <Link to={`/cases/new?leadSource=${encodeURIComponent(source)}&leadId=${encodeURIComponent(leadId)}`}>
            <Button size="small" type="primary" icon={<PlusOutlined />}>
              {t('cases.openCase')}
            </Button>
          </Link>
        )
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.byLeadNone')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Space wrap>
                <Link to={casePath(c.id)} style={{ fontFamily: 'monospace' }}>
                  {c.caseNo}
                </Link>
                <StageTag stage={c.stage} />
                <span>{c.partyName}</span>
                <Typography.Text type="secondary">{formatDate(c.openedOn ?? c.foundOn)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
