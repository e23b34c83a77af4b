import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { AuditExportQuery, AuditPage, AuditQuery } from '../../../shared/contracts/audit.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { AuditService } from './audit.service.js';

/** Read-only on purpose: no route edits or deletes an audit entry. */
export function registerAuditRoutes(app: App, audit: AuditService): void {
  app.get(
    '/api/v1/admin/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary:
          'The audit trail, newest first, 50 a page; filter by who, what (an action or a group) and when',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => audit.list(request.query),
  );

  app.get(
    '/api/v1/admin/audit/export',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Every entry matching the same filters, as a CSV download',
        querystring: AuditExportQuery,
        produces: ['text/csv'],
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', description: 'CSV, one entry a line' }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const lines = audit.exportCsv(request.query);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );
}
