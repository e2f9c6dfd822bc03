import { Button, Card, Form, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ListResult, PageQuery } from '../../api/types';
import { useNotifyError } from '../errors';
import { ExportButtons } from '../files/ExportButtons';

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

/** The one list-page pattern: search form + table + paging, used by every list. */
export function ListPage<T extends object, Q extends object>(props: ListPageProps<T, Q>) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<Partial<Q>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(props.defaultPageSize ?? 20);
  const [result, setResult] = useState<ListResult<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  const fetchRef = useRef(props.fetch);
  fetchRef.current = props.fetch;
  const notifyRef = useRef(notifyError);
  notifyRef.current = notifyError;
  const extraKey = JSON.stringify(props.extraQuery ?? {});

  // a new outside filter starts again from page 1
  const firstExtra = useRef(true);
  useEffect(() => {
    if (firstExtra.current) {
      firstExtra.current = false;
      return;
    }
    setPage(1);
  }, [extraKey]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const query = { ...filters, ...(JSON.parse(extraKey) as Partial<Q>), page, pageSize } as Q & PageQuery;
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
  }, [filters, extraKey, page, pageSize, props.reloadToken]);

  const onSearch = (values: FilterValues) => {
    const cleaned = dropEmpty(values);
    setFilters((props.toQuery ? dropEmpty(props.toQuery(cleaned) as FilterValues) : cleaned) as Partial<Q>);
    setPage(1);
  };

  const onReset = () => {
    form.resetFields();
    setFilters({});
    setPage(1);
  };

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
        total: result.total,
        showSizeChanger: true,
        showTotal: (total) => t(result.totalExact === false ? 'common.totalAbout' : 'common.total', { count: total }),
        onChange: (p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        },
      }}
    />
  );

  const exportUrl = props.exportUrl;
  const query = { ...filters, ...(JSON.parse(extraKey) as Partial<Q>), page, pageSize } as Q & PageQuery;
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
        <Form form={form} name="search" layout="inline" onFinish={onSearch} style={{ marginBottom: 16, rowGap: 12 }} data-testid="search-form">
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
