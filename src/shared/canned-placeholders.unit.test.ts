import { describe, expect, it } from 'vitest';
import { fillPlaceholders, placeholderValues } from './canned-placeholders.js';

const values = placeholderValues({
  customerName: '  Asha  Rao ',
  reference: 'CCR-4K7Q2M',
  subject: 'Parcel missing',
  agentName: 'Vikram Singh',
});

describe('fillPlaceholders', () => {
  it('fills every known placeholder', () => {
    expect(
      fillPlaceholders(
        'Hi {{customer.firstName}} ({{customer.name}}), about {{ticket.reference}} "{{ticket.subject}}". {{agent.firstName}}',
        values,
      ),
    ).toBe('Hi Asha (  Asha  Rao ), about CCR-4K7Q2M "Parcel missing". Vikram');
  });

  it('accepts spaces inside the braces and repeats', () => {
    expect(fillPlaceholders('{{ ticket.reference }} / {{ticket.reference}}', values)).toBe(
      'CCR-4K7Q2M / CCR-4K7Q2M',
    );
  });

  it('leaves unknown placeholders and missing values as they are', () => {
    expect(fillPlaceholders('{{order.total}} {{customer.firstName}}', {})).toBe(
      '{{order.total}} {{customer.firstName}}',
    );
    expect(fillPlaceholders('{{constructor}} {{__proto__}}', values)).toBe('{{constructor}} {{__proto__}}');
  });

  it('inserts values literally, never as patterns or markup', () => {
    const tricky = placeholderValues({ customerName: '$& <b>Bold</b>' });
    expect(fillPlaceholders('Hi {{customer.name}}', tricky)).toBe('Hi $& <b>Bold</b>');
  });

  it('leaves text without placeholders untouched', () => {
    expect(fillPlaceholders('No braces {here} {{', values)).toBe('No braces {here} {{');
  });
});
