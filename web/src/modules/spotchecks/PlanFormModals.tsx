import { Alert, Button, Col, Collapse, DatePicker, Form, InputNumber, Input, Radio, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { todayInChina } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { ProductSelect } from './labels';
import { QUARTERS, spotchecksApi, type Plan, type PlanPatch, type ScoreWeights } from './spotchecks.api';
import './spotchecks.pages.i18n';

/** The default weights of the competitive choice of a lot's institution (percent). */
export const DEFAULT_WEIGHTS: ScoreWeights = { price: 40, capability: 30, record: 20, locality: 10 };
const WEIGHT_KEYS = ['price', 'capability', 'record', 'locality'] as const;

/** The four weights (percent, summing to 100); locality may be 0 to open the lots to institutions outside the city. */
function WeightsFields() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        {WEIGHT_KEYS.map((k) => (
          <Col xs={12} md={6} key={k}>
            <Form.Item name={['scoreWeights', k]} label={t(`spotchecks.weights.${k}`)} rules={[{ required: true, message: t('common.required', { field: t(`spotchecks.weights.${k}`) }) }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item
        noStyle
        dependencies={WEIGHT_KEYS.map((k) => ['scoreWeights', k])}
      >
        {({ getFieldValue }) => {
          const sum = WEIGHT_KEYS.reduce((s, k) => s + (Number(getFieldValue(['scoreWeights', k])) || 0), 0);
          return sum === 100 ? (
            <Typography.Paragraph type="secondary">{t('spotchecks.weightsHint')}</Typography.Paragraph>
          ) : (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('spotchecks.weightsSum', { sum })} />
          );
        }}
      </Form.Item>
    </>
  );
}

const weightsValid = (w: ScoreWeights | undefined) => !w || WEIGHT_KEYS.reduce((s, k) => s + (w[k] || 0), 0) === 100;

interface GenerateValues {
  year: number;
  budget: number;
  mode: 'skip' | 'reduce';
  reducePercent?: number;
  scoreWeights: ScoreWeights;
  windowEndsOn?: Dayjs;
}

/** 生成下年度计划: the generator's inputs (year, budget, the 95 % rule, the choice's weights, the window for suggestions and applications). */
export function GeneratePlanModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: Plan) => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const label = (key: string) => t(`spotchecks.${key}`);
  const next = todayInChina().year() + 1;

  const submit = async ({ year, budget, mode, reducePercent, scoreWeights, windowEndsOn }: GenerateValues) => {
    if (!weightsValid(scoreWeights)) throw new Error(t('spotchecks.weightsSum', { sum: WEIGHT_KEYS.reduce((s, k) => s + (scoreWeights[k] || 0), 0) }));
    onDone(
      await spotchecksApi.generate({
        year,
        budget,
        passRateRule: mode === 'reduce' ? { mode, reducePercent } : { mode },
        scoreWeights,
        windowEndsOn: windowEndsOn?.format('YYYY-MM-DD'),
      }),
    );
  };

  return (
    <FormModal<GenerateValues>
      open={open}
      title={label('generateTitle')}
      width={720}
      okText={label('generate')}
      initialValues={{ year: next, mode: 'skip', reducePercent: 50, scoreWeights: DEFAULT_WEIGHTS }}
      onClose={onClose}
      onSubmit={submit}
      fieldErrorOf={namedFieldError(['year', 'budget', 'windowEndsOn'] as const)}
    >
      <Typography.Paragraph type="secondary">{label('generateHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="year" label={label('planYear')} rules={rules.selectRequired(label('planYear'))}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="budget" label={label('budgetYuan')} rules={rules.selectRequired(label('budget'))}>
            <InputNumber min={1} max={1_000_000_000} precision={0} style={{ width: '100%' }} data-testid="generate-budget" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="windowEndsOn" label={label('windowEndsOn')} tooltip={label('windowHint')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16} align="bottom">
        <Col xs={24} md={16}>
          <Form.Item name="mode" label={label('passRateRule')} tooltip={label('passRateRuleHint')}>
            <Radio.Group
              options={[
                { value: 'skip', label: label('ruleSkip') },
                { value: 'reduce', label: label('ruleReduce') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item noStyle dependencies={['mode']}>
            {({ getFieldValue }) =>
              getFieldValue('mode') === 'reduce' && (
                <Form.Item name="reducePercent" label={label('reducePercent')} rules={rules.selectRequired(label('reducePercent'))}>
                  <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Col>
      </Row>
      <Collapse
        size="small"
        items={[{ key: 'weights', label: label('scoreWeights'), forceRender: true, children: <WeightsFields /> }]}
      />
    </FormModal>
  );
}

interface SpecialValues {
  name: string;
  year: number;
  budget: number;
  lines: { productId: string; batches: number; quarter: number }[];
  scoreWeights: ScoreWeights;
}

/** 专项计划: a plan made at any time for chosen products (a draft, approved like the annual one). */
export function SpecialPlanModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: Plan) => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const label = (key: string) => t(`spotchecks.${key}`);
  const today = todayInChina();
  const quarter = Math.floor(today.month() / 3) + 1;

  const submit = async ({ name, scoreWeights, lines, ...v }: SpecialValues) => {
    if (!weightsValid(scoreWeights)) throw new Error(t('spotchecks.weightsSum', { sum: WEIGHT_KEYS.reduce((s, k) => s + (scoreWeights[k] || 0), 0) }));
    onDone(await spotchecksApi.createSpecial({ ...v, name: name.trim(), lines: lines ?? [], scoreWeights }));
  };

  return (
    <FormModal<SpecialValues>
      open={open}
      title={label('specialTitle')}
      width={760}
      okText={t('common.create')}
      initialValues={{ year: today.year(), scoreWeights: DEFAULT_WEIGHTS, lines: [{ productId: undefined as unknown as string, batches: 1, quarter }] }}
      onClose={onClose}
      onSubmit={submit}
      fieldErrorOf={namedFieldError(['name', 'year', 'budget', 'lines'] as const)}
    >
      <Typography.Paragraph type="secondary">{label('specialHint')}</Typography.Paragraph>
      <Form.Item name="name" label={label('planName')} rules={rules.required(label('planName'))}>
        <Input maxLength={100} placeholder={label('specialNamePlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="year" label={label('planYear')} rules={rules.selectRequired(label('planYear'))}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="budget" label={label('budgetYuan')} rules={rules.selectRequired(label('budget'))}>
            <InputNumber min={1} max={1_000_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{label('lines')}</Typography.Text>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Row gutter={8} key={f.key} align="top">
                <Col xs={24} md={12}>
                  <Form.Item name={[f.name, 'productId']} preserve rules={rules.selectRequired(label('product'))}>
                    <ProductSelect style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={10} md={5}>
                  <Form.Item name={[f.name, 'batches']} preserve rules={rules.selectRequired(label('batches'))}>
                    <InputNumber min={1} max={1000} precision={0} suffix={label('batchUnit')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={10} md={5}>
                  <Form.Item name={[f.name, 'quarter']} preserve rules={rules.selectRequired(label('quarter'))}>
                    <Select options={QUARTERS.map((q) => ({ value: q, label: t('spotchecks.quarterN', { n: q }) }))} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ batches: 1, quarter })}>
              {label('addLine')}
            </Button>
          </div>
        )}
      </Form.List>
      <Collapse
        size="small"
        style={{ marginTop: 16 }}
        items={[{ key: 'weights', label: label('scoreWeights'), forceRender: true, children: <WeightsFields /> }]}
      />
    </FormModal>
  );
}

interface EditValues {
  name: string;
  budget: number;
  windowEndsOn?: Dayjs | null;
  scoreWeights: ScoreWeights;
}

/** A draft plan's name, budget, window and weights (If-Match: the plan's version). */
export function PlanEditModal({ open, plan, onClose, onDone, onStale }: { open: boolean; plan: Plan; onClose: () => void; onDone: (p: Plan) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const label = (key: string) => t(`spotchecks.${key}`);
  const submit = async ({ name, budget, windowEndsOn, scoreWeights }: EditValues) => {
    if (!weightsValid(scoreWeights)) throw new Error(t('spotchecks.weightsSum', { sum: WEIGHT_KEYS.reduce((s, k) => s + (scoreWeights[k] || 0), 0) }));
    const patch: PlanPatch = { name: name.trim(), budget, windowEndsOn: windowEndsOn ? windowEndsOn.format('YYYY-MM-DD') : null, scoreWeights };
    onDone(await spotchecksApi.updatePlan(plan, patch));
  };
  return (
    <FormModal<EditValues>
      open={open}
      title={label('editPlan')}
      width={720}
      initialValues={{ name: plan.name, budget: plan.budget, windowEndsOn: plan.windowEndsOn ? dayjs(plan.windowEndsOn) : null, scoreWeights: plan.scoreWeights }}
      onClose={onClose}
      onSubmit={submit}
      onStale={onStale}
      fieldErrorOf={namedFieldError(['name', 'budget', 'windowEndsOn'] as const)}
    >
      <Form.Item name="name" label={label('planName')} rules={rules.required(label('planName'))}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12}>
          <Form.Item name="budget" label={label('budgetYuan')} rules={rules.selectRequired(label('budget'))}>
            <InputNumber min={1} max={1_000_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="windowEndsOn" label={label('windowEndsOn')} tooltip={label('windowHint')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{label('scoreWeights')}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <WeightsFields />
      </div>
    </FormModal>
  );
}
