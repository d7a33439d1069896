import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorText } from '../api.js';
import { useI18n } from '../i18n.js';

export type ComposerKind = 'reply' | 'note';

/**
 * The reply box: a reply or a private note. The text stays until the send succeeds; a failure
 * is shown in place, under the box.
 */
export function Composer({ onSend }: { onSend: (text: string, kind: ComposerKind) => Promise<unknown> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ComposerKind>('reply');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const content = text.trim();
    if (!content || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSend(content, kind);
      setText('');
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form className={`composer composer-${kind}`} onSubmit={send} aria-label={t('composer.label')}>
      <fieldset className="composer-kind">
        <legend className="visually-hidden">{t('composer.mode')}</legend>
        {(['reply', 'note'] as const).map((option) => (
          <label key={option} className={kind === option ? 'selected' : undefined}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={option}
              checked={kind === option}
              onChange={() => setKind(option)}
            />
            {t(option === 'reply' ? 'composer.reply' : 'composer.note')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t(kind === 'reply' ? 'composer.reply' : 'composer.note')}
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        rows={3}
        placeholder={t(kind === 'reply' ? 'composer.replyPlaceholder' : 'composer.notePlaceholder')}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-foot">
        <span id={`${id}-hint`} className="hint">
          {t('composer.hint')}
        </span>
        <button type="submit" disabled={busy || !text.trim()}>
          {busy ? t('composer.sending') : t(kind === 'reply' ? 'composer.send' : 'composer.addNote')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
