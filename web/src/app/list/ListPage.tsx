import { Button, Card, Form, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ListResult, PageQuery } from '../../api/types';
import { useNotifyError } from '../errors';
import { ExportButtons } from '../files/ExportButtons';
import { useListState } from './useListState';

export type FilterValues = Record<string, unknown>;

export interface ListPageProps<T extends object, Q extends object> {
  title: ReactNode;
  /** Loads one page; receives the submitted filters, `extraQuery`, page and pageSize. */
  fetch: (query: Q & PageQuery) => Promise<ListResult<T>>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  /** Form.Item elements of the search form; their `name`s become query keys. */
  filters?: ReactNode;
  /** Turns form values into query values (e.g. a date range into from/to). */
  toQuery?: (values: FilterValues) => Partial<Q>;
  /** Query values controlled from outside the form (e.g. a tree selection). */
  extraQuery?: Partial<Q>;
  /** Buttons on the card header (create, verify…). */
  toolbar?: ReactNode;
  /** The list's export address under the current filters: export links (.xlsx, .csv) before the toolbar. */
  exportUrl?: (format: ExportFormat, query: Q & PageQuery) => string;
  /** Change it to reload the current page (after a create/edit). */
  reloadToken?: number;
  /** Content between the search form and the table. */
  banner?: ReactNode;
  /** Content to the left of the table (e.g. a tree). */
  aside?: ReactNode;
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'pagination' | 'loading'>;
  defaultPageSize?: number;
}

const dropEmpty = (values: FilterValues): FilterValues =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/**
 * The pager's total. An estimated total (`totalExact: false`) never ends the paging: while the
 * page was full the next one is offered, and a short page tells the exact total.
 */
export function pagerTotal(result: ListResult<unknown>, page: number, pageSize: number): { total: number; exact: boolean } {
  if (result.totalExact !== false) return { total: result.total, exact: true };
  if (result.items.length === pageSize) return { total: Math.max(result.total, page * pageSize + 1), exact: false };
  if (result.items.length > 0) return { total: (page - 1) * pageSize + result.items.length, exact: true };
  return { total: Math.max(result.total, (page - 1) * pageSize), exact: false };
}

/**
 * The one list-page pattern: search form + table + paging, used by every list. Its filters,
 * page and page size live in the URL (useListState), so Back from a detail page returns here.
 */
export function ListPage<T extends object, Q extends object>(props: ListPageProps<T, Q>) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const list = useListState(props.defaultPageSize ?? 20);
  const { page, pageSize } = list;
  const [result, setResult] = useState<ListResult<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  const fetchRef = useRef(props.fetch);
  fetchRef.current = props.fetch;
  const notifyRef = useRef(notifyError);
  notifyRef.current = notifyError;
  const toQueryRef = useRef(props.toQuery);
  toQueryRef.current = props.toQuery;
  const extraKey = JSON.stringify(props.extraQuery ?? {});
  const valuesKey = JSON.stringify(list.values);

  // The URL's values in the form (after Back, a link, or a change of the URL); the form's fields
  // are the URL keys that filter (a link may carry others).
  const fieldNames = useRef<string[] | null>(null);
  const hasForm = Boolean(props.filters);
  useEffect(() => {
    if (!hasForm) return;
    fieldNames.current = Object.keys(form.getFieldsValue() as FilterValues);
    form.setFieldsValue(Object.fromEntries(fieldNames.current.map((name) => [name, list.values[name]])));
    // list.values changes exactly when valuesKey does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, hasForm, valuesKey]);

  // a new outside filter starts again from page 1
  const lastExtra = useRef(extraKey);
  const setPageRef = useRef(list.setPage);
  setPageRef.current = list.setPage;
  useEffect(() => {
    if (lastExtra.current === extraKey) return;
    lastExtra.current = extraKey;
    setPageRef.current(1);
  }, [extraKey]);

  /** The submitted filters as query values: the URL's values of the form's own fields. */
  const filtersOf = (): Partial<Q> => {
    if (!hasForm) return {};
    const names = fieldNames.current ?? Object.keys(list.values);
    const fields = dropEmpty(Object.fromEntries(names.map((name) => [name, list.values[name]])));
    const toQuery = toQueryRef.current;
    return (toQuery ? dropEmpty(toQuery(fields) as FilterValues) : fields) as Partial<Q>;
  };

  useEffect(() => {
    let live = true;
    setLoading(true);
    const query = { ...filtersOf(), ...(JSON.parse(extraKey) as Partial<Q>), page, pageSize } as Q & PageQuery;
    fetchRef.current(query).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setLoading(false);
        notifyRef.current(err);
      },
    );
    return () => {
      live = false;
    };
    // filtersOf reads the URL's values (valuesKey) and the form's fields
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [valuesKey, extraKey, page, pageSize, props.reloadToken]);

  const onSearch = (values: FilterValues) => list.setValues(dropEmpty(values));

  const onReset = () => {
    form.resetFields();
    list.setValues({});
  };

  const pager = pagerTotal(result, page, pageSize);

  const table = (
    <Table<T>
      {...props.tableProps}
      size="middle"
      rowKey={props.rowKey}
      columns={props.columns}
      dataSource={result.items}
      loading={loading}
      pagination={{
        current: page,
        pageSize,
        total: pager.total,
        showSizeChanger: true,
        showTotal: () => t(pager.exact ? 'common.total' : 'common.totalAbout', { count: pager.exact ? pager.total : result.total }),
        onChange: (p, size) => list.setPage(size === pageSize ? p : 1, size),
      }}
    />
  );

  const exportUrl = props.exportUrl;
  const query = { ...filtersOf(), ...(JSON.parse(extraKey) as Partial<Q>), page, pageSize } as Q & PageQuery;
  const toolbar = exportUrl ? (
    <Space>
      <ExportButtons href={(format) => exportUrl(format, query)} />
      {props.toolbar}
    </Space>
  ) : (
    props.toolbar
  );

  return (
    <Card title={props.title} extra={toolbar}>
      {props.filters && (
        <Form form={form} name="search" layout="inline" initialValues={list.values} onFinish={onSearch} style={{ marginBottom: 16, rowGap: 12 }} data-testid="search-form">
          {props.filters}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button icon={<UndoOutlined />} onClick={onReset}>
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      )}
      {props.banner}
      {props.aside ? (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
          <div style={{ width: 260, flex: 'none' }}>{props.aside}</div>
          <div style={{ flex: 1, minWidth: 0 }}>{table}</div>
        </div>
      ) : (
        table
      )}
    </Card>
  );
}
