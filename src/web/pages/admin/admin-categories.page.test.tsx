import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const taken = {
  error: {
    code: 'CONFLICT',
    message: 'A category with this name already exists',
    details: [{ field: 'name', message: 'is already taken' }],
  },
};

/** An admin and a small category store behind the API, which answers 409 for a name in use. */
function stubCategories() {
  let categories: CategoryView[] = [
    { id: 'cat-1', name: 'Returns', autoAssign: false, archived: false },
    { id: 'cat-2', name: 'Payments', autoAssign: true, archived: false },
  ];
  const nameInUse = (name: string, except?: string) =>
    categories.some(
      (category) => category.name.toLowerCase() === name.toLowerCase() && category.id !== except,
    );
  const fetchMock = stubApi((method, path, init) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview') {
      return jsonResponse(200, { accounts: { customer: 0, agent: 0, admin: 1 }, pendingAgentRequests: 0 });
    }
    if (method === 'GET' && path.startsWith('/api/v1/categories'))
      return jsonResponse(200, { items: categories });
    const body = jsonBody(init) as Partial<CategoryView>;
    if (method === 'POST' && path === '/api/v1/admin/categories') {
      if (nameInUse(body.name ?? '')) return jsonResponse(409, taken);
      const created = {
        id: 'cat-3',
        name: body.name ?? '',
        autoAssign: body.autoAssign ?? false,
        archived: false,
      };
      categories = [...categories, created];
      return jsonResponse(201, created);
    }
    const match = /^\/api\/v1\/admin\/categories\/([\w-]+)$/.exec(path);
    if (method === 'PATCH' && match) {
      if (body.name && nameInUse(body.name, match[1])) return jsonResponse(409, taken);
      categories = categories.map((category) =>
        category.id === match[1] ? { ...category, ...body } : category,
      );
      return jsonResponse(
        200,
        categories.find((category) => category.id === match[1]),
      );
    }
    return undefined;
  });
  return fetchMock;
}

const patches = (fetchMock: ReturnType<typeof stubCategories>) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH').map(([, init]) => jsonBody(init));

async function openCategories() {
  renderApp('/admin/categories');
  await screen.findByRole('row', { name: /Returns/ });
}

describe('the categories page', () => {
  it('creates a category, and shows a taken name next to the field', async () => {
    const fetchMock = stubCategories();
    await openCategories();
    const name = screen.getByLabelText('New category');

    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    expect(await screen.findByText('Enter a name')).toBeTruthy();

    fireEvent.change(name, { target: { value: 'returns' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    const message = await screen.findByText('A category with this name already exists');
    expect(name.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.change(name, { target: { value: '  Warranty ' } });
    expect(screen.queryByText('A category with this name already exists')).toBeNull();
    fireEvent.click(screen.getByLabelText('Automatic assignment'));
    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));

    expect(await screen.findByText('Category Warranty created')).toBeTruthy();
    expect(await screen.findByRole('row', { name: /Warranty/ })).toBeTruthy();
    expect((name as HTMLInputElement).value).toBe('');
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(jsonBody(posts.at(-1)?.[1])).toEqual({ name: 'Warranty', autoAssign: true });
  });

  it('renames a category in a dialog, showing a taken name next to the field', async () => {
    const fetchMock = stubCategories();
    await openCategories();

    fireEvent.click(screen.getByRole('button', { name: 'Rename Returns' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename category' });
    const name = within(dialog).getByLabelText('Name');
    expect((name as HTMLInputElement).value).toBe('Returns');

    fireEvent.change(name, { target: { value: 'Payments' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const message = await within(dialog).findByText('A category with this name already exists');
    expect(name.getAttribute('aria-describedby')).toContain(message.id);

    fireEvent.change(name, { target: { value: 'Refunds' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('row', { name: /Refunds/ })).toBeTruthy();
    expect(patches(fetchMock).at(-1)).toEqual({ name: 'Refunds' });
  });

  it('archives and restores a category', async () => {
    const fetchMock = stubCategories();
    await openCategories();

    fireEvent.click(screen.getByRole('button', { name: 'Archive Returns' }));
    const restore = await screen.findByRole('button', { name: 'Restore Returns' });
    expect(within(screen.getByRole('row', { name: /Returns/ })).getByText('Archived')).toBeTruthy();
    expect(patches(fetchMock)).toEqual([{ archived: true }]);

    fireEvent.click(restore);
    expect(await screen.findByRole('button', { name: 'Archive Returns' })).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Returns/ })).getByText('Active')).toBeTruthy();
    expect(patches(fetchMock)).toEqual([{ archived: true }, { archived: false }]);
  });
});
