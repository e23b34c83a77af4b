import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client.js';
import { readStyleNonce } from './csp-nonce.js';
import { AppProviders } from './providers.js';
import { routes } from './routes.js';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  const [styleNonce] = useState(readStyleNonce);
  return (
    <AppProviders queryClient={queryClient} styleNonce={styleNonce}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
