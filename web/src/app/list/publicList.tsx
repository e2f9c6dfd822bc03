import { Alert, Button, Form, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../errorText';
import { todayInChina } from '../format';
import { isFullUscc, usccOfInput } from '../uscc';
import type { ListState } from './useListState';

// The pieces the public lists share (spot-check results, bulletins and choices, penalty decisions):
// the years offered, the rate-limit alert, the paging, the USCC check and the end of the search form.

/** The years a public search offers: this year and the four before (a penalty's long public period lasts three years). */
export const PUBLIC_YEARS = Array.from({ length: 5 }, (_, i) => todayInChina().year() - i);
/** PUBLIC_YEARS as a Select's options. */
export const publicYearOptions = PUBLIC_YEARS.map((y) => ({ value: y, label: String(y) }));

/** Whether an error is the public routes' rate limit (429). */
export const isRateLimited = (err: unknown) => err instanceof ApiError && err.status === 429;

/** A public list's load error: the rate limit (429) as a warning saying `rateLimited`, any other as an error; nothing without one. */
export function PublicListAlert({ error, rateLimited }: { error: unknown; rateLimited: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const limited = isRateLimited(error);
  return <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" message={limited ? rateLimited : errorText(error, t)} />;
}

/** The paging of a public list whose page is in the URL: centred, no size changer, small on a phone; with `showTotal`, the total on a wide screen. */
export function usePublicPagination(list: ListState, total: number | undefined, wide: boolean, showTotal = false) {
  const { t } = useTranslation();
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: total ?? 0,
    size: wide ? ('default' as const) : ('small' as const),
    align: 'center' as const,
    showSizeChanger: false,
    showTotal: showTotal && wide ? (n: number) => t('common.total', { count: n }) : undefined,
    onChange: (p: number) => list.setPage(p),
  };
}

/** The form rule of a public search's USCC field: empty, or 18 characters of the USCC's alphabet (`message` otherwise). */
export const usccRule = (message: string) => ({
  validator: async (_: unknown, v?: string) => {
    const code = usccOfInput(v);
    if (code && !isFullUscc(code)) throw new Error(message);
  },
});

/**
 * The end of a public search form: the year (PUBLIC_YEARS, `yearWidth` on a wide screen) and the
 * search and reset buttons; `label` gives the module's words for `year`, `allYears`, `search` and `reset`.
 */
export function YearAndSearchButtons({ label, wide, yearWidth, searchTestId, onReset }: { label: (key: string) => string; wide: boolean; yearWidth: number; searchTestId: string; onReset: () => void }) {
  return (
    <>
      <Form.Item name="year" label={label('year')} style={wide ? undefined : { marginBottom: 8 }}>
        <Select<number> allowClear placeholder={label('allYears')} options={publicYearOptions} style={{ width: wide ? yearWidth : '100%' }} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Space>
          <Button type="primary" htmlType="submit" data-testid={searchTestId}>
            {label('search')}
          </Button>
          <Button onClick={onReset}>{label('reset')}</Button>
        </Space>
      </Form.Item>
    </>
  );
}
