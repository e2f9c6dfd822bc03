import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../errorText';
import { NotFoundPage } from '../pages/ErrorPages';

interface DetailHeaderProps {
  testId: string;
  /** The list to go back to, and the back button's text. */
  back: { path: string; label: string };
  title: ReactNode;
  /** Tags beside the title (state, class…). */
  tags?: ReactNode;
  subtitle: ReactNode;
  /** Shown below the subtitle, full width (e.g. the steps of a procedure). */
  children?: ReactNode;
}

/** The header card of a detail page: back to the list, the record's title and tags, a subtitle. */
export function DetailHeader({ testId, back, title, tags, subtitle, children }: DetailHeaderProps) {
  const navigate = useNavigate();
  return (
    <Card data-testid={testId}>
      <Space direction="vertical" size={children ? 8 : 4} style={children ? { width: '100%' } : undefined}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }} onClick={() => navigate(back.path)}>
          {back.label}
        </Button>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Space>
        <Typography.Text type="secondary">{subtitle}</Typography.Text>
        {children}
      </Space>
    </Card>
  );
}

/** What a detail page shows until its record has loaded: the 404 page, the error, or a loading card. */
export function DetailPending({ error, loading }: { error: unknown; loading: boolean }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <Result status="error" title={errorText(error, t)} />;
  return (
    <Card loading={loading}>
      <Skeleton />
    </Card>
  );
}
