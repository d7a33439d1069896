import { useI18n } from '../i18n.js';

type Part = Record<string, Record<string, unknown> | undefined>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
/** Only web links are made clickable (the API accepts only http(s), but never trust a shape). */
const safeUrl = (value: unknown) => (/^https?:\/\//i.test(str(value)) ? str(value) : undefined);

/** A message's parts (chat-v2.md B4: text, image, file, url_button, quick_reply_button), as text and links. */
export function MessageParts({ parts }: { parts: unknown[] }) {
  const { t } = useI18n();
  return (
    <>
      {parts.map((raw, index) => {
        const part = (raw && typeof raw === 'object' ? raw : {}) as Part;
        if (part.text)
          return (
            <p key={index} className="part-text">
              {str(part.text.content)}
            </p>
          );
        if (part.image) {
          const url = safeUrl(part.image.url);
          return url ? (
            <a key={index} className="part-image" href={url} target="_blank" rel="noreferrer noopener">
              <img src={url} alt={t('message.image')} loading="lazy" />
            </a>
          ) : null;
        }
        if (part.file) {
          const url = safeUrl(part.file.url);
          const label = t('message.file', { name: str(part.file.name) });
          return url ? (
            <a key={index} className="part-file" href={url} target="_blank" rel="noreferrer noopener">
              {label}
            </a>
          ) : (
            <p key={index}>{label}</p>
          );
        }
        if (part.url_button) {
          const url = safeUrl(part.url_button.url);
          return url ? (
            <a key={index} className="part-link" href={url} target="_blank" rel="noreferrer noopener">
              {str(part.url_button.label)}
            </a>
          ) : null;
        }
        if (part.quick_reply_button)
          return (
            <span key={index} className="part-chip">
              {str(part.quick_reply_button.label)}
            </span>
          );
        return null;
      })}
    </>
  );
}
