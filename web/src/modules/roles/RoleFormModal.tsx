import { Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DATA_SCOPES, type DataScope, type Permission, type Role } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { permissionLabel } from './roleLabel';
import { rolesApi } from './roles.api';
import './roles.pages.i18n';

interface Values {
  key: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

interface Props {
  open: boolean;
  role?: Role;
  permissions: Permission[];
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the record since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

export function RoleFormModal({ open, role, permissions, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const groups = useMemo(() => {
    const m = new Map<string, Permission[]>();
    for (const p of permissions) m.set(p.group, [...(m.get(p.group) ?? []), p]);
    return [...m];
  }, [permissions]);

  const onSubmit = async (v: Values) => {
    const permissions = v.permissions ?? [];
    if (role) await rolesApi.update(role.key, { name: v.name, permissions, dataScope: v.dataScope }, role.version);
    else await rolesApi.create({ key: v.key, name: v.name, permissions, dataScope: v.dataScope });
    onSaved();
  };

  return (
    <FormModal<Values>
      open={open}
      width={680}
      title={role ? t('roles.edit') : t('roles.create')}
      initialValues={role ? { ...role } : { permissions: [], dataScope: 'org' }}
      onSubmit={onSubmit}
      onStale={onStale}
      onClose={onClose}
    >
      <Form.Item
        name="key"
        label={t('roles.key')}
        extra={role ? undefined : t('roles.keyHint')}
        rules={
          role
            ? []
            : [
                { required: true, message: t('common.required', { field: t('roles.key') }) },
                { pattern: /^[a-z][a-z0-9_]*$/, message: t('roles.keyPattern') },
              ]
        }
      >
        <Input disabled={!!role} maxLength={64} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('roles.name')}
        rules={[{ required: true, message: t('common.required', { field: t('roles.name') }) }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="dataScope" label={t('roles.dataScope')} rules={[{ required: true }]}>
        <Select options={DATA_SCOPES.map((s) => ({ value: s, label: t(`dataScope.${s}`) }))} />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.permissions')}>
        <Checkbox.Group style={{ width: '100%' }}>
          <div style={{ width: '100%' }}>
            {groups.map(([group, perms]) => (
              <div key={group} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(`permGroup.${group}`, { defaultValue: group })}</Typography.Text>
                <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
                  {perms.map((p) => (
                    <Col span={12} key={p.key}>
                      <Checkbox value={p.key}>
                        {permissionLabel(t, p.key)}
                        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                          {p.key}
                        </Typography.Text>
                      </Checkbox>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
          </div>
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
