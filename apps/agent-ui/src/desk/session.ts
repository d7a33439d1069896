import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken, type Me } from './api.js';

export const SESSION_KEY = ['session'] as const;

/** The signed-in agent, or null when signed out (GET /api/_session answers 401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const { data } = await request<Me>('GET', '/api/_session');
        setCsrfToken(data.csrf_token);
        return data;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      (await request<Me>('POST', '/api/_session', input)).data,
    onSuccess: (me) => {
      setCsrfToken(me.csrf_token);
      client.setQueryData(SESSION_KEY, me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await request('DELETE', '/api/_session');
    },
    onSettled: () => {
      setCsrfToken(undefined);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
