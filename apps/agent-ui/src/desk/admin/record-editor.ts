import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { fieldErrorsOf, remove } from './admin-api.js';

/**
 * The state every admin edit screen keeps: the record (`id` undefined for a new one), a draft of
 * it (filled in once the record loads), its save (back on the same screen with `?saved=1` after a
 * creation) and its deletion (back to the list with `?deleted=1`).
 */
export function useRecordEditor<R extends { id: number }, D>(options: {
  id: number | undefined;
  /** The record's query key is ['admin', kind, id]. */
  kind: string;
  /** Desk path of the record, e.g. `/groups/7`. */
  path: string;
  /** The screen's address (list; the record's own screen is under it). */
  screen: string;
  empty: D;
  draftOf(record: R): D;
  /** Creates (id undefined) or updates the record from a draft. */
  send(draft: D): Promise<R>;
  /** Runs first after a save or deletion (the queries it makes stale). */
  refresh(): void;
}) {
  const { id, kind, screen, draftOf } = options;
  const client = useQueryClient();
  const record = useQuery({
    queryKey: ['admin', kind, id],
    queryFn: async () => (await api.get<R>(options.path)).data,
    enabled: id !== undefined,
  });
  const [draft, setDraft] = useState<D | null>(id === undefined ? options.empty : null);
  useEffect(() => {
    if (record.data && !draft) setDraft(draftOf(record.data));
  }, [record.data, draft, draftOf]);

  const save = useMutation({
    mutationFn: options.send,
    onSuccess: (saved) => {
      options.refresh();
      client.setQueryData(['admin', kind, saved.id], saved);
      setDraft(draftOf(saved));
      if (id === undefined) navigate(`${screen}/${saved.id}?saved=1`);
    },
  });
  const destroy = useMutation({
    mutationFn: () => remove(options.path),
    onSuccess: () => {
      options.refresh();
      navigate(`${screen}?deleted=1`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<D>) => {
    if (draft) setDraft({ ...draft, ...patch });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft) save.mutate(draft);
  };
  return { record, draft, set, errors, save, destroy, submit };
}

type KeysOf<D, V> = { [K in keyof D]: D[K] extends V ? K : never }[keyof D];

/**
 * Binds a draft's fields to the form controls: `text('name', 'name')` gives a TextField its value,
 * its change handler and Desk's error for the API field named second; `check` does the same for
 * a CheckField.
 */
export function binder<D>(draft: D, set: (patch: Partial<D>) => void, errors: Record<string, string>) {
  return {
    text: (key: KeysOf<D, string>, field: string) => ({
      value: draft[key] as string,
      onChange: (value: string) => set({ [key]: value } as Partial<D>),
      error: errors[field],
    }),
    check: (key: KeysOf<D, boolean>, field: string) => ({
      checked: draft[key] as boolean,
      onChange: (checked: boolean) => set({ [key]: checked } as Partial<D>),
      error: errors[field],
    }),
  };
}
