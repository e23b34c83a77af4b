import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserView } from '../../../shared/contracts/auth.js';
import { aUser } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h1v1H0z"/></svg>';
const CODES = Array.from({ length: 10 }, (_, index) => `abc${index + 2}-defg`);

/**
 * A fake API for one agent: setup, enable (right code 123456) and, while `requireApp` holds and the
 * app is off, 403 TOTP_SETUP_REQUIRED for everything but enrolment and the session.
 */
function stubAgent(options: { requireApp?: boolean; totpEnabled?: boolean } = {}) {
  let user: UserView = aUser('agent', { totpEnabled: options.totpEnabled ?? false });
  const setupRequired = () => (options.requireApp ?? false) && !user.totpEnabled;
  return stubApi((method, path, init) => {
    if (path === '/api/v1/auth/session') {
      return jsonResponse(200, { user, totpSetupRequired: setupRequired() });
    }
    if (method === 'POST' && path === '/api/v1/me/totp/setup') {
      return jsonResponse(200, {
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUrl: 'otpauth://totp/x',
        qrCodeSvg: SVG,
      });
    }
    if (method === 'POST' && path === '/api/v1/me/totp/enable') {
      if ((jsonBody(init) as { code: string }).code !== '123456') {
        return jsonResponse(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Request validation failed',
            details: [{ field: 'code', message: 'The code is incorrect' }],
          },
        });
      }
      user = { ...user, totpEnabled: true };
      return jsonResponse(200, { recoveryCodes: CODES });
    }
    if (method === 'POST' && path === '/api/v1/me/recovery-codes') {
      if ((jsonBody(init) as { password: string }).password !== 'right password') {
        return jsonResponse(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Request validation failed',
            details: [{ field: 'password', message: 'is incorrect' }],
          },
        });
      }
      return jsonResponse(200, { recoveryCodes: CODES.map((code) => code.replace('abc', 'xyz')) });
    }
    if (setupRequired()) {
      return jsonResponse(403, {
        error: { code: 'TOTP_SETUP_REQUIRED', message: 'Set up an authenticator app to continue' },
      });
    }
    if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
    return undefined;
  });
}

async function enrol(code: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Set up authenticator app' }));
  const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
  expect(qr.getAttribute('src')).toBe(`data:image/svg+xml;utf8,${encodeURIComponent(SVG)}`);
  expect(screen.getByLabelText<HTMLInputElement>('Or enter this key by hand').value).toBe('JBSWY3DPEHPK3PXP');
  fireEvent.change(screen.getByLabelText('Code from the app'), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
}

describe('the authenticator app page', () => {
  it('enrols with a code from the app and shows the recovery codes once', async () => {
    const fetchMock = stubAgent();
    renderApp('/agent');
    fireEvent.click(await screen.findByRole('button', { name: 'Vikram Iyer' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Authenticator app' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Authenticator app' })).toBeTruthy();
    expect(screen.getByText('No authenticator app is set up yet.')).toBeTruthy();

    await enrol('000000');
    expect(
      await screen.findByText(
        'The code is incorrect. Check that the time on your phone is right and try again.',
      ),
    ).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Code from the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    expect(await screen.findByRole('heading', { name: 'Your recovery codes' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(CODES);
    const download = screen.getByRole('link', { name: 'Download as text' });
    expect(download.getAttribute('download')).toBe('recovery-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toContain(CODES.join('\n'));
    expect(screen.getByRole('button', { name: 'Copy codes' })).toBeTruthy();

    const done = screen.getByRole<HTMLButtonElement>('button', { name: 'Done' });
    expect(done.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I saved my recovery codes'));
    fireEvent.click(done);

    expect(await screen.findByText('On')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    expect(
      requestsMade(fetchMock).filter((request) => request === 'POST /api/v1/me/totp/enable'),
    ).toHaveLength(2);
  });

  it('asks for the password before replacing the recovery codes', async () => {
    stubAgent({ totpEnabled: true });
    renderApp('/account/authenticator');
    fireEvent.click(await screen.findByRole('button', { name: 'Replace recovery codes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace your recovery codes?' });
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'wrong password' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replace recovery codes' }));
    expect(await within(dialog).findByText('The password is incorrect')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'right password' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replace recovery codes' }));
    expect(await screen.findByText('xyz2-defg')).toBeTruthy();
  });

  it('holds staff at enrolment while an admin requires an app, then lets them work', async () => {
    stubAgent({ requireApp: true });
    const { router } = renderApp('/agent/unassigned');

    expect(await screen.findByRole('heading', { level: 1, name: 'Authenticator app' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/account/authenticator');
    const explanation = screen.getByText(
      'Your administrator requires an authenticator app for staff accounts. Set one up to continue.',
    );
    expect(explanation.closest('[role="alert"]')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })?.querySelector('a')).toBeFalsy();

    await enrol('123456');
    fireEvent.click(await screen.findByLabelText('I saved my recovery codes'));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/agent'));
    expect(await screen.findByRole('link', { name: 'Unassigned' })).toBeTruthy();
  });

  it('sends staff to enrolment when any request answers TOTP_SETUP_REQUIRED', async () => {
    let required = false;
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') {
        return jsonResponse(200, { user: aUser('agent'), totpSetupRequired: required });
      }
      if (path.startsWith('/api/v1/tickets')) {
        // An admin turned the rule on after this session started.
        required = true;
        return jsonResponse(403, {
          error: { code: 'TOTP_SETUP_REQUIRED', message: 'Set up an authenticator app to continue' },
        });
      }
      return undefined;
    });
    const { router } = renderApp('/agent');
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/authenticator'));
    expect(await screen.findByRole('button', { name: 'Set up authenticator app' })).toBeTruthy();
  });
});
