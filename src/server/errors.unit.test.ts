import { describe, expect, it } from 'vitest';
import { fieldErrorsFromValidation } from './errors.js';

describe('fieldErrorsFromValidation', () => {
  it('names fields as the client sent them, one message per field', () => {
    const details = fieldErrorsFromValidation(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } },
        { instancePath: '/password', keyword: 'minLength', params: { limit: 10 } },
        { instancePath: '/password', keyword: 'pattern', params: { pattern: 'x' }, message: 'second' },
        { instancePath: '/address/city', keyword: 'maxLength', params: { limit: 80 } },
        { instancePath: '/role', keyword: 'enum', params: { allowedValues: ['customer', 'agent'] } },
      ],
      'body',
    );
    expect(details).toEqual([
      { field: 'email', message: 'is required' },
      { field: 'isAdmin', message: 'is not an allowed field' },
      { field: 'password', message: 'must be at least 10 characters' },
      { field: 'address.city', message: 'must be at most 80 characters' },
      { field: 'role', message: 'must be one of: customer, agent' },
    ]);
  });

  it('falls back to the request part when the whole value is wrong', () => {
    expect(
      fieldErrorsFromValidation(
        [{ instancePath: '', keyword: 'type', params: {}, message: 'must be object' }],
        'body',
      ),
    ).toEqual([{ field: 'body', message: 'must be object' }]);
  });
});
