import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import type { PublicRecord, RecordInspector } from './drawRecord';
import '../draws.pages.i18n';

/** The people and objects a record names, by id / key (display only: not part of the verification). */
export interface RecordNames {
  inspector: (id: string) => RecordInspector | undefined;
  /** The object name of a key (USCC). */
  object: (key: string) => string | undefined;
  /** The opened key of a blinded id (`/2`); in a `/1` record the ids are the keys. */
  keyOf: (id: string) => string | undefined;
}

export function useRecordNames(record: PublicRecord | undefined | null): RecordNames {
  return useMemo(() => {
    const inspectors = new Map((record?.inspectors ?? []).map((i) => [i.id, i]));
    const objects = new Map((record?.objects ?? []).map((o) => [o.key, o.name]));
    const openings = new Map((record?.openings ?? []).map((o) => [o.blindedId, o.key]));
    const blinded = record?.version !== 'zhijian-draw/1';
    return {
      inspector: (id) => inspectors.get(id),
      object: (key) => objects.get(key) ?? undefined,
      keyOf: (id) => (blinded ? openings.get(id) : id),
    };
  }, [record]);
}

/** An inspector for people: name and certificate number (the user id on hover). */
export function InspectorName({ id, names }: { id: string; names: RecordNames }) {
  const { t } = useTranslation();
  const person = names.inspector(id);
  if (!person) {
    return (
      <Typography.Text type="secondary" title={id}>
        {t('draws.record.unknownInspector')}
      </Typography.Text>
    );
  }
  return (
    <span title={id} data-testid="inspector-name">
      {withNote(t, person.name, person.certificateNo ?? t('draws.record.noCertificate'))}
    </span>
  );
}

/** An object for people: its name and USCC. */
export function ObjectName({ objectKey, names }: { objectKey: string; names: RecordNames }) {
  const name = names.object(objectKey);
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      {name && <span>{name}</span>}
      <Typography.Text code style={{ fontFamily: 'monospace', alignSelf: 'flex-start' }}>
        {objectKey}
      </Typography.Text>
    </span>
  );
}

const RULES = ['inactive', 'region', 'specialty', 'conflict', 'last_time'];

/** An exclusion rule in a sentence (for a tooltip); undefined when unknown. */
export function useRuleHelp(): (rule: string) => string | undefined {
  const { t } = useTranslation();
  return (rule) => (RULES.includes(rule) ? t(`draws.ruleHelp.${rule}`) : undefined);
}
