import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { equipmentApi, type Category, type CategoryInput } from '../equipment.api';
import { useEquipmentCategories } from '../useEquipmentCategories';

interface CategoryFormValues {
  code: string;
  parentCode?: string | null;
  name: string;
  needsOperator?: boolean;
  operatorWorkItems?: string[];
  sort?: number;
}

const FIELDS = ['code', 'parentCode', 'name', 'needsOperator', 'operatorWorkItems', 'sort'] as const;

/** A tree of the catalogue: top categories with their subcategories as children. */
type Row = Category & { children?: Row[] };

function treeOf(categories: Category[]): Row[] {
  const tops = categories.filter((c) => !c.parentCode);
  return tops.map((top) => {
    const children = categories.filter((c) => c.parentCode === top.code);
    return children.length ? { ...top, children } : top;
  });
}

/** The category dictionary (特种设备目录): the ten top categories and their subcategories; administrators add and rename. */
export function CategoriesTab() {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const lookup = useEquipmentCategories();
  const [editing, setEditing] = useState<{ category?: Category } | null>(null);
  const label = (key: string) => t(`equipment.settings.${key}`);
  const editingCategory = editing?.category;

  const columns: TableColumnsType<Row> = [
    { title: label('code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: label('name'), dataIndex: 'name' },
    { title: label('needsOperator'), dataIndex: 'needsOperator', render: (v: boolean, c) => (c.parentCode ? '' : v ? label('yes') : label('no')) },
    {
      title: label('workItems'),
      dataIndex: 'operatorWorkItems',
      render: (items: string[]) => (
        <Space size={4} wrap>
          {items.map((i) => (
            <Tag key={i}>{i}</Tag>
          ))}
        </Space>
      ),
    },
    { title: label('builtin'), dataIndex: 'builtin', render: (v: boolean) => (v ? <Tag>{label('builtin')}</Tag> : null) },
    { title: label('sort'), dataIndex: 'sort', width: 70 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_: unknown, category) => (
        <Button type="link" size="small" onClick={() => setEditing({ category })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const submit = async (v: CategoryFormValues) => {
    const input: CategoryInput = {
      code: v.code.trim().toUpperCase(),
      parentCode: v.parentCode ?? null,
      name: v.name.trim(),
      needsOperator: !!v.needsOperator,
      operatorWorkItems: (v.operatorWorkItems ?? []).map((i) => i.trim().toUpperCase()).filter(Boolean),
      sort: v.sort ?? 0,
    };
    if (editingCategory) {
      const { code: _code, parentCode: _parent, ...change } = input;
      await equipmentApi.updateCategory(editingCategory.code, change, editingCategory.version);
    } else await equipmentApi.createCategory(input);
    lookup.reload();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
        {label('addCategory')}
      </Button>
      <Table<Row>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={treeOf(lookup.categories)}
        loading={lookup.loading}
        pagination={false}
        data-testid="equipment-categories"
      />
      <FormModal<CategoryFormValues>
        open={!!editing}
        title={editingCategory ? label('editCategory') : label('addCategory')}
        initialValues={editingCategory ? { ...editingCategory } : { needsOperator: false, operatorWorkItems: [], sort: 0 }}
        fieldErrorOf={namedFieldError(FIELDS)}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        onStale={lookup.reload}
      >
        <Form.Item name="code" label={label('code')} extra={editingCategory ? undefined : label('codeHint')} rules={required(label('code'))}>
          <CodeInput maxLength={8} disabled={!!editingCategory} />
        </Form.Item>
        <Form.Item name="parentCode" label={label('parent')}>
          <Select allowClear placeholder={label('topLevel')} options={lookup.topOptions} disabled={!!editingCategory} />
        </Form.Item>
        <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="needsOperator" valuePropName="checked">
          <Checkbox>{label('needsOperator')}</Checkbox>
        </Form.Item>
        <Form.Item name="operatorWorkItems" label={label('workItems')} extra={label('workItemsHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '，', '、']} open={false} />
        </Form.Item>
        <Form.Item name="sort" label={label('sort')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
