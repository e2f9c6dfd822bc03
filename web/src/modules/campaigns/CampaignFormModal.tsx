import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { withNote } from '../../app/i18n/punctuation';
import { useOrgs } from '../orgs';
import { campaignsApi, PRODUCT_CATEGORIES, type Campaign, type CampaignInput } from './campaigns.api';
import './campaigns.pages.i18n';

const FIELDS = ['name', 'productCategory', 'description', 'startOn', 'endOn', 'participatingOrgIds', 'poolId', 'itemId', 'targetCount', 'pastPeriodReason'] as const;

/** Every quarter of the period has ended (the plan is then entered after the fact, with a reason). */
function pastPeriod(period: [Dayjs, Dayjs] | undefined): boolean {
  if (!period?.[1]) return false;
  const today = todayInChina();
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).date(1);
  return period[1].isBefore(quarterStart, 'day');
}

type Values = Omit<CampaignInput, 'startOn' | 'endOn'> & { period: [Dayjs, Dayjs] };

/** The new-campaign dialog: name, category, period, bureaus, target pool, inspection item, how many to draw. */
export function CampaignFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Campaign) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rules = useRequiredRules();
  const orgs = useOrgs(open && can('org.read'));
  const pools = useAsync(() => (open ? campaignsApi.pools() : Promise.resolve({ items: [], total: 0 })), String(open));
  const items = useAsync(() => (open ? campaignsApi.items() : Promise.resolve({ items: [], total: 0 })), String(open));
  const label = (key: string) => t(`campaigns.${key}`);
  const bureaus = orgs.orgs.filter((o) => o.type === 'city_bureau' || o.type === 'county_bureau');

  const submit = async ({ period, description, pastPeriodReason, ...v }: Values) => {
    const created = await campaignsApi.create({
      ...v,
      name: v.name.trim(),
      description: description?.trim() || undefined,
      pastPeriodReason: pastPeriodReason?.trim() || undefined,
      startOn: period[0].format('YYYY-MM-DD'),
      endOn: period[1].format('YYYY-MM-DD'),
    });
    onCreated(created);
  };

  return (
    <FormModal<Values> open={open} title={label('createTitle')} width={720} onClose={onClose} onSubmit={submit} okText={label('create')} fieldErrorOf={namedFieldError(FIELDS)}>
      <Typography.Paragraph type="secondary">{label('createHint')}</Typography.Paragraph>
      <Form.Item name="name" label={label('name')} rules={rules.required(label('name'))}>
        <Input maxLength={100} placeholder="2026 年儿童用品质量专项执法行动" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="productCategory" label={label('productCategory')} rules={rules.selectRequired(label('productCategory'))}>
            <Select options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`campaigns.categories.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="period" label={label('period')} rules={rules.selectRequired(label('period'))}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="participatingOrgIds" label={label('orgs')} rules={rules.selectRequired(label('orgs'))}>
        <Select mode="multiple" showSearch optionFilterProp="label" loading={orgs.loading} options={bureaus.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="poolId" label={label('pool')} rules={rules.selectRequired(label('pool'))}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={pools.loading}
              options={(pools.data?.items ?? []).map((p) => ({ value: p.id, label: withNote(t, p.name, t('campaigns.poolSize', { count: p.size })) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="itemId" label={label('item')} rules={rules.selectRequired(label('item'))}>
            <Select showSearch optionFilterProp="label" loading={items.loading} options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="targetCount" label={label('targetCount')} rules={rules.selectRequired(label('targetCount'))}>
        <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item noStyle dependencies={['period']}>
        {({ getFieldValue }) =>
          pastPeriod(getFieldValue('period') as Values['period'] | undefined) && (
            <Form.Item name="pastPeriodReason" label={label('pastPeriodReason')} extra={label('pastPeriodHint')} rules={rules.required(label('pastPeriodReason'))}>
              <Input maxLength={500} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="description" label={label('description')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
