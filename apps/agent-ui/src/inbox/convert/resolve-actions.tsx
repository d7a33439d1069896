import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCatalogue, useI18n } from '../../shared/i18n.js';
import { conversionApi, type ConvertedConversation } from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import { causeText, timeText } from './convert-causes.js';
import { ConvertDialog } from './convert-dialog.js';
import { convertText } from './convert-text.js';

/**
 * Resolve / Reopen, and "Convert to ticket…" when a helpdesk is connected (I4, I6). With the
 * mandatory rule on, a plain resolve is refused in place with the reason and the dialog is the
 * way to resolve. Shows the ticket a conversation became, or when a queued conversion runs.
 */
export function ResolveActions({
  conversation,
  busy,
  setStatus,
}: {
  conversation: ConvertedConversation;
  busy: boolean;
  setStatus: (status: 'resolved' | 'reopened') => void;
}) {
  const t = useCatalogue(convertText);
  const { t: shared, language } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const api = useMemo(() => conversionApi(client), [client]);
  const conversationId = conversation.id;
  const resolveButton = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState(false);

  const state = useQuery({
    queryKey: ['ticket-conversion', conversationId],
    queryFn: () => api.state(conversationId),
    retry: false,
    // A queued conversion runs on the server later: look again until it is done or failed.
    refetchInterval: (query) =>
      query.state.data?.state === 'queued' || query.state.data?.state === 'running' ? 5000 : false,
  });

  const ticket = conversation.ticket ?? state.data?.ticket ?? null;
  useEffect(() => {
    // Converted by a queued run (or elsewhere): the conversation now carries its ticket.
    if (state.data?.state === 'done' && !conversation.ticket)
      void queries.invalidateQueries({ queryKey: ['conversation', conversationId] });
  }, [state.data?.state, conversation.ticket, conversationId, queries]);

  const resolved = conversation.status === 'resolved';
  const integration = state.data?.integration;
  const mandatory = !!integration?.conversion_mandatory && !ticket;

  async function resolveOrReopen() {
    if (resolved) return setStatus('reopened');
    // The rule may have changed since the pane opened: ask again before deciding.
    const fresh = (await state.refetch()).data;
    if (fresh?.integration.conversion_mandatory && !fresh.ticket && !conversation.ticket) {
      setRefused(true);
      return;
    }
    setRefused(false);
    setStatus('resolved');
  }

  function close() {
    setOpen(false);
    // Back to where the agent started (the dialog is gone from the page by then).
    setTimeout(() => resolveButton.current?.focus(), 0);
  }

  return (
    <>
      <button type="button" ref={resolveButton} disabled={busy} onClick={() => void resolveOrReopen()}>
        {resolved ? shared('conversation.reopen') : shared('conversation.resolve')}
      </button>
      {!resolved && integration?.connected && !ticket && (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('resolve.convert')}
        </button>
      )}
      {refused && mandatory && (
        <p className="convert-state refused" role="alert">
          {t('resolve.mandatory')}
        </p>
      )}
      {ticket && (
        <p className="convert-state">
          {ticket.url ? (
            <a href={ticket.url} target="_blank" rel="noopener noreferrer">
              {t('resolve.converted', { id: ticket.id })}
            </a>
          ) : (
            t('resolve.converted', { id: ticket.id })
          )}
        </p>
      )}
      {!ticket && state.data?.state === 'queued' && state.data.run_at && (
        <p className="convert-state" role="status">
          {t('resolve.queued', { time: timeText(state.data.run_at, language) })}
        </p>
      )}
      {!ticket && !open && state.data?.state === 'failed' && state.data.error && (
        <p className="convert-state refused">
          {t('resolve.failed', { message: causeText(t, state.data.error, [], language) })}
        </p>
      )}
      {open && (
        <ConvertDialog
          conversationId={conversationId}
          resolveByDefault={!!integration?.conversion_mandatory}
          onDone={() => setRefused(false)}
          onClose={close}
        />
      )}
    </>
  );
}
