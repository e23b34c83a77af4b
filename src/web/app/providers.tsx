import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n/index.js';
import { theme } from './theme.js';

/** Everything a page needs around it; the app and the component tests share it. */
export function AppProviders({
  queryClient,
  styleNonce,
  env = 'default',
  children,
}: {
  queryClient: QueryClient;
  styleNonce?: string | undefined;
  /** 'test' switches Mantine's transitions off (happy-dom never finishes one). */
  env?: 'default' | 'test';
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        env={env}
        defaultColorScheme="auto"
        getStyleNonce={styleNonce ? () => styleNonce : undefined}
      >
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>{children}</ModalsProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
