import { Alert, Descriptions, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { formatDate } from '../../app/format';
import { PublicFrame } from '../../app/layout/PublicFrame';
import './equipment.pages.i18n';
import { publicEquipmentApi, type PublicUnit } from './publicEquipment.api';

type Answer = { kind: 'found'; unit: PublicUnit } | { kind: 'notFound' } | { kind: 'error'; error: unknown };

const STATUS_COLOR: Record<PublicUnit['status'], string> = { in_use: 'green', suspended: 'orange', scrapped: 'default', deregistered: 'default' };

function Found({ unit: u }: { unit: PublicUnit }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="public-equipment"
      items={[
        { key: 'registrationNo', label: t('equipment.registrationNo'), children: u.registrationNo },
        { key: 'category', label: t('equipment.category'), children: u.categoryName },
        { key: 'userName', label: t('equipment.userName'), children: u.userName },
        { key: 'status', label: t('equipment.status'), children: <Tag color={STATUS_COLOR[u.status]}>{t(`equipment.statuses.${u.status}`)}</Tag> },
        { key: 'nextInspectionDue', label: t('equipment.nextInspectionDue'), children: formatDate(u.nextInspectionDue) },
        {
          key: 'overdue',
          label: t('equipment.public.overdue'),
          children: u.overdue ? (
            <Tag color="red" data-flag="overdue">
              {t('equipment.public.overdueYes')}
            </Tag>
          ) : (
            t('equipment.public.overdueNo')
          ),
        },
      ]}
    />
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  const { t } = useTranslation();
  if (answer.kind === 'found') return <Found unit={answer.unit} />;
  if (answer.kind === 'notFound') return <Empty data-testid="public-not-found" description={t('equipment.public.notFound')} />;
  const limited = answer.error instanceof ApiError && answer.error.status === 429;
  return (
    <Alert
      type={limited ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid="public-error"
      message={limited ? t('equipment.public.rateLimited') : errorText(answer.error, t)}
    />
  );
}

/** 特种设备查询: anyone checks one unit by its use registration number (no personal data). */
export function PublicEquipmentPage() {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const lookup = (raw: string) => {
    const registrationNo = raw.trim();
    if (!registrationNo) return;
    setLoading(true);
    publicEquipmentApi
      .unit(registrationNo)
      .then(
        (unit) => setAnswer({ kind: 'found', unit }),
        (error: unknown) => setAnswer(error instanceof ApiError && error.status === 404 ? { kind: 'notFound' } : { kind: 'error', error }),
      )
      .finally(() => setLoading(false));
  };

  return (
    <PublicFrame width={720} title={t('equipment.public.title')} extra={<Link to="/login">{t('equipment.public.toLogin')}</Link>} testId="public-equipment-page">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Input.Search
          aria-label={t('equipment.registrationNo')}
          placeholder={t('equipment.public.placeholder')}
          enterButton={t('common.search')}
          maxLength={64}
          allowClear
          loading={loading}
          onSearch={lookup}
        />
        <Typography.Text type="secondary">{t('equipment.public.hint')}</Typography.Text>
        {answer && <AnswerView answer={answer} />}
        <div style={{ textAlign: 'center' }}>
          <Link to="/public/enterprise">{t('equipment.public.toEnterprise')}</Link>
        </div>
      </Space>
    </PublicFrame>
  );
}
