import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.js';
import { MessageParts } from './message-parts.js';

/** A message as the shared thread shows it: who, which side, what kind (product-neutral). */
export interface ThreadMessage {
  id: string;
  /** The author's display name. */
  author: string;
  /** `customer` on one side, `staff` on the other; `system` centred. */
  side: 'customer' | 'staff' | 'system';
  /** A private note is shown apart and labelled. */
  note: boolean;
  parts: unknown[];
  /** ISO time. */
  time: string;
}

/**
 * A conversation's messages, oldest first, in a live region (new messages are announced); keeps
 * the newest in view when the agent is already at the bottom.
 */
export function MessageThread({ messages, label }: { messages: ThreadMessage[]; label: string }) {
  const { t, language } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const list = ref.current;
    if (list && atBottom.current) list.scrollTop = list.scrollHeight;
  }, [messages]);

  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div
      ref={ref}
      className="thread"
      role="log"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const list = event.currentTarget;
        atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      }}
    >
      {messages.length === 0 && <p className="thread-empty">{t('conversation.noMessages')}</p>}
      <ol>
        {messages.map((message) => (
          <li
            key={message.id}
            className={`message message-${message.side}${message.note ? ' message-note' : ''}`}
          >
            <div className="message-meta">
              <span className="message-author">{message.author}</span>
              {message.note && <span className="message-tag">{t('message.note')}</span>}
              <time dateTime={message.time}>{format.format(new Date(message.time))}</time>
            </div>
            <div className="message-body">
              <MessageParts parts={message.parts} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
