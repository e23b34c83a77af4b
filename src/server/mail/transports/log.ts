import type { FastifyBaseLogger } from 'fastify';
import type { MailTransport } from './transport.js';

/**
 * For a newcomer's machine: nothing leaves it. The email is marked sent and stays readable in the
 * admin's Mail log; the log line says only which email it was (bodies may hold links with tokens).
 */
export function createLogTransport(logger: FastifyBaseLogger): MailTransport {
  return {
    name: 'log',
    send(email) {
      logger.info(
        { messageId: email.messageId },
        'email kept in the Mail log, not sent (MAIL_TRANSPORT=log; set SMTP_URL or SENDGRID_API_KEY to send)',
      );
      return Promise.resolve();
    },
  };
}
