import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { withNote } from '../../app/i18n/punctuation';
import { equipmentApi, type Category } from './equipment.api';

export interface CategoryLookup {
  categories: Category[];
  /** The name of a code (top category or subcategory), else the code itself. */
  nameOf: (code: string | null | undefined) => string;
  /** The ten top categories (and any an administrator added), as select options. */
  topOptions: { value: string; label: string }[];
  /** The subcategories of a top category, as select options. */
  subOptions: (parent: string | undefined) => { value: string; label: string }[];
  loading: boolean;
  reload: () => void;
}

/** The catalogue (特种设备目录) as a lookup: names by code and select options. */
export function useEquipmentCategories(): CategoryLookup {
  const { t } = useTranslation();
  const { data, loading, reload } = useAsync(equipmentApi.categories);
  return useMemo(() => {
    const categories = [...(data?.items ?? [])].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
    const byCode = new Map(categories.map((c) => [c.code, c]));
    const option = (c: Category) => ({ value: c.code, label: withNote(t, c.name, c.code) });
    return {
      categories,
      loading,
      reload,
      nameOf: (code) => (code ? (byCode.get(code)?.name ?? t(`equipment.topCategory.${code}`, { defaultValue: code })) : ''),
      topOptions: categories.filter((c) => !c.parentCode).map(option),
      subOptions: (parent) => (parent ? categories.filter((c) => c.parentCode === parent).map(option) : []),
    };
  }, [data, loading, reload, t]);
}
