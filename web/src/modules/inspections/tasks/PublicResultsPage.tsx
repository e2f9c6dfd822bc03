import { Button, Card, Form, Input, InputNumber } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { useListState } from '../../../app/list/useListState';
import { AuthPageFrame, PageHeading } from '../../auth';
import { PublicResultsTable } from './PublicResultsTable';

interface Search {
  uscc?: string;
  year?: number | null;
}

/** 抽查检查结果公示: public, outside the shell, no login; search by USCC and year, kept in the URL with the page. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const list = useListState(10);
  const search = {
    uscc: typeof list.values.uscc === 'string' ? list.values.uscc : undefined,
    year: typeof list.values.year === 'number' && Number.isInteger(list.values.year) ? list.values.year : undefined,
  };
  const onSearch = (v: Search) => list.setValues({ uscc: v.uscc?.replace(/\s/g, '').toUpperCase() || undefined, year: v.year ?? undefined });

  return (
    <AuthPageFrame extra={<LanguageSwitch />} title={t('inspectionTasks.publicTitle')}>
      <Card title={<PageHeading>{t('inspectionTasks.publicTitle')}</PageHeading>} style={{ width: 1100, maxWidth: '96vw' }} extra={<Link to="/login">{t('publicLookup.toLogin')}</Link>}>
        <Form<Search> layout="inline" name="public-results" initialValues={search} onFinish={onSearch} style={{ marginBottom: 16, rowGap: 12 }}>
          <Form.Item name="uscc" label={t('enterprises.uscc')}>
            <Input allowClear maxLength={24} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="year" label={t('inspectionTasks.year')}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        <PublicResultsTable uscc={search.uscc} year={search.year} paging={{ page: list.page, onPage: (p) => list.setPage(p) }} />
      </Card>
    </AuthPageFrame>
  );
}
