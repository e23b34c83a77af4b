import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AgentsReport,
  BacklogReport,
  ResponseTimesReport,
  SatisfactionReport,
  VolumeReport,
} from '../../../../shared/contracts/reports.js';
import { aUser, sessionResponse } from '../../../test-fixtures.js';
import { jsonResponse, renderApp, stubApi } from '../../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const range = { from: '2026-03-01', to: '2026-03-02', timeZone: 'Asia/Kolkata' };
const none = {
  count: 0,
  medianMinutes: null,
  p90Minutes: null,
  withTarget: 0,
  withinTarget: 0,
  withinTargetPercent: null,
};
const volume: VolumeReport = {
  ...range,
  days: [
    { day: '2026-03-01', created: 7, resolved: 3 },
    { day: '2026-03-02', created: 5, resolved: 9 },
  ],
  totals: { created: 12, resolved: 12 },
};
const backlog: BacklogReport = {
  ...range,
  days: ['2026-03-01', '2026-03-02'].map((day) => ({
    day,
    open: 0,
    assigned: 0,
    in_progress: 0,
    waiting_on_customer: 0,
    reopened: 0,
    total: 0,
  })),
};
const times: ResponseTimesReport = {
  ...range,
  weeks: [
    {
      weekStart: '2026-02-23',
      firstResponse: {
        ...none,
        count: 2,
        medianMinutes: 42.5,
        p90Minutes: 80,
        withTarget: 2,
        withinTarget: 1,
        withinTargetPercent: 50,
      },
      resolution: none,
    },
  ],
  overall: { firstResponse: { ...none, count: 2, withinTargetPercent: 50 }, resolution: none },
};
const satisfaction: SatisfactionReport = {
  ...range,
  ratings: 0,
  averageStars: null,
  distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, ratings: 0 })),
  comments: { items: [], nextCursor: null },
};
const agents: AgentsReport = {
  ...range,
  items: [
    {
      agentId: 'a1',
      name: 'Asha Rao',
      handled: 4,
      openNow: 2,
      medianFirstResponseMinutes: 15,
      medianResolutionMinutes: 300,
      ratings: 2,
      averageRating: 4.5,
    },
  ],
  nextCursor: null,
};

function stubReports() {
  const requests: string[] = [];
  stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview')
      return jsonResponse(200, { accounts: { customer: 1, agent: 1, admin: 1 } });
    if (path.startsWith('/api/v1/categories')) {
      return jsonResponse(200, {
        items: [{ id: 'c1', name: 'Payments', autoAssign: false, archivedAt: null }],
      });
    }
    if (path.startsWith('/api/v1/admin/agents')) return jsonResponse(200, { items: [], nextCursor: null });
    if (method === 'GET' && path.startsWith('/api/v1/admin/reports/')) {
      requests.push(path);
      const kind = path.slice('/api/v1/admin/reports/'.length).split('?')[0];
      const body = { volume, backlog, 'response-times': times, satisfaction, agents }[kind ?? ''];
      return jsonResponse(200, body);
    }
    return undefined;
  });
  return requests;
}

describe('the reports page', () => {
  it('shows each report with its numbers, a CSV link with the same filters, and empty states', async () => {
    const requests = stubReports();
    renderApp('/admin/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();

    const volumeSection = await screen.findByRole('region', { name: 'Tickets created and resolved per day' });
    const table = await within(volumeSection).findByRole('table');
    expect(within(table).getByText('12 created, 12 resolved')).toBeTruthy();
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(cells).toEqual([
      ['2026-03-01', '7', '3'],
      ['2026-03-02', '5', '9'],
    ]);
    const link = within(volumeSection).getByRole('link', { name: 'Download CSV' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/v1/admin/reports/volume');
    expect(href.searchParams.get('format')).toBe('csv');
    expect(link.hasAttribute('download')).toBe(true);
    // The page asks for the same period as the link.
    const asked = new URLSearchParams(requests.find((r) => r.includes('/volume?'))?.split('?')[1]);
    expect([asked.get('from'), asked.get('to')]).toEqual([
      href.searchParams.get('from'),
      href.searchParams.get('to'),
    ]);

    const backlogSection = screen.getByRole('region', { name: 'Backlog by status' });
    expect(await within(backlogSection).findByText('Nothing in this period')).toBeTruthy();
    const satisfactionSection = screen.getByRole('region', { name: 'Customer satisfaction' });
    expect(await within(satisfactionSection).findByText('Nothing in this period')).toBeTruthy();

    const timesSection = screen.getByRole('region', { name: 'First response and resolution times' });
    expect(await within(timesSection).findByText('First responses within target: 50 %')).toBeTruthy();
    expect(within(timesSection).getByText('42.5')).toBeTruthy();

    const agentsSection = screen.getByRole('region', { name: 'Agents' });
    expect(await within(agentsSection).findByText('Asha Rao')).toBeTruthy();
    expect(within(agentsSection).getByText('4.5')).toBeTruthy();
    await waitFor(() => expect(requests.filter((r) => r.includes('/agents?'))).toHaveLength(1));
  });
});
