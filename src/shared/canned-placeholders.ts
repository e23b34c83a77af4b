import { firstName } from './names.js';

/** The placeholders a canned response may contain, replaced when it is inserted into a reply. */
export const CANNED_PLACEHOLDERS = [
  'customer.firstName',
  'customer.name',
  'ticket.reference',
  'ticket.subject',
  'agent.firstName',
] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

export type PlaceholderValues = Partial<Record<CannedPlaceholder, string>>;

/** What a ticket page knows, turned into placeholder values. */
export function placeholderValues(facts: {
  customerName?: string;
  reference?: string;
  subject?: string;
  agentName?: string;
}): PlaceholderValues {
  const values: PlaceholderValues = {};
  if (facts.customerName) {
    values['customer.name'] = facts.customerName;
    values['customer.firstName'] = firstName(facts.customerName);
  }
  if (facts.reference) values['ticket.reference'] = facts.reference;
  if (facts.subject) values['ticket.subject'] = facts.subject;
  if (facts.agentName) values['agent.firstName'] = firstName(facts.agentName);
  return values;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Replaces `{{customer.firstName}}` and the like with their values. A placeholder that is unknown, or
 * whose value is not known here, is left as it is, so the agent sees what still needs filling in.
 * The result is plain text; values are never interpreted.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name as CannedPlaceholder] : undefined;
    return value ?? whole;
  });
}
