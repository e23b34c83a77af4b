import { Type } from 'typebox';
import { DevicePage, DeviceParams, ListDevicesQuery } from '../../../shared/contracts/account.js';
import { currentUser } from '../../http/access-guard.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import { clearDeviceCookie, deviceCookieOf } from './device-cookie.js';
import type { DevicesService } from './devices.service.js';

export function registerDeviceRoutes(app: App, devices: DevicesService): void {
  app.get(
    '/api/v1/me/devices',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Browsers remembered after two-step verification, most recently used first',
        querystring: ListDevicesQuery,
        response: { 200: DevicePage, ...errorResponses(400, 401) },
      },
    },
    (request) => devices.list(currentUser(request).id, deviceCookieOf(request), request.query),
  );

  app.delete(
    '/api/v1/me/devices/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Forget a remembered browser: signing in there asks for a code again',
        params: DeviceParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { clearCookie } = await devices.revoke(
        currentUser(request).id,
        deviceCookieOf(request),
        request.params.id,
      );
      if (clearCookie) clearDeviceCookie(reply);
      return reply.status(204).send(null);
    },
  );
}
