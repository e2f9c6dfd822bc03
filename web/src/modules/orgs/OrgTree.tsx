import { Button, Card, Empty, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../api/types';

/** Builds the forest from parentId; an org whose parent is not visible becomes a root. */
export function buildOrgTree(orgs: Org[]): TreeDataNode[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string | null, Org[]>();
  for (const o of orgs) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): TreeDataNode[] =>
    (children.get(parent) ?? [])
      .filter((o) => !seen.has(o.id) && seen.add(o.id))
      .map((o) => ({ key: o.id, title: o.name, children: build(o.id) }));
  return build(null);
}

interface Props {
  orgs: Org[];
  selectedId: string | null;
  onSelect: (org: Org | null) => void;
}

export function OrgTree({ orgs, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const treeData = useMemo(() => buildOrgTree(orgs), [orgs]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);

  return (
    <Card
      size="small"
      title={t('orgs.tree')}
      extra={
        selectedId && (
          <Button size="small" type="link" onClick={() => onSelect(null)}>
            {t('orgs.showAll')}
          </Button>
        )
      }
      data-testid="org-tree"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('orgs.treeHint')}
      </Typography.Paragraph>
      {treeData.length ? (
        <Tree
          treeData={treeData}
          defaultExpandAll
          blockNode
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => onSelect(keys.length ? (byId.get(String(keys[0])) ?? null) : null)}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}
