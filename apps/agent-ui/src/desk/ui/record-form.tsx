import type { UseMutationResult } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { saveErrorsOf, useFocusFirstInvalid } from '../contacts/form-controls.js';
import { uiText } from './ui-text.js';

/**
 * The wiring every record form repeats around its save mutation: Desk's errors split by the
 * `shown` fields, focus to the first invalid control, and a submit handler that saves.
 */
export function useRecordForm<D>(save: UseMutationResult<D, Error, void>, shown: readonly string[]) {
  const errors = saveErrorsOf(save.error, shown);
  const formRef = useFocusFirstInvalid(errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return { errors, formRef, submit };
}

/** Save (or Create for a new record, "Saving…" while pending) and Cancel at the end of a form. */
export function FormActions(props: { pending: boolean; isNew: boolean; onCancel(): void }) {
  const t = useCatalogue(uiText);
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={props.pending}>
        {props.pending ? t('saving') : props.isNew ? t('create') : t('save')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
