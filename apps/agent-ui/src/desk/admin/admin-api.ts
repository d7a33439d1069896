import { useQuery } from '@tanstack/react-query';
import { ApiError, api, hasNextPage, request } from '../api.js';

/** The admin screens' view of Desk's objects (only the attributes they show or edit). */
export interface AdminAgent {
  id: number;
  occasional: boolean;
  ticket_scope: number;
  group_ids: number[];
  role_ids: number[];
  contact: { active: boolean; email: string | null; name: string };
}

export interface AdminGroup {
  id: number;
  name: string;
  description: string | null;
  agent_ids: number[];
}

export interface Role {
  id: number;
  name: string;
  description: string | null;
  default: boolean;
}

export interface AdminTicketField {
  id: number;
  name: string;
  label: string;
  label_for_customers: string | null;
  description: string | null;
  position: number;
  type: string;
  default: boolean;
  required_for_agents: boolean;
  required_for_customers: boolean;
  required_for_closure: boolean;
  customers_can_edit: boolean;
  displayed_to_customers: boolean;
  choices: unknown;
}

export interface Portal {
  id: number;
  name: string;
  host: string | null;
  is_default: boolean;
  brand_color: string;
  logo_url: string | null;
  chat_enabled: boolean;
  category_ids: number[];
  portal_url: string;
}

export interface Category {
  id: number;
  name: string;
}

export interface ChatChannel {
  enabled: boolean;
  chat_url: string | null;
  app_id: string | null;
  widget_token: string | null;
  identity_secret_set: boolean;
  api_token_set: boolean;
  verified_at: string | null;
  sites: {
    managed_by_desk: boolean;
    message: string;
    required: { site_id: string; portal_id: number; allowed_origins: string[] }[];
  };
}

/** Every page of a paged list (Desk's lists stop at 100 a page). */
async function all<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  for (let page = 1; page <= 50; page++) {
    const { data, headers } = await api.get<T[]>(`${path}${join}per_page=100&page=${page}`);
    out.push(...data);
    if (!hasNextPage(headers)) break;
  }
  return out;
}

/** DELETE on the v2 API (the shared `api` helper has no delete). */
export const remove = (path: string) => request('DELETE', `/api/v2${path}`);

export const ADMIN_KEYS = {
  agents: ['admin', 'agents'],
  groups: ['admin', 'groups'],
  roles: ['admin', 'roles'],
  fields: ['admin', 'ticket_fields'],
  portals: ['admin', 'portals'],
  categories: ['admin', 'categories'],
  chat: ['admin', 'chat_channel'],
} as const;

export const useAgents = () =>
  useQuery({ queryKey: ADMIN_KEYS.agents, queryFn: () => all<AdminAgent>('/agents') });
export const useGroups = () =>
  useQuery({ queryKey: ADMIN_KEYS.groups, queryFn: () => all<AdminGroup>('/groups') });
export const useRoles = () =>
  useQuery({ queryKey: ADMIN_KEYS.roles, queryFn: async () => (await api.get<Role[]>('/roles')).data });
export const useAdminFields = () =>
  useQuery({
    queryKey: ADMIN_KEYS.fields,
    queryFn: async () =>
      (await api.get<AdminTicketField[]>('/admin/ticket_fields')).data.sort(
        (a, b) => a.position - b.position,
      ),
  });
export const usePortals = () =>
  useQuery({ queryKey: ADMIN_KEYS.portals, queryFn: async () => (await api.get<Portal[]>('/portals')).data });
export const useCategories = () =>
  useQuery({
    queryKey: ADMIN_KEYS.categories,
    queryFn: async () => (await api.get<Category[]>('/solutions/categories')).data,
  });
export const useChatChannel = () =>
  useQuery({
    queryKey: ADMIN_KEYS.chat,
    queryFn: async () => (await api.get<ChatChannel>('/admin/chat_channel')).data,
  });

/** Desk's field errors by field name (`custom_fields.x` and `choices[0].value` keep their first part). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.fieldErrors) {
    const key = e.field.replace(/\[.*$/, '').replace(/\..*$/, '');
    out[key] ??= e.message;
  }
  return out;
}
