import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { signInCodeEmail } from './sign-in-code.js';

const input = {
  fullName: `<b>Ravi</b> & Co`,
  publicUrl: 'https://help.example.com',
  code: '042917',
  userAgent: 'Mozilla/5.0 <script>alert(1)</script> Firefox/140.0',
  ip: '203.0.113.7',
};

describe('signInCodeEmail', () => {
  it.each(LANGUAGES)(
    'in %s: shows the code, the expiry, the browser and IP, and escapes user text',
    (language) => {
      const email = signInCodeEmail({ ...input, language });
      expect(email.subject).toContain('Customer Care Registry');
      expect(email.subject).not.toContain(input.code);
      for (const body of [email.text, email.html]) {
        expect(body).toContain('042917');
        expect(body).toContain('10');
        expect(body).toContain('203.0.113.7');
        expect(body).toContain('https://help.example.com/forgot-password');
      }
      expect(email.text).toContain('<b>Ravi</b> & Co');
      expect(email.text).toContain('<script>alert(1)</script>');
      expect(email.html).toContain('&lt;b&gt;Ravi&lt;/b&gt; &amp; Co');
      expect(email.html).toContain('&lt;script&gt;');
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toContain('<b>');
    },
  );

  it('says "if this wasn’t you, change your password" in English', () => {
    const email = signInCodeEmail({ ...input, language: 'en' });
    expect(email.text).toContain('If this wasn’t you');
    expect(email.text).toContain('Change your password: https://help.example.com/forgot-password');
  });

  it('names an unknown browser and cuts a very long User-Agent', () => {
    expect(signInCodeEmail({ ...input, language: 'en', userAgent: undefined }).text).toContain(
      'Signing in from: an unknown browser (203.0.113.7)',
    );
    const long = signInCodeEmail({ ...input, language: 'en', userAgent: 'x'.repeat(1000) });
    expect(long.text).toContain(`${'x'.repeat(160)} (203.0.113.7)`);
    expect(long.text).not.toContain('x'.repeat(161));
  });

  it('differs per language', () => {
    const subjects = LANGUAGES.map((language) => signInCodeEmail({ ...input, language }).subject);
    expect(new Set(subjects).size).toBe(LANGUAGES.length);
  });
});
