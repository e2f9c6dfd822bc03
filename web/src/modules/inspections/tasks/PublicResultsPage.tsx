import { Button, Form, Input, InputNumber } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWide } from '../../../app/components/plain';
import { PublicFrame } from '../../../app/layout/PublicFrame';
import { useListState } from '../../../app/list/useListState';
import { PublicResultsTable } from './PublicResultsTable';
import './tasks.pages.i18n';

interface Search {
  uscc?: string;
  year?: number | null;
}

/** 抽查检查结果公示: public, outside the shell, no login; search by USCC and year, kept in the URL with the page. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const list = useListState(10);
  const search = {
    uscc: typeof list.values.uscc === 'string' ? list.values.uscc : undefined,
    year: typeof list.values.year === 'number' && Number.isInteger(list.values.year) ? list.values.year : undefined,
  };
  const onSearch = (v: Search) => list.setValues({ uscc: v.uscc?.replace(/\s/g, '').toUpperCase() || undefined, year: v.year ?? undefined });

  return (
    <PublicFrame width={1100} title={t('inspectionTasks.publicTitle')} extra={<Link to="/login">{t('publicLookup.toLogin')}</Link>} testId="public-inspection-results-page">
      {/* inline on a wide screen; on a phone one field a line, full width (a 240 px field beside its label would leave the card) */}
      <Form<Search> layout={wide ? 'inline' : 'vertical'} name="public-results" initialValues={search} onFinish={onSearch} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item name="uscc" label={t('enterprises.uscc')} style={wide ? undefined : { marginBottom: 8 }}>
          <Input allowClear maxLength={24} style={{ width: wide ? 240 : '100%' }} />
        </Form.Item>
        <Form.Item name="year" label={t('inspectionTasks.year')} style={wide ? undefined : { marginBottom: 8 }}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: wide ? 120 : '100%' }} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
        </Form.Item>
      </Form>
      <PublicResultsTable uscc={search.uscc} year={search.year} paging={{ page: list.page, onPage: (p) => list.setPage(p) }} />
    </PublicFrame>
  );
}
