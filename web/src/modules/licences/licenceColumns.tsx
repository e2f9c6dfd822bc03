import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { enterprisePath } from '../enterprises';
import type { Licence } from './licences.api';
import { ExpiryDate, LicenceStateTag } from './licenceLabels';

export const licencePath = (id: string) => `/licences/${encodeURIComponent(id)}`;

/** The columns of a licence table; the holder's columns only where the table spans enterprises. */
export function useLicenceColumns({ withHolder }: { withHolder: boolean }): TableColumnsType<Licence> {
  const { t } = useTranslation();
  const holder: TableColumnsType<Licence> = [
    {
      title: t('licences.enterprise'),
      dataIndex: 'enterpriseName',
      render: (v: string, l) => <Link to={enterprisePath(l.uscc)}>{v}</Link>,
    },
    { title: t('licences.region'), dataIndex: 'regionName', render: (v: string | null, l) => v ?? l.regionCode },
  ];
  return [
    { title: t('licences.number'), className: 'zj-nowrap', dataIndex: 'number', render: (v: string, l) => <Link to={licencePath(l.id)}>{v}</Link> },
    { title: t('licences.type'), dataIndex: 'typeName' },
    ...(withHolder ? holder : []),
    { title: t('licences.issuedOn'), className: 'zj-nowrap', dataIndex: 'issuedOn', render: (v: string) => formatDate(v) },
    { title: t('licences.expiresOn'), className: 'zj-nowrap', dataIndex: 'expiresOn', render: (_, l) => <ExpiryDate licence={l} /> },
    { title: t('common.status'), className: 'zj-nowrap', dataIndex: 'state', render: (_, l) => <LicenceStateTag state={l.state} /> },
  ];
}
