import { Card, Col, Descriptions, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Credit, Reason, Summary } from './credit.api';
import { ListingStatusTag, points, RefLink, SignedPoints } from './labels';
import './credit.pages.i18n';

/** 评分理由: one line per record behind the score (factor, points, detail, the record). */
export function ReasonsTab({ credit }: { credit: Credit }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Reason & { key: number }> = [
    { title: t('credit.factor'), dataIndex: 'factor', className: 'zj-nowrap', render: (v: string) => t(`credit.factors.${v}`, { defaultValue: v }) },
    { title: t('credit.points'), dataIndex: 'points', align: 'right', className: 'zj-nowrap', render: (v: number) => <SignedPoints value={v} /> },
    { title: t('credit.detail'), dataIndex: 'detail' },
    { title: t('credit.record'), dataIndex: 'ref', className: 'zj-nowrap', render: (v: Reason['ref']) => <RefLink value={v} /> },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('credit.reasonsHint', { score: points(credit.score) })}</Typography.Paragraph>
      <Table
        size="small"
        data-testid="credit-reasons"
        rowKey="key"
        columns={columns}
        dataSource={credit.reasons.map((r, key) => ({ ...r, key }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('credit.noReasons') }}
      />
    </>
  );
}

/** 概况: the counts of every area the archive covers. */
export function SummaryTab({ summary: s }: { summary: Summary }) {
  const { t } = useTranslation();
  const stats: [string, number][] = [
    ['licencesValid', s.licences.valid],
    ['licencesRevoked', s.licences.revoked],
    ['inspectionsPassed', s.inspections.passed],
    ['inspectionsProblems', s.inspections.problems],
    ['inspectionsNotFound', s.inspections.notFound],
    ['spotchecksPassed', s.spotchecks.passed],
    ['spotchecksFailed', s.spotchecks.failed],
    ['equipmentUnits', s.equipment.units],
    ['equipmentOverdue', s.equipment.overdue],
    ['equipmentHazards', s.equipment.openHazards],
    ['complaintsSubstantiated', s.complaints.substantiated],
    ['complaintsOther', s.complaints.other],
    ['casesPenalties', s.cases.penalties],
    ['casesTransferred', s.cases.transferred],
    ['casesPublished', s.cases.publishedRecently],
    ['commitments', s.commitments.inForce],
    ['feedback', s.feedback],
  ];
  return (
    <Row gutter={[16, 16]} data-testid="credit-summary">
      {stats.map(([key, value]) => (
        <Col key={key} xs={12} sm={8} lg={6} xl={4}>
          <Statistic title={t(`credit.summary.${key}`)} value={value} />
        </Col>
      ))}
      <Col xs={12} sm={8} lg={6} xl={4}>
        <Statistic title={t('credit.summary.finesTotal')} value={s.cases.finesTotal} suffix={t('credit.yuan')} />
      </Col>
      <Col span={24}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('credit.summary.listing')}>
              {s.listing ? (
                <span>
                  {s.listing.listingNo} <ListingStatusTag status={s.listing.status} />
                  {s.listing.listedOn && t('credit.periodLine', { from: s.listing.listedOn, until: s.listing.until ?? '' })}
                </span>
              ) : (
                t('credit.none')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('credit.summary.rating')}>
              {s.rating ? t('credit.ratingLine', { grade: s.rating.grade, evaluator: s.rating.evaluatorName, until: s.rating.validUntil }) : t('credit.none')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
