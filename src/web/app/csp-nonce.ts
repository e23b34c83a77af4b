const PLACEHOLDER = '__CSP_' + 'NONCE__';

/**
 * The style nonce the server writes into index.html (`<meta name="csp-nonce">`) for this page load.
 * Mantine puts it on the <style> tags it injects, which the Content-Security-Policy would otherwise
 * block. Undefined when the page was not served by the app server (the Vite dev server).
 */
export function readStyleNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return content && content !== PLACEHOLDER ? content : undefined;
}
