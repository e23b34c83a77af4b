import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { confirmEmailEmail } from './confirm-email.js';

describe('confirmEmailEmail', () => {
  it.each(LANGUAGES)('in %s: names the product, links the token and escapes the name in HTML', (language) => {
    const email = confirmEmailEmail({
      fullName: `<img src=x onerror="alert(1)"> & Co`,
      language,
      publicUrl: 'https://help.example.com',
      token: 'abc_DEF-123',
    });
    const link = 'https://help.example.com/confirm-email#token=abc_DEF-123';
    expect(email.subject).toContain('Customer Care Registry');
    expect(email.text).toContain(link);
    expect(email.text).toContain('48');
    expect(email.text).toContain(`<img src=x onerror="alert(1)"> & Co`);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co');
    expect(email.html).not.toContain('<img');
  });

  it('differs per language', () => {
    const subjects = LANGUAGES.map(
      (language) => confirmEmailEmail({ fullName: 'A', language, publicUrl: 'http://x', token: 't' }).subject,
    );
    expect(new Set(subjects).size).toBe(LANGUAGES.length);
  });
});
