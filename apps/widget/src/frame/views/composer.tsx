import { useEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.js';
import { ACCEPTED_FILES } from '../parts.js';
import type { AppState } from '../state.js';

/** Text (Enter sends, Shift+Enter breaks the line) and an attachment button. */
export function Composer({ c, state }: { c: Controller; state: AppState }) {
  const { t } = c;
  const [text, setText] = useState(state.draft.text);
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.draft.nonce) setText(state.draft.text);
  }, [state.draft.nonce]);
  useEffect(() => {
    if (state.focusNonce && state.open) input.current?.focus();
  }, [state.focusNonce, state.open]);

  const send = () => {
    if (!text.trim()) return;
    c.sendText(text);
    setText('');
    input.current?.focus();
  };

  return (
    <form
      class="tc-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {state.notice ? (
        <p class="tc-error tc-notice" role="alert">
          {state.notice}
        </p>
      ) : null}
      {state.uploads.map((u) => (
        <p key={u.id} class="tc-uploading" role="status">
          {t('uploading', { name: u.name })}
        </p>
      ))}
      <div class="tc-row">
        <label for="tc-composer" class="tc-vh">
          {t('composer')}
        </label>
        <textarea
          id="tc-composer"
          ref={input}
          rows={2}
          maxLength={10000}
          placeholder={t('composerHint')}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            c.composerInput(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <input
          id="tc-file"
          ref={file}
          type="file"
          hidden
          accept={ACCEPTED_FILES}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (chosen) void c.attach(chosen);
          }}
        />
        <button
          type="button"
          class="tc-icon-button"
          aria-label={t('attach')}
          title={t('attach')}
          onClick={() => file.current?.click()}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"
            />
          </svg>
        </button>
        <button type="submit" class="tc-button">
          {t('send')}
        </button>
      </div>
    </form>
  );
}
