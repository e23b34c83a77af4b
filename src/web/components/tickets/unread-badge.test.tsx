import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../api/query-client.js';
import { AppProviders } from '../../app/providers.js';
import { UnreadBadge } from './unread-badge.js';

const renderBadge = (count: number) =>
  render(
    <AppProviders queryClient={createQueryClient()} env="test">
      <UnreadBadge count={count} />
    </AppProviders>,
  );

describe('the unread badge', () => {
  it('shows the count', () => {
    renderBadge(3);
    expect(screen.getByLabelText('3 unread messages').textContent).toBe('3');
  });

  it('says 99+ above 99', () => {
    renderBadge(100);
    expect(screen.getByText('99+')).toBeTruthy();
  });

  it('shows nothing when all is read', () => {
    const { container } = renderBadge(0);
    expect(container.querySelector('[data-unread]')).toBeNull();
  });
});
