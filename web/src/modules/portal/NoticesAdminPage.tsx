import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { NoticeFormModal } from './NoticeFormModal';
import { NoticeStatusTag } from './labels';
import { NOTICE_KINDS, NOTICE_STATUSES, noticeAdminPath, noticesApi, type Notice, type NoticeQuery } from './portal.api';
import './portal.staff.i18n';

/** 门户信息发布: the notices of the user's data scope, latest change first, by kind, status and text; a new draft. */
export function NoticesAdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`portal.admin.${key}`);
  return (
    <>
      <ListPage<Notice, NoticeQuery>
        title={t('portal.menuNotices')}
        rowKey="id"
        fetch={noticesApi.list}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-create">
            {label('create')}
          </Button>
        }
        filters={
          <>
            <Form.Item name="kind" label={t('portal.notices.kind')}>
              <Select allowClear style={{ width: 120 }} options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`portal.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={label('status')}>
              <Select allowClear style={{ width: 120 }} options={NOTICE_STATUSES.map((s) => ({ value: s, label: t(`portal.statuses.${s}`) }))} />
            </Form.Item>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear maxLength={100} style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        columns={[
          { key: 'title', title: label('titleField'), render: (_, n) => <Link to={noticeAdminPath(n.id)}>{n.title}</Link> },
          { key: 'kind', title: t('portal.notices.kind'), width: 90, render: (_, n) => <Tag>{t(`portal.kinds.${n.kind}`)}</Tag> },
          { key: 'status', title: label('status'), width: 100, render: (_, n) => <NoticeStatusTag status={n.status} /> },
          { key: 'org', title: t('portal.notices.org'), dataIndex: 'orgName' },
          { key: 'by', title: label('createdBy'), dataIndex: 'createdByName', width: 110 },
          { key: 'updated', title: label('updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
      <NoticeFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const created = await noticesApi.create(v);
          navigate(noticeAdminPath(created.id));
        }}
      />
    </>
  );
}
