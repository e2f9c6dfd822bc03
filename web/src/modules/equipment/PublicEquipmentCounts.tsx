import { Alert, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import './equipment.public.i18n';
import type { PublicEquipmentRecord } from './publicEquipment.api';

interface Row {
  category: string;
  count: number;
}

/** 使用的特种设备 on the public enterprise record (counts only; nothing about single units). */
export function PublicEquipmentCounts({ record }: { record: PublicEquipmentRecord }) {
  const { t } = useTranslation();
  const rows: Row[] = Object.entries(record.byCategory)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, count]) => ({ category, count }));
  const total = rows.reduce((n, r) => n + r.count, 0);
  const columns: TableColumnsType<Row> = [
    { title: t('equipment.publicSection.category'), dataIndex: 'category', render: (c: string) => t(`equipment.topCategory.${c}`, { defaultValue: c }) },
    { title: t('equipment.publicSection.count'), dataIndex: 'count', align: 'right' },
  ];
  return (
    <Table<Row>
      data-testid="public-equipment-counts"
      size="small"
      rowKey="category"
      title={() => <Typography.Text strong>{t('equipment.publicSection.title')}</Typography.Text>}
      locale={{ emptyText: t('equipment.publicSection.none') }}
      columns={columns}
      dataSource={rows}
      pagination={false}
      summary={() =>
        rows.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('equipment.publicSection.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {total}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
      footer={
        rows.length > 0
          ? () =>
              record.overdue > 0 ? (
                <Alert type="error" showIcon data-testid="public-equipment-overdue" message={t('equipment.publicSection.overdue', { count: record.overdue })} />
              ) : (
                <Typography.Text type="secondary">{t('equipment.publicSection.noOverdue')}</Typography.Text>
              )
          : undefined
      }
    />
  );
}
