import { AppError, FieldErrors } from '../../../platform/http/errors.js';
import { findAgentById, type AgentRow } from '../../agents/index.js';
import { recordEvent, type ChatContext } from '../../context.js';
import type { ConversationStatus } from '../../db.js';
import { findGroupById, pickRoundRobinAgent, type GroupRow } from '../../groups/index.js';
import { findHelpdeskConnection } from '../../helpdesk/index.js';
import { updateConversationRow, type ConversationRow, type MessageRow } from '../conversation.repository.js';
import { addSystemMessage, SYSTEM_TEXT } from './add-system-message.js';

export interface ConversationChangesInput {
  status?: ConversationStatus | undefined;
  assigned_agent_id?: string | null | undefined;
  assigned_group_id?: string | null | undefined;
  properties?: Record<string, unknown> | undefined;
}

export interface ConversationChangesResult {
  conversation: ConversationRow;
  /** The assignment, resolve and reopen notices written, in order. */
  systemMessages: MessageRow[];
  /** Whether this change resolved or reopened the conversation (for events after commit). */
  resolved: boolean;
  reopened: boolean;
}

/**
 * Applies status, assignment and property changes to a conversation the caller has locked (or
 * just created) in its transaction. Assigning only a round-robin group picks one of its
 * available agents (the group row stays locked until commit). Each assignment, resolve and
 * reopen leaves a system message; a resolve counts one more resolve for CSAT.
 */
export async function applyConversationChanges(
  ctx: ChatContext,
  current: ConversationRow,
  input: ConversationChangesInput,
): Promise<ConversationChangesResult> {
  const { db } = ctx;
  const errors = new FieldErrors();
  const agentGiven = input.assigned_agent_id !== undefined;
  const groupGiven = input.assigned_group_id !== undefined;
  const [givenAgent, givenGroup] = await Promise.all([
    input.assigned_agent_id ? findAgentById(db, input.assigned_agent_id) : undefined,
    input.assigned_group_id ? findGroupById(db, input.assigned_group_id) : undefined,
  ]);
  if (input.assigned_agent_id && (!givenAgent || givenAgent.is_deactivated))
    errors.add('assigned_agent_id', 'invalid_value', 'There is no active agent with this id');
  if (input.assigned_group_id && !givenGroup)
    errors.add('assigned_group_id', 'invalid_value', 'There is no group with this id');
  errors.throwIfAny();

  let agentId = agentGiven ? (input.assigned_agent_id ?? null) : current.assigned_agent_id;
  const groupId = groupGiven ? (input.assigned_group_id ?? null) : current.assigned_group_id;
  let agent: AgentRow | undefined = givenAgent;
  if (
    givenGroup &&
    !agentGiven &&
    (givenGroup.id !== current.assigned_group_id || current.assigned_agent_id === null)
  ) {
    // A group without an agent: round robin picks one; a manual group waits for someone to take it.
    agent =
      givenGroup.routing_type === 'round_robin' ? await pickRoundRobinAgent(db, givenGroup.id) : undefined;
    agentId = agent?.id ?? null;
  }

  const wasResolved = current.status === 'resolved';
  const agentChanged = agentId !== current.assigned_agent_id;
  let status: ConversationStatus = current.status;
  switch (input.status) {
    case 'resolved':
      status = 'resolved';
      break;
    case 'reopened':
      if (current.status === 'new' || current.status === 'assigned')
        errors.add('status', 'inconsistent_state', 'Only a resolved conversation can be reopened');
      status = 'reopened';
      break;
    case 'assigned':
      if (!agentId)
        errors.add('status', 'inconsistent_state', 'It needs an assigned agent: set assigned_agent_id');
      status = 'assigned';
      break;
    case 'new':
      if (agentId)
        errors.add('status', 'inconsistent_state', 'A conversation with an assigned agent cannot be new');
      status = 'new';
      break;
    case undefined:
      // An assignment moves an open conversation between new/reopened and assigned.
      if (agentChanged && !wasResolved)
        status = agentId ? 'assigned' : current.resolve_count > 0 ? 'reopened' : 'new';
  }
  errors.throwIfAny();

  const groupChanged = groupId !== current.assigned_group_id;
  const resolving = status === 'resolved' && !wasResolved;
  if (resolving && current.ticket_id === null) await assertMayResolveWithoutTicket(db);
  const reopening = wasResolved && status !== 'resolved';
  const properties = input.properties ? mergeProperties(current.properties, input.properties) : undefined;
  if (!agentChanged && !groupChanged && status === current.status && !properties) {
    return { conversation: current, systemMessages: [], resolved: false, reopened: false };
  }

  const now = new Date();
  let conversation = await updateConversationRow(
    db,
    current.id,
    {
      status,
      assigned_agent_id: agentId,
      assigned_group_id: groupId,
      ...(properties ? { properties } : {}),
      ...(resolving ? { resolve: { at: now, agentId } } : {}),
    },
    now,
  );
  const notices: string[] = [];
  if (agentChanged || groupChanged) {
    const [agentRow, groupRow] = await Promise.all([
      agent ?? (agentId ? findAgentById(db, agentId) : undefined),
      givenGroup ?? (groupId ? findGroupById(db, groupId) : undefined),
    ]);
    notices.push(assignmentText(agentRow, groupRow));
  }
  if (resolving) notices.push(SYSTEM_TEXT.resolved);
  if (reopening) notices.push(SYSTEM_TEXT.reopened);
  const systemMessages: MessageRow[] = [];
  for (const text of notices) {
    const written = await addSystemMessage(ctx, current.id, text, now);
    systemMessages.push(written.message);
    conversation = written.conversation;
  }
  if (agentChanged || groupChanged) recordEvent(ctx, { type: 'conversation_assignment', conversation });
  if (resolving) recordEvent(ctx, { type: 'conversation_resolution', conversation });
  if (reopening) recordEvent(ctx, { type: 'conversation_reopen', conversation });
  return { conversation, systemMessages, resolved: resolving, reopened: reopening };
}

/**
 * I4: with "conversion mandatory" on, a conversation is resolved only by converting it (the
 * convert command links the ticket first, then resolves). Every resolve path comes through here.
 */
async function assertMayResolveWithoutTicket(db: ChatContext['db']) {
  const connection = await findHelpdeskConnection(db);
  if (!connection?.conversion_mandatory) return;
  throw new AppError(
    'validation_failed',
    undefined,
    [
      {
        field: 'status',
        code: 'inconsistent_state',
        message:
          'Converting to a ticket is mandatory before resolving: convert this conversation (POST /v2/conversations/{id}/ticket-conversion with "resolve": true)',
      },
    ],
    409,
  );
}

function assignmentText(agent: AgentRow | undefined, group: GroupRow | undefined): string {
  const agentName = agent && [agent.first_name, agent.last_name].filter(Boolean).join(' ');
  if (agentName && group) return `Assigned to ${agentName} (${group.name})`;
  if (agentName) return `Assigned to ${agentName}`;
  if (group) return `Assigned to group ${group.name}`;
  return SYSTEM_TEXT.unassigned;
}

/** Shallow merge: a null value removes the property. */
function mergeProperties(current: unknown, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...((current ?? {}) as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
