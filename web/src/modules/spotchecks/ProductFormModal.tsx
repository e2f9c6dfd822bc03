import { Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { AQL_SERIES, INSPECTION_LEVELS, PRODUCT_CATEGORIES, spotchecksApi, type InspectionLevel, type Product, type ProductInput, type TestItem } from './spotchecks.api';
import './spotchecks.pages.i18n';

const FIELDS = ['code', 'name', 'category', 'impact', 'batchCost', 'testItems', 'standards', 'sampleSize', 'sampleUnit', 'inspectionLevel', 'aql', 'note'] as const;

type SampleMode = 'fixed' | 'gbt2828';
interface Values {
  code: string;
  name: string;
  category: ProductInput['category'];
  impact: number;
  batchCost: number;
  testItems: TestItem[];
  standards: string[];
  sampleMode: SampleMode;
  sampleSize?: number;
  sampleUnit?: string;
  inspectionLevel?: InspectionLevel;
  aql?: string;
  note?: string;
  active?: boolean;
}

const valuesOf = (p: Product): Partial<Values> => ({
  code: p.code,
  name: p.name,
  category: p.category,
  impact: p.impact,
  batchCost: p.batchCost,
  testItems: p.testItems,
  standards: p.standards,
  sampleMode: p.inspectionLevel ? 'gbt2828' : 'fixed',
  sampleSize: p.sampleSize ?? undefined,
  sampleUnit: p.sampleUnit ?? undefined,
  inspectionLevel: (p.inspectionLevel as InspectionLevel | null) ?? undefined,
  aql: p.aql ?? undefined,
  note: p.note ?? undefined,
  active: p.active,
});

const NEW: Partial<Values> = { impact: 3, testItems: [{ name: '', requirement: '', method: '', critical: false }], standards: [], sampleMode: 'fixed', inspectionLevel: 'II', aql: '2.5' };

/** A product of the catalogue with its implementing rule (实施细则): test items, standards, the sample per batch. */
export function ProductFormModal({ open, product, onClose, onSaved, onStale }: { open: boolean; product?: Product; onClose: () => void; onSaved: (p: Product) => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const label = (key: string) => t(`spotchecks.${key}`);

  const submit = async ({ sampleMode, testItems, standards, note, active, ...v }: Values) => {
    const fixed = sampleMode === 'fixed';
    const input: ProductInput = {
      ...v,
      code: v.code.trim().toUpperCase(),
      name: v.name.trim(),
      testItems: (testItems ?? []).map((i) => ({ name: i.name.trim(), requirement: i.requirement.trim(), method: i.method.trim(), critical: !!i.critical })),
      standards: (standards ?? []).map((s) => s.trim()).filter(Boolean),
      sampleSize: fixed ? (v.sampleSize ?? null) : null,
      sampleUnit: v.sampleUnit?.trim() || null,
      inspectionLevel: fixed ? null : (v.inspectionLevel ?? null),
      aql: fixed ? null : (v.aql ?? null),
      note: note?.trim() || null,
    };
    const { code: _code, ...changes } = input;
    const saved = product ? await spotchecksApi.updateProduct(product, { ...changes, active }) : await spotchecksApi.createProduct(input);
    onSaved(saved);
  };

  return (
    <FormModal<Values>
      open={open}
      title={product ? label('editProduct') : label('createProduct')}
      width={960}
      initialValues={product ? valuesOf(product) : NEW}
      onClose={onClose}
      onSubmit={submit}
      onStale={onStale}
      fieldErrorOf={namedFieldError(FIELDS)}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={label('code')} rules={rules.required(label('code'))} extra={label('codeHint')}>
            <Input maxLength={40} placeholder="RY-001" disabled={!!product} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={label('productName')} rules={rules.required(label('productName'))}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={label('category')} rules={rules.selectRequired(label('category'))}>
            <Select options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`spotchecks.categories.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="impact" label={label('impact')} rules={rules.selectRequired(label('impact'))} tooltip={label('impactHint')}>
            <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="batchCost" label={label('batchCostYuan')} rules={rules.selectRequired(label('batchCost'))}>
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" plain>
        {label('rule')}
      </Divider>
      <Typography.Text strong>{label('testItems')}</Typography.Text>
      {/* The list's items keep their values (`preserve`): FormModal resets the form when it opens, which
          remounts the items, and the dialog's `preserve={false}` would otherwise clear the values just set. */}
      <Form.List name="testItems">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }} data-testid="test-items">
            {fields.map((f, i) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
                <Row gutter={8} align="top">
                  <Col xs={24} md={5}>
                    <Form.Item name={[f.name, 'name']} preserve label={i === 0 ? label('itemName') : undefined} aria-label={label('itemName')} rules={rules.required(label('itemName'))}>
                      <Input maxLength={100} placeholder={label('itemName')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'requirement']} preserve label={i === 0 ? label('requirement') : undefined} rules={rules.required(label('requirement'))}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={label('requirement')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[f.name, 'method']} preserve label={i === 0 ? label('method') : undefined} rules={rules.required(label('method'))}>
                      <Input maxLength={200} placeholder={label('method')} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={3}>
                    <Form.Item name={[f.name, 'critical']} preserve valuePropName="checked" label={i === 0 ? label('critical') : undefined} tooltip={i === 0 ? label('criticalHint') : undefined}>
                      <Checkbox>{label('criticalShort')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={2} style={{ textAlign: 'right', paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', requirement: '', method: '', critical: false })} block data-testid="test-item-add">
              {label('addTestItem')}
            </Button>
          </div>
        )}
      </Form.List>

      <Form.Item name="standards" label={label('standards')} extra={label('standardsHint')} style={{ marginTop: 16 }}>
        <Select mode="tags" tokenSeparators={['\n', ';', '；']} open={false} suffixIcon={null} placeholder="GB 6675.1-2014" />
      </Form.Item>

      <Form.Item name="sampleMode" label={label('sampleMode')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'fixed', label: label('sampleFixed') },
            { value: 'gbt2828', label: label('sampleGbt') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['sampleMode']}>
        {({ getFieldValue }) =>
          getFieldValue('sampleMode') === 'gbt2828' ? (
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name="inspectionLevel" label={label('inspectionLevel')} rules={rules.selectRequired(label('inspectionLevel'))}>
                  <Select options={INSPECTION_LEVELS.map((l) => ({ value: l, label: l }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="aql" label="AQL" rules={rules.selectRequired('AQL')}>
                  <Select showSearch options={AQL_SERIES.map((a) => ({ value: a, label: a }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="sampleUnit" label={label('sampleUnit')}>
                  <Input maxLength={20} placeholder={label('unitPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Typography.Paragraph type="secondary">{label('gbtHint')}</Typography.Paragraph>
              </Col>
            </Row>
          ) : (
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name="sampleSize" label={label('sampleSize')} rules={rules.selectRequired(label('sampleSize'))}>
                  <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="sampleUnit" label={label('sampleUnit')} rules={rules.required(label('sampleUnit'))}>
                  <Input maxLength={20} placeholder={label('unitPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          )
        }
      </Form.Item>

      <Form.Item name="note" label={label('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {product && (
        <Space>
          <Form.Item name="active" valuePropName="checked" label={label('active')} tooltip={label('activeHint')}>
            <Switch checkedChildren={label('activeYes')} unCheckedChildren={label('activeNo')} />
          </Form.Item>
        </Space>
      )}
    </FormModal>
  );
}
