import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

/** The root of both agent apps: one query client per page. Screens are added per product. */
export function App({ product }: { product: 'chat' | 'desk' }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      <main>
        <h1>{product === 'chat' ? 'Tandem Chat' : 'Tandem Desk'}</h1>
      </main>
    </QueryClientProvider>
  );
}
