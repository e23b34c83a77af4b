import type { App } from '../../http/types.js';
import type { TicketsService } from './tickets.service.js';

export function registerTicketRoutes(_app: App, _tickets: TicketsService): void {}
