import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { createLogTransport } from './log.js';
import { createSendgridTransport } from './sendgrid.js';
import { createSmtpTransport } from './smtp.js';
import type { MailTransport } from './transport.js';

export type MailConfig = Pick<Config, 'mailTransport' | 'smtpUrl' | 'sendgridApiKey' | 'sendgridBaseUrl'>;

/** The transport the configuration chose (config.ts has already checked its settings are there). */
export function createTransportFromConfig(config: MailConfig, logger: FastifyBaseLogger): MailTransport {
  switch (config.mailTransport) {
    case 'smtp':
      if (!config.smtpUrl) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_URL');
      return createSmtpTransport({ url: config.smtpUrl });
    case 'sendgrid':
      if (!config.sendgridApiKey) throw new Error('MAIL_TRANSPORT=sendgrid needs SENDGRID_API_KEY');
      return createSendgridTransport({ apiKey: config.sendgridApiKey, baseUrl: config.sendgridBaseUrl });
    case 'log':
      return createLogTransport(logger);
  }
}
