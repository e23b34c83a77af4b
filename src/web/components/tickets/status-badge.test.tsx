import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, it } from 'vitest';
import { changeLanguage, i18n } from '../../i18n/index.js';
import { StatusBadge } from './status-badge.js';

afterEach(async () => {
  await changeLanguage('en');
});

const renderBadge = (status: Parameters<typeof StatusBadge>[0]['status']) =>
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <StatusBadge status={status} />
      </MantineProvider>
    </I18nextProvider>,
  );

it('names the status in the interface language and colours it by status', async () => {
  renderBadge('waiting_on_customer');
  const badge = screen.getByText('Waiting on customer').closest('[data-status]');
  expect(badge?.getAttribute('data-status')).toBe('waiting_on_customer');

  await changeLanguage('hi');
  renderBadge('resolved');
  expect(screen.getByText('हल हुआ')).toBeTruthy();
});
