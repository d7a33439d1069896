import { useQuery } from '@tanstack/react-query';
import { api, type TicketField } from './api.js';
import type { I18n } from './i18n-context.js';
import type { DeskKey } from './messages.js';

export interface Choice {
  value: number;
  label: string;
}

/** Ticket fields (GET /ticket_fields): the properties panel's controls and their choices. */
export function useTicketFields() {
  return useQuery({
    queryKey: ['ticket_fields'],
    queryFn: async () => (await api.get<TicketField[]>('/ticket_fields')).data,
    staleTime: 60_000,
  });
}

const KNOWN_STATUSES = [2, 3, 4, 5];

/** Choices of a default field, labelled in the UI's language where Desk's defaults are known. */
export function choicesOf(fields: TicketField[] | undefined, type: string, t: I18n['t']): Choice[] {
  const field = fields?.find((f) => f.type === type);
  const raw = field?.choices;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  if (type === 'default_status') {
    return Object.entries(raw as Record<string, string[]>).map(([value, labels]) => {
      const n = Number(value);
      return {
        value: n,
        label: KNOWN_STATUSES.includes(n) ? t(`status${n}` as DeskKey) : (labels[0] ?? value),
      };
    });
  }
  return Object.entries(raw as Record<string, number>).map(([label, value]) => ({
    value,
    label: type === 'default_priority' && value >= 1 && value <= 4 ? t(`priority${value}` as DeskKey) : label,
  }));
}

export const labelOf = (choices: Choice[], value: number | null | undefined) =>
  choices.find((c) => c.value === value)?.label ?? (value == null ? '' : String(value));
