/** The fields of the new-ticket form and the client checks CreateTicketBody's rules imply. */
export interface NewTicketValues {
  subject: string;
  description: string;
  categoryId: string;
  orderReference: string;
}

export type NewTicketField = keyof NewTicketValues;
export type NewTicketProblem = 'subjectRequired' | 'queryEmpty' | 'categoryRequired' | 'tooLong' | 'invalid';
export type NewTicketProblems = Partial<Record<NewTicketField, NewTicketProblem>>;

export const NEW_TICKET_FIELDS: NewTicketField[] = ['subject', 'description', 'categoryId', 'orderReference'];
export const LIMITS: Record<NewTicketField, number> = {
  subject: 200,
  description: 10_000,
  categoryId: 64,
  orderReference: 100,
};

const blank = (value: string) => !/\S/.test(value);

export function validateNewTicket(values: NewTicketValues): NewTicketProblems {
  const problems: NewTicketProblems = {};
  if (blank(values.subject)) problems.subject = 'subjectRequired';
  else if (values.subject.length > LIMITS.subject) problems.subject = 'tooLong';
  // Only spaces is no query at all: the server refuses it with the same words.
  if (blank(values.description)) problems.description = 'queryEmpty';
  else if (values.description.length > LIMITS.description) problems.description = 'tooLong';
  if (!values.categoryId) problems.categoryId = 'categoryRequired';
  if (values.orderReference.length > LIMITS.orderReference) problems.orderReference = 'tooLong';
  return problems;
}

/** A field error from the server, as one of our problems. */
export function problemFromServer(field: NewTicketField, message: string): NewTicketProblem {
  if (field === 'description' && /empty/i.test(message)) return 'queryEmpty';
  if (field === 'subject' && /(empty|required|blank)/i.test(message)) return 'subjectRequired';
  if (field === 'categoryId') return 'categoryRequired';
  if (/at most/.test(message)) return 'tooLong';
  return 'invalid';
}
