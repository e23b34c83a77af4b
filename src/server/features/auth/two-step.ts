import type { Db } from '../../db/connection.js';
import type { App } from '../../http/types.js';
import type { Outbox } from '../../mail/outbox.js';
import { registerDeviceRoutes } from '../devices/devices.routes.js';
import { createDevicesService } from '../devices/devices.service.js';
import { createSecuritySettingsService } from '../two-factor/security-settings.service.js';
import { registerTotpRequirement } from '../two-factor/totp-requirement.js';
import { registerTwoFactorRoutes } from '../two-factor/two-factor.routes.js';
import { createTwoFactorService } from '../two-factor/two-factor.service.js';
import type { UsersService } from '../users/users.service.js';
import type { AuthService } from './auth.service.js';
import { createSessionResponder } from './session-response.js';
import { registerSignInVerificationRoutes } from './sign-in-verification.routes.js';
import { createSignInService, type TwoStepLimits } from './sign-in.service.js';

export interface TwoStepOptions {
  auth: AuthService;
  users: UsersService;
  outbox: Outbox;
  publicUrl: string;
  newDeviceCodes: boolean;
  now: () => Date;
  limits?: TwoStepLimits;
}

/** Two-step verification at sign-in: remembered devices, authenticator apps, the staff requirement. */
export function createTwoStep(db: Db, options: TwoStepOptions) {
  const { now } = options;
  const devices = createDevicesService(db, { now });
  const security = createSecuritySettingsService(db, { now });
  const twoFactor = createTwoFactorService(db, { now, security });
  const signIn = createSignInService(db, { ...options, devices, twoFactor });
  return { devices, security, twoFactor, signIn, sessionBody: createSessionResponder(security) };
}
export type TwoStep = ReturnType<typeof createTwoStep>;

/** The staff requirement check; call right after the access guard, before any route. */
export const registerTwoStepGuard = (app: App, twoStep: TwoStep) =>
  registerTotpRequirement(app, twoStep.security);

export function registerTwoStepRoutes(app: App, twoStep: TwoStep): void {
  registerSignInVerificationRoutes(app, twoStep.signIn, twoStep.sessionBody);
  registerDeviceRoutes(app, twoStep.devices);
  registerTwoFactorRoutes(app, twoStep.twoFactor, twoStep.security);
}
