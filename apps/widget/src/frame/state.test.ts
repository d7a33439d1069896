import type { UserConversationUpdate } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { conversationUpdated, initialState, withConversation, type AppState } from './state.js';

const update = (over: Partial<UserConversationUpdate>): UserConversationUpdate => ({
  conversationId: 'c1',
  change: 'assignment',
  status: 'assigned',
  assignedAgent: { name: 'Aiko Sato', avatarUrl: null },
  csatOffer: null,
  ...over,
});

const withC1 = (): AppState => ({ ...initialState('en', 1000), conversation: { id: 'c1', status: 'new' } });

describe('conversation updates', () => {
  it('shows the assigned agent’s name and the status', () => {
    const { state, resolved } = conversationUpdated(withC1(), update({}));
    expect(resolved).toBe(false);
    expect(state.agent).toEqual({ name: 'Aiko Sato', avatarUrl: null });
    expect(state.conversation).toEqual({ id: 'c1', status: 'assigned' });
    expect(
      conversationUpdated(state, update({ assignedAgent: null, status: 'new' })).state.agent,
    ).toBeUndefined();
  });

  it('offers the CSAT survey with a resolve, and withdraws it on a reopen', () => {
    const resolved = conversationUpdated(
      withC1(),
      update({ change: 'resolution', status: 'resolved', csatOffer: { resolveNumber: 1 } }),
    );
    expect(resolved.resolved).toBe(true);
    expect(resolved.state.csat).toEqual({ conversationId: 'c1', status: 'offered' });
    const reopened = conversationUpdated(resolved.state, update({ change: 'reopen', status: 'reopened' }));
    expect(reopened.state.csat).toBeUndefined();
    // A resolve without an offer (rated already) asks nothing.
    expect(
      conversationUpdated(withC1(), update({ change: 'resolution', status: 'resolved' })).state.csat,
    ).toBeUndefined();
  });

  it('ignores updates of another conversation than the one shown', () => {
    const state = withC1();
    expect(conversationUpdated(state, update({ conversationId: 'c2' })).state).toBe(state);
  });

  it('takes an open survey from REST on load', () => {
    const conversation = {
      id: 'c1',
      status: 'resolved' as const,
      last_seq: 4,
      csat_offered: true,
      updated_time: '2026-01-01T00:00:00Z',
    };
    expect(withConversation(initialState('en', 1000), conversation).csat).toEqual({
      conversationId: 'c1',
      status: 'offered',
    });
    expect(
      withConversation(initialState('en', 1000), { ...conversation, csat_offered: false }).csat,
    ).toBeUndefined();
  });

  it('takes the assigned agent’s face from REST on load', () => {
    const conversation = {
      id: 'c1',
      status: 'assigned' as const,
      last_seq: 4,
      csat_offered: false,
      updated_time: '2026-01-01T00:00:00Z',
      assigned_agent: { first_name: 'Aiko', name: 'Aiko Sato', avatar_url: 'https://cdn.example/a.png' },
    };
    const loaded = withConversation(initialState('en', 1000), conversation);
    expect(loaded.agent).toEqual({ name: 'Aiko Sato', avatarUrl: 'https://cdn.example/a.png' });
    expect(withConversation(loaded, { ...conversation, assigned_agent: null }).agent).toBeUndefined();
    // A server that does not say keeps what the socket told.
    const { assigned_agent: _, ...older } = conversation;
    expect(withConversation(loaded, older).agent).toEqual(loaded.agent);
  });
});
