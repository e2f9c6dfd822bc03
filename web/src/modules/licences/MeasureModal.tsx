import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { licencesApi, type Licence, type TransitionResult } from './licences.api';
import { MEASURE_FIELDS, MeasureFields, type MeasureValues, toTransitionInput } from './MeasureFields';

interface Props {
  /** The licence to act on; null when the dialog is closed. */
  licence: Licence | null;
  onClose: () => void;
  onDone: (result: TransitionResult) => void;
  /** Someone else changed the licence since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Takes a supervision measure: only the targets allowed from the licence's state are offered. */
export function MeasureModal({ licence, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();

  return (
    <FormModal<MeasureValues>
      open={!!licence}
      title={t('licences.measure')}
      okText={t('common.ok')}
      fieldErrorOf={namedFieldError(MEASURE_FIELDS)}
      onSubmit={async (v) => onDone(await licencesApi.transition(licence!.id, toTransitionInput(v), licence!.version))}
      onClose={onClose}
      onStale={onStale}
    >
      <MeasureFields targets={licence?.allowedTargets ?? []} />
    </FormModal>
  );
}
