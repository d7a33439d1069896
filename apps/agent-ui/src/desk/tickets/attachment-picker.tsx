import { useId, useState, type DragEvent, type MouseEvent } from 'react';
import { fetchBlob } from '../api.js';
import { useCatalogue } from '../../shared/i18n.js';
import { formatSize, type Attachment } from './ticket-api.js';
import { ticketText } from './ticket-text.js';

/**
 * Files to send with a reply or note: a labelled file picker plus drag and drop onto the area,
 * chosen files shown as chips with a remove button; `error` is Desk's field error on `attachments`.
 */
export function AttachmentPicker(props: {
  files: File[];
  error?: string | undefined;
  onChange(files: File[]): void;
}) {
  const t = useCatalogue(ticketText);
  const inputId = useId();
  const [over, setOver] = useState(false);
  const add = (list: FileList | null) => {
    if (list && list.length > 0) props.onChange([...props.files, ...Array.from(list)]);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  };
  return (
    <div
      className={`attachments-picker${over ? ' drop-over' : ''}${props.error ? ' invalid' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        id={inputId}
        type="file"
        multiple
        className="visually-hidden"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${inputId}-error` : undefined}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <label htmlFor={inputId} className="attach-button">
        {t('attach')}
      </label>
      <span className="hint">{t('dropHint')}</span>
      {props.files.length > 0 && (
        <ul className="chips" aria-label={t('attachments')}>
          {props.files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="chip">
              <span>
                {file.name} <span className="meta">({formatSize(file.size)})</span>
              </span>
              <button
                type="button"
                aria-label={t('remove', { name: file.name })}
                onClick={() => props.onChange(props.files.filter((_, i) => i !== index))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {props.error && (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * Saves an attachment: fetched with the session's CSRF header (Desk checks it on every API call,
 * so a plain link would be refused), then handed to the browser as a download.
 */
async function download(event: MouseEvent<HTMLAnchorElement>, attachment: Attachment, onError: () => void) {
  event.preventDefault();
  try {
    const url = URL.createObjectURL(await fetchBlob(`/api/v2/attachments/${attachment.id}`));
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    onError();
  }
}

/** A conversation's attachments as download links (the API authorizes each download). */
export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const t = useCatalogue(ticketText);
  const [failed, setFailed] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  return (
    <ul className="chips attachment-links" aria-label={t('attachments')}>
      {attachments.map((a) => (
        <li key={a.id} className="chip">
          <a
            href={`/api/v2/attachments/${a.id}`}
            aria-label={t('download', { name: a.name, size: formatSize(a.size) })}
            onClick={(e) => {
              setFailed(null);
              void download(e, a, () => setFailed(a.id));
            }}
          >
            {a.name}
          </a>{' '}
          <span className="meta">({formatSize(a.size)})</span>
          {failed === a.id && (
            <span className="field-error" role="alert">
              {t('downloadFailed')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
