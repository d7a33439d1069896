import { useEffect, useId, useRef } from 'react';
import { useCatalogue, type CatalogueTranslate } from '../../shared/i18n.js';
import type { FieldError, Ticket, TicketField } from '../api.js';
import { choicesOf, labelOf } from '../fields.js';
import { useI18n } from '../i18n-context.js';
import type { TicketSnapshot, ThreadConversation } from './ticket-api.js';
import { ticketText, type TicketTextKey } from './ticket-text.js';

/** A write Desk held with 412: what was being done, Desk's field-level reasons, the ticket now. */
export interface HeldWrite {
  kind: 'reply' | 'note' | 'save';
  errors: FieldError[];
  fresh: TicketSnapshot;
}

const DEFAULTS: Record<string, [type: string, label: 'status' | 'priority' | 'group' | 'agent']> = {
  status: ['default_status', 'status'],
  priority: ['default_priority', 'priority'],
  group_id: ['default_group', 'group'],
  responder_id: ['default_agent', 'agent'],
};

/** The conversations of `fresh` that the agent has not seen in `seen`. */
export function newConversations(seen: TicketSnapshot, fresh: TicketSnapshot): ThreadConversation[] {
  const known = new Set(seen.conversations.map((c) => c.id));
  return fresh.conversations.filter((c) => !known.has(c.id));
}

function changeLines(
  seen: Ticket,
  fresh: Ticket,
  errors: FieldError[],
  fields: TicketField[] | undefined,
  t: CatalogueTranslate<TicketTextKey>,
  tDesk: ReturnType<typeof useI18n>['t'],
): string[] {
  const show = (v: unknown) =>
    v === null || v === undefined || v === ''
      ? t('none')
      : v === true
        ? t('yes')
        : v === false
          ? t('no')
          : String(v);
  const lines: string[] = [];
  for (const error of errors) {
    if (error.field === 'conversations') continue;
    const def = DEFAULTS[error.field];
    if (def) {
      const choices = choicesOf(fields, def[0], tDesk);
      const value = (ticket: Ticket) => {
        const raw = ticket[error.field as 'status'];
        return raw == null ? t('none') : labelOf(choices, raw);
      };
      lines.push(t('changedFromTo', { field: tDesk(def[1]), from: value(seen), to: value(fresh) }));
      continue;
    }
    const custom = /^custom_fields\.(.+)$/.exec(error.field);
    if (custom) {
      const name = custom[1]!;
      const label = fields?.find((f) => f.name === name)?.label ?? name;
      lines.push(
        t('changedFromTo', {
          field: label,
          from: show(seen.custom_fields?.[name]),
          to: show(fresh.custom_fields?.[name]),
        }),
      );
      continue;
    }
    if (error.field === 'subject') {
      lines.push(t('changedFromTo', { field: t('field_subject'), from: seen.subject, to: fresh.subject }));
      continue;
    }
    const key = `field_${error.field}` as TicketTextKey;
    lines.push(t('changed', { field: key in ticketText.en ? t(key) : error.field }));
  }
  return lines;
}

/**
 * The collision guard's notice: what changed since the agent opened the ticket (new replies and
 * notes with an excerpt, changed properties old → new) and the two ways on. The draft is untouched.
 */
export function CollisionNotice(props: {
  held: HeldWrite;
  seen: TicketSnapshot;
  fields: TicketField[] | undefined;
  busy: boolean;
  onSendAnyway(): void;
  onReview(): void;
}) {
  const t = useCatalogue(ticketText);
  const { t: tDesk } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.held]);
  const added = newConversations(props.seen, props.held.fresh);
  const lines = changeLines(
    props.seen.ticket,
    props.held.fresh.ticket,
    props.held.errors,
    props.fields,
    t,
    tDesk,
  );
  const intro =
    props.held.kind === 'reply' ? 'heldReply' : props.held.kind === 'note' ? 'heldNote' : 'heldSave';
  return (
    <section className="collision" role="region" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t('heldTitle')}
      </h3>
      <p>{t(intro)}</p>
      <ul>
        {added.length > 0 && (
          <li>
            {added.length === 1 ? t('addedOne') : t('added', { count: added.length })}
            <ul>
              {added.map((c) => (
                <li key={c.id}>
                  <span className="excerpt">
                    {c.private ? tDesk('privateNote') : c.incoming ? tDesk('incoming') : tDesk('outgoing')}:{' '}
                    {c.body_text.length > 160 ? `${c.body_text.slice(0, 160)}…` : c.body_text}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        )}
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="primary" disabled={props.busy} onClick={props.onSendAnyway}>
          {props.held.kind === 'save' ? t('saveAnyway') : t('sendAnyway')}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onReview}>
          {t('review')}
        </button>
      </div>
    </section>
  );
}
