/** 联办 tab: the bureaus sharing the case and their tasks (assign, mark done). */
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { FormModal } from '../../../app/components/FormModal';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { labelled } from '../../../app/i18n/punctuation';
import { casesApi, type PartyTask, type PartyWithTasks } from '../cases.api';
import { DueDate, explained } from '../labels';
import { day, Failed, key, type TabProps } from './tabShared';

/** 联办: the bureaus sharing the case with their tasks; the lead party assigns tasks, a party marks its own done. */
export function PartiesTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, error, loading, reload } = useAsync(() => casesApi.parties(c.id), key(c));
  const [assigning, setAssigning] = useState<string | null>(null);
  const [finishing, setFinishing] = useState<PartyTask | null>(null);
  const parties: PartyWithTasks[] = data?.items ?? [];
  // `own`: the caller's bureau is that party
  const isLead = parties.some((p) => p.role === 'lead' && p.own);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {allowed('add_party') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => run('add_party')} data-testid="action-add_party">
          {t('cases.actions.add_party')}
        </Button>
      )}
      <Failed error={error} />
      <List
        loading={loading}
        dataSource={parties}
        data-testid="case-parties"
        renderItem={(p) => (
          <List.Item key={p.id}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={p.role === 'lead' ? 'blue' : 'default'}>{t(`cases.partyRoles.${p.role}`)}</Tag>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.externalRegion && <Typography.Text type="secondary">{p.externalRegion}</Typography.Text>}
                {p.contact && <Typography.Text type="secondary">{labelled(t, t('cases.contact'), p.contact)}</Typography.Text>}
                {isLead && can('case.write') && p.role !== 'lead' && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAssigning(p.id)}>
                    {t('cases.addTask')}
                  </Button>
                )}
              </Space>
              {p.tasks.length > 0 ? (
                <List
                  size="small"
                  dataSource={p.tasks}
                  renderItem={(task) => (
                    <List.Item
                      extra={
                        task.doneOn ? (
                          <Tag color="green">{t('cases.taskDoneOn', { date: formatDate(task.doneOn) })}</Tag>
                        ) : p.own && can('case.write') ? (
                          <Button size="small" onClick={() => setFinishing(task)}>
                            {t('cases.taskDone')}
                          </Button>
                        ) : null
                      }
                    >
                      <Space direction="vertical" size={0}>
                        <span>{task.title}</span>
                        {task.dueOn && !task.doneOn && <DueDate dueOn={task.dueOn} />}
                        {task.doneNote && <Typography.Text type="secondary">{task.doneNote}</Typography.Text>}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                p.role !== 'lead' && <Typography.Text type="secondary">{t('cases.noTasks')}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <FormModal<{ title: string; dueOn?: unknown }>
        open={assigning !== null}
        title={t('cases.addTask')}
        onClose={() => setAssigning(null)}
        onSubmit={async (v) => {
          try {
            await casesApi.addTask(c.id, assigning!, { title: v.title.trim(), dueOn: day(v.dueOn) });
          } catch (err) {
            throw explained(err, t);
          }
          reload();
        }}
      >
        <Form.Item name="title" label={t('cases.taskTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.taskTitle') }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('cases.taskDueOn')}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal<{ note?: string }>
        open={finishing !== null}
        title={t('cases.taskDone')}
        onClose={() => setFinishing(null)}
        onSubmit={async (v) => {
          try {
            await casesApi.taskDone(finishing!.id, { note: v.note?.trim() || undefined });
          } catch (err) {
            throw explained(err, t);
          }
          reload();
        }}
      >
        <Form.Item name="note" label={t('cases.taskDoneNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
