import type { TicketColumn } from '../../components/tickets/tickets-table.js';

/** What a customer's ticket lists show besides reference, subject, status and last update. */
export const CUSTOMER_TICKET_COLUMNS: TicketColumn[] = ['category', 'agent'];
