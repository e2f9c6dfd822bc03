/** 公示 tab: the decision's publication (status, due date, period), publishing and early removal. */
import { Button, DatePicker, Descriptions, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../../app/format';
import { casesApi } from '../cases.api';
import { DueDate, explained } from '../labels';
import { day, type TabProps } from './tabShared';

/** 公示: the decision's publication (status, due date, period); publish when pending, early removal. */
export function PublicationTab({ c, onChanged, canWrite, canRemove }: TabProps & { onChanged: () => void; canWrite: boolean; canRemove: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'publish' | 'remove' | null>(null);
  const p = c.publication;
  const statusColor = p?.status === 'published' ? 'green' : p?.status === 'pending' ? 'gold' : 'default';
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('cases.publicationHint')}</Typography.Text>
      {!p ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notDecided')} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="case-publication"
            items={[
              { key: 'status', label: t('cases.publicationStatus'), children: <Tag color={statusColor}>{t(`cases.publicationStatuses.${p.status}`)}</Tag> },
              { key: 'due', label: t('cases.publicationDueOn'), children: <DueDate dueOn={p.dueOn} done={p.status !== 'pending'} /> },
              ...(p.publishedOn ? [{ key: 'on', label: t('cases.publishedOn'), children: formatDate(p.publishedOn) }] : []),
              ...(p.publicUntil ? [{ key: 'until', label: t('cases.publicUntil'), children: formatDate(p.publicUntil) }] : []),
            ]}
          />
          <Space wrap>
            {canWrite && p.status === 'pending' && (
              <Button type="primary" onClick={() => setDialog('publish')} data-testid="publish">
                {t('cases.publish')}
              </Button>
            )}
            {canRemove && p.status === 'published' && (
              <Button danger onClick={() => setDialog('remove')} data-testid="remove-publication">
                {t('cases.removePublication')}
              </Button>
            )}
          </Space>
        </>
      )}
      <FormModal<{ publishedOn?: unknown; reason?: string; applicationDate?: unknown }>
        open={dialog !== null}
        title={dialog === 'publish' ? t('cases.publish') : t('cases.removePublication')}
        okText={dialog === 'publish' ? t('cases.publish') : t('cases.removePublication')}
        initialValues={dialog === 'publish' ? { publishedOn: todayInChina() } : {}}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          try {
            if (dialog === 'publish') await casesApi.publish(c.id, { publishedOn: day(v.publishedOn) });
            else await casesApi.removePublication(c.id, { reason: v.reason!.trim(), applicationDate: day(v.applicationDate) });
          } catch (err) {
            throw explained(err, t);
          }
          onChanged();
        }}
      >
        {dialog === 'publish' ? (
          <Form.Item name="publishedOn" label={t('cases.publishedOn')}>
            <DatePicker disabledDate={isAfterToday} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="reason" label={t('cases.removalReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.removalReason') }) }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="applicationDate" label={t('cases.applicationDate')}>
              <DatePicker disabledDate={isAfterToday} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Space>
  );
}
