import { ApiError, type ApiClient } from '../../shared/api.js';

/* Chat's Integrations > Helpdesk API (I1–I5, B3, B5) as the admin screens read it. */

export interface KeyOwner {
  id: number;
  name: string | null;
  email: string | null;
  roles: string[];
  ticket_scope: number;
  occasional: boolean;
}

export type SettingName =
  'conversion_mandatory' | 'no_csat_for_converted' | 'ticket_replies_to_chat' | 'live_faq_sync';
export const SETTING_NAMES: SettingName[] = [
  'conversion_mandatory',
  'no_csat_for_converted',
  'ticket_replies_to_chat',
  'live_faq_sync',
];

export interface HelpdeskConnection {
  connected: boolean;
  url: string | null;
  key_owner: KeyOwner | null;
  verified_at: string | null;
  settings: Record<SettingName, boolean>;
}

export interface FieldMapping {
  attribute: string;
  fixed_value: string | number | boolean | null;
  show_field: boolean;
  /** A default Chat applies (not saved by an admin). */
  default: boolean;
}

export interface TicketField {
  name: string;
  label: string;
  type: string;
  required_for_agents: boolean;
  /** A list for dropdowns; a name → value object for status, priority, group, agent. */
  choices: unknown;
  mapping: FieldMapping | null;
}

export interface ChatAttribute {
  attribute: string;
  label: string;
  type: string;
  choices?: string[];
}

export interface MappingWarning {
  ticket_field: string;
  problem: 'required_unmapped' | 'field_gone' | 'type_changed' | 'incompatible';
  message: string;
}

export interface TicketFieldMapping {
  ticket_fields: TicketField[];
  attributes: ChatAttribute[];
  warnings: MappingWarning[];
}

export interface MappingInput {
  ticket_field: string;
  attribute: string;
  fixed_value?: string | number | boolean | null;
  show_field: boolean;
}

export interface FaqArticle {
  id: string;
  title: string;
  updated_at: string | null;
  selected: boolean;
  imported: boolean;
}

export interface FaqFolder {
  id: string;
  name: string;
  description: string | null;
  parent_folder_id: string | null;
  path: string[];
  visibility: number;
  importable: boolean;
  reason?: string;
  selected: boolean;
  imported: boolean;
  articles: FaqArticle[];
}

export interface FaqCategory {
  id: string;
  name: string;
  description: string | null;
  folders: FaqFolder[];
}

export interface FaqSelection {
  folder_ids: string[];
  article_ids: string[];
  preserve_category_text: boolean;
}

export interface FaqTree {
  categories: FaqCategory[];
  selection: FaqSelection;
  /** The latest import run (running or finished), if any. */
  last_import: FaqImport | null;
}

export interface FaqImport {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  selection: FaqSelection;
  done: number;
  total: number | null;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  errors: Record<string, unknown>[];
  finished_at: string | null;
}

const BASE = '/integrations/helpdesk';

/** The typed calls of the Helpdesk screens, over the inbox's authenticated client. */
export function helpdeskApi({ request }: ApiClient) {
  return {
    connection: () => request<HelpdeskConnection>('GET', BASE),
    connect: (url: string, apiKey: string) =>
      request<HelpdeskConnection>('PUT', BASE, { url, api_key: apiKey }),
    /** With a pair: tests it without saving; without: re-checks the saved one. */
    authenticate: (pair?: { url: string; api_key: string }) =>
      request<{ ok: true; key_owner: KeyOwner }>('POST', `${BASE}/authenticate`, pair),
    disconnect: () => request<void>('DELETE', BASE),
    changeSettings: (changes: Partial<Record<SettingName, boolean>>) =>
      request<HelpdeskConnection>('PATCH', `${BASE}/settings`, changes),
    ticketFields: () => request<TicketFieldMapping>('GET', `${BASE}/ticket-fields`),
    saveMappings: (mappings: MappingInput[]) =>
      request<TicketFieldMapping>('PUT', `${BASE}/field-mappings`, { mappings }),
    mappingHealth: () =>
      request<{ healthy: boolean; warnings: MappingWarning[] }>('GET', `${BASE}/mapping-health`),
    faqTree: () => request<FaqTree>('GET', `${BASE}/faq-tree`),
    startFaqImport: (selection: FaqSelection) => request<FaqImport>('POST', `${BASE}/faq-imports`, selection),
    faqImport: (id: string) => request<FaqImport>('GET', `${BASE}/faq-imports/${encodeURIComponent(id)}`),
  };
}

export type HelpdeskApi = ReturnType<typeof helpdeskApi>;

/** Why Chat says the helpdesk refused (the `helpdesk` member of Chat's error body). */
export interface HelpdeskExplanation {
  cause: string;
  message: string;
  field?: string;
  retry_at?: string;
  answer?: { status: number; body: string; request_id?: string };
}

/** The helpdesk explanation a refusal carries, if any. */
export function explanationOf(error: unknown): HelpdeskExplanation | undefined {
  if (!(error instanceof ApiError) || !error.body || typeof error.body !== 'object') return undefined;
  const helpdesk = (error.body as { helpdesk?: unknown }).helpdesk;
  if (!helpdesk || typeof helpdesk !== 'object') return undefined;
  const explanation = helpdesk as Partial<HelpdeskExplanation>;
  return typeof explanation.cause === 'string' && typeof explanation.message === 'string'
    ? (explanation as HelpdeskExplanation)
    : undefined;
}

/**
 * Field errors of a refused mapping save, by row: `mappings[i].attribute` → row i's message on
 * that part of the row (`attribute`, `fixed_value` or `ticket_field`).
 */
export function mappingErrorsOf(error: unknown): Map<number, { part: string; message: string }[]> {
  const byRow = new Map<number, { part: string; message: string }[]>();
  if (!(error instanceof ApiError)) return byRow;
  for (const detail of error.details) {
    const match = /^mappings\[(\d+)\]\.(\w+)$/.exec(detail.field);
    if (!match) continue;
    const row = Number(match[1]);
    byRow.set(row, [...(byRow.get(row) ?? []), { part: match[2]!, message: detail.message }]);
  }
  return byRow;
}
