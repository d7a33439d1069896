import { useCatalogue } from '../../shared/i18n.js';
import { uiText } from './ui-text.js';

/**
 * A Delete button that asks first, in place: the question (labelling the group), "Yes, delete" and
 * Cancel. The caller owns `confirming` so it can close the question once its mutation settles.
 */
export function InlineConfirm(props: {
  questionId: string;
  question: string;
  confirming: boolean;
  setConfirming(confirming: boolean): void;
  onConfirm(): void;
  /** Disables "Yes, delete" while the deletion runs (undefined leaves it enabled). */
  pending?: boolean;
}) {
  const t = useCatalogue(uiText);
  if (!props.confirming)
    return (
      <button type="button" className="danger" onClick={() => props.setConfirming(true)}>
        {t('delete')}
      </button>
    );
  return (
    <div role="group" aria-labelledby={props.questionId} className="confirm">
      <p id={props.questionId}>{props.question}</p>
      <button type="button" className="danger" onClick={props.onConfirm} disabled={props.pending}>
        {t('confirmDelete')}
      </button>
      <button type="button" onClick={() => props.setConfirming(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}
