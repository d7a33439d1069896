import { notFound } from '../../platform/http/errors.js';
import type { ChatDb } from '../db.js';
import { findGroupById } from '../groups/index.js';
import { listUserProperties } from '../user-properties/index.js';
import { findUserById } from '../users/index.js';
import { fullNameOf, type AttributeContext, type PropertyDefinition } from './attributes.js';
import {
  findAgentNames,
  findLatestCsatRating,
  listFieldMappings,
  listTranscriptMessages,
  type FieldMappingRow,
} from './conversion.repository.js';
import { buildTranscript, firstUserText } from './transcript.js';

/** Transcripts stop here: a ticket description is not an archive. */
const MAX_TRANSCRIPT_MESSAGES = 2000;

/** Where an agent opens the conversation (the API's address until the inbox serves its own). */
export const conversationUrlOf = (chatUrl: string, conversationId: string) =>
  `${chatUrl.replace(/\/+$/, '')}/v2/conversations/${conversationId}`;

/** Where a ticket is linked to: the helpdesk's agent page for it (Desk's agent UI at /a). */
export const ticketUrlOf = (helpdeskUrl: string, ticketId: number) =>
  `${helpdeskUrl.replace(/\/+$/, '')}/a/tickets/${ticketId}`;

export interface ConversionData {
  attributes: AttributeContext;
  saved: FieldMappingRow[];
  properties: PropertyDefinition[];
}

/** Everything the mapping reads for one conversation, read from Chat's database. */
export async function loadConversionData(
  db: ChatDb,
  conversation: {
    id: string;
    user_id: string;
    site_id: string;
    assigned_agent_id: string | null;
    assigned_group_id: string | null;
  },
  chatUrl: string,
): Promise<ConversionData> {
  const [user, messages, saved, propertyRows, group, csatRating] = await Promise.all([
    findUserById(db, conversation.user_id),
    listTranscriptMessages(db, conversation.id, MAX_TRANSCRIPT_MESSAGES),
    listFieldMappings(db),
    listUserProperties(db),
    conversation.assigned_group_id ? findGroupById(db, conversation.assigned_group_id) : undefined,
    findLatestCsatRating(db, conversation.id),
  ]);
  if (!user) throw notFound();
  const agentIds = [
    ...new Set(
      [
        conversation.assigned_agent_id,
        ...messages.filter((m) => m.actor_type === 'agent').map((m) => m.actor_id),
      ].filter((id): id is string => typeof id === 'string'),
    ),
  ];
  const agents = await findAgentNames(db, agentIds);
  const agentNames = new Map(agents.map((a) => [a.id, fullNameOf(a) ?? a.email]));
  const assigned = agents.find((a) => a.id === conversation.assigned_agent_id);
  const conversationUrl = conversationUrlOf(chatUrl, conversation.id);
  const userName = fullNameOf(user) ?? user.email ?? user.phone ?? 'Customer';
  return {
    saved,
    properties: propertyRows.map((p) => ({ name: p.name, label: p.label, type: p.type, choices: p.choices })),
    attributes: {
      user: {
        id: user.id,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        phone: user.phone,
        reference_id: user.reference_id,
        properties: (user.properties ?? {}) as Record<string, unknown>,
      },
      conversationId: conversation.id,
      conversationUrl,
      siteId: conversation.site_id,
      agentName: assigned ? (fullNameOf(assigned) ?? assigned.email) : null,
      agentEmail: assigned?.email ?? null,
      groupName: group?.name ?? null,
      transcript: buildTranscript({ conversationUrl, userName, messages, agentNames }),
      csatRating,
      firstUserMessage: firstUserText(messages),
    },
  };
}
