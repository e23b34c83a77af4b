import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import {
  AgentsReport,
  BacklogReport,
  PagedReportQuery,
  ReportQuery,
  ResponseTimesReport,
  SatisfactionReport,
  VolumeReport,
  type ReportKind,
} from '../../../shared/contracts/reports.js';
import { errorResponses } from '../../http/openapi.js';
import type { App } from '../../http/types.js';
import type { ReportsService } from './reports.service.js';
import { agentsCsv, backlogCsv, responseTimesCsv, satisfactionCsv, volumeCsv } from './reports.view.js';

const CSV_NOTE = ' Add `format=csv` for the same numbers as a CSV download.';

const routeSchema = <Query extends TSchema, Report extends TSchema>(
  summary: string,
  querystring: Query,
  response: Report,
) => ({
  tags: ['reports'],
  summary,
  description: `Admins only. \`from\` and \`to\` are days in the business time zone, both included, at most 366 days apart.${CSV_NOTE}`,
  querystring,
  response: { 200: response, ...errorResponses(400, 401, 403) },
});

function sendCsv(reply: FastifyReply, kind: ReportKind, query: { from: string; to: string }, csv: string) {
  return reply
    .headers({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${kind}-${query.from}-${query.to}.csv"`,
      'cache-control': 'private, no-store',
    })
    .send(csv);
}

export function registerReportRoutes(app: App, reports: ReportsService): void {
  const access = { access: ['admin' as const] };

  app.get(
    '/api/v1/admin/reports/volume',
    {
      config: access,
      schema: routeSchema('Tickets created and resolved per day', ReportQuery, VolumeReport),
    },
    async (request, reply) => {
      const report = await reports.volume(request.query);
      if (request.query.format === 'csv') return sendCsv(reply, 'volume', report, volumeCsv(report));
      return report;
    },
  );

  app.get(
    '/api/v1/admin/reports/backlog',
    {
      config: access,
      schema: routeSchema('Unfinished tickets by status at the end of each day', ReportQuery, BacklogReport),
    },
    async (request, reply) => {
      const report = await reports.backlog(request.query);
      if (request.query.format === 'csv') return sendCsv(reply, 'backlog', report, backlogCsv(report));
      return report;
    },
  );

  app.get(
    '/api/v1/admin/reports/response-times',
    {
      config: access,
      schema: routeSchema(
        'First response and resolution times per week: median, 90th percentile, share within target',
        ReportQuery,
        ResponseTimesReport,
      ),
    },
    async (request, reply) => {
      const report = await reports.responseTimes(request.query);
      if (request.query.format === 'csv') {
        return sendCsv(reply, 'response-times', report, responseTimesCsv(report));
      }
      return report;
    },
  );

  app.get(
    '/api/v1/admin/reports/satisfaction',
    {
      config: access,
      schema: routeSchema(
        'Ratings: average, stars distribution and the latest comments (20 a page)',
        PagedReportQuery,
        SatisfactionReport,
      ),
    },
    async (request, reply) => {
      const report = await reports.satisfaction(request.query);
      if (request.query.format === 'csv') {
        return sendCsv(reply, 'satisfaction', report, satisfactionCsv(report));
      }
      return report;
    },
  );

  app.get(
    '/api/v1/admin/reports/agents',
    {
      config: access,
      schema: routeSchema(
        'Per agent: handled, open now, median times, average rating (100 a page)',
        PagedReportQuery,
        AgentsReport,
      ),
    },
    async (request, reply) => {
      const report = await reports.agents(request.query);
      if (request.query.format === 'csv') return sendCsv(reply, 'agents', report, agentsCsv(report));
      return report;
    },
  );
}
