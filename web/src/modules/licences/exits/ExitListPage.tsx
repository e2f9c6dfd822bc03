import { Form, Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../app/format';
import { ListPage } from '../../../app/list/ListPage';
import { useRegions } from '../../regions';
import { licencePath } from '../licenceColumns';
import { ExitStageTag, InvestigationDue, exitPath, useExitOptions } from './exitLabels';
import { exitsApi, type Exit, type ExitQuery } from './exits.api';
import './exits.pages.i18n';

/** Every exit procedure in the user's scope, newest first. */
export function ExitListPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const options = useExitOptions();

  const columns: TableColumnsType<Exit> = [
    { title: t('exits.kind'), dataIndex: 'kind', render: (kind: Exit['kind'], e) => <Link to={exitPath(e.id)}>{t(`exits.kinds.${kind}`)}</Link> },
    { title: t('exits.licence'), key: 'licence', render: (_, e) => <Link to={licencePath(e.licenceId)}>{`${e.licence.typeName} ${e.licence.number}`}</Link> },
    { title: t('exits.enterprise'), key: 'enterprise', render: (_, e) => e.licence.enterpriseName },
    { title: t('exits.triggerParty'), dataIndex: 'triggerParty' },
    { title: t('exits.triggerOn'), className: 'zj-nowrap', dataIndex: 'triggerOn', render: (v: string) => formatDate(v) },
    { title: t('exits.stage'), dataIndex: 'stage', render: (_, e) => <ExitStageTag exit={e} /> },
    { title: t('exits.investigationDueOn'), className: 'zj-nowrap', dataIndex: 'investigationDueOn', render: (_, e) => <InvestigationDue exit={e} /> },
    { title: t('exits.outcome'), dataIndex: 'outcome', render: (v: Exit['outcome']) => (v ? t(`exits.outcomes.${v}`) : '—') },
    { title: t('exits.createdAt'), className: 'zj-nowrap', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <ListPage<Exit, ExitQuery>
      title={t('exits.title')}
      fetch={exitsApi.list}
      rowKey="id"
      columns={columns}
      filters={
        <>
          <Form.Item name="stage" label={t('exits.stage')}>
            <Select allowClear style={{ width: 160 }} options={options.stages} />
          </Form.Item>
          <Form.Item name="kind" label={t('exits.kind')}>
            <Select allowClear style={{ width: 200 }} options={options.kinds} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('licences.region')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
          </Form.Item>
        </>
      }
    />
  );
}
