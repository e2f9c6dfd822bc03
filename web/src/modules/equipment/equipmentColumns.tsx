import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { enterprisePath } from '../enterprises';
import { useRegions } from '../regions';
import type { Unit } from './equipment.api';
import { DueDate, StatusTag, UnitFlags, unitPath } from './equipmentLabels';
import { useEquipmentCategories } from './useEquipmentCategories';

/** The category of a unit as its name (and subcategory's, when it has one). */
export function useCategoryText() {
  const categories = useEquipmentCategories();
  return (u: Pick<Unit, 'category' | 'subcategory'>) => {
    const top = categories.nameOf(u.category);
    const sub = u.subcategory ? categories.nameOf(u.subcategory) : null;
    return sub ? `${top} / ${sub}` : top;
  };
}

/** The columns of a unit table; the user enterprise's column only where the table spans enterprises. */
export function useUnitColumns({ withUser }: { withUser: boolean }): TableColumnsType<Unit> {
  const { t } = useTranslation();
  const regions = useRegions();
  const categoryText = useCategoryText();
  const user: TableColumnsType<Unit> = [
    { title: t('equipment.userName'), dataIndex: 'userName', minWidth: 160, render: (v: string, u) => <Link to={enterprisePath(u.userUscc)}>{v}</Link> },
  ];
  return [
    {
      title: t('equipment.equipmentCode'),
      className: 'zj-nowrap',
      dataIndex: 'equipmentCode',
      render: (v: string, u) => (
        <Link to={unitPath(u.id)} style={{ fontFamily: 'monospace' }}>
          {v}
        </Link>
      ),
    },
    { title: t('equipment.registrationNo'), className: 'zj-nowrap', dataIndex: 'registrationNo', render: (v: string | null) => v ?? t('equipment.none') },
    { title: t('equipment.category'), dataIndex: 'category', minWidth: 150, render: (_, u) => categoryText(u) },
    ...(withUser ? user : []),
    { title: t('equipment.region'), className: 'zj-nowrap', dataIndex: 'regionCode', render: (v: string) => regions.nameOf(v) },
    { title: t('equipment.status'), className: 'zj-nowrap', dataIndex: 'status', render: (_, u) => <StatusTag status={u.status} /> },
    { title: t('equipment.nextInspectionDue'), className: 'zj-nowrap', dataIndex: 'nextInspectionDue', render: (_, u) => <DueDate unit={u} /> },
    { title: t('equipment.flags'), key: 'flags', minWidth: 100, render: (_, u) => <UnitFlags unit={u} /> },
  ];
}
