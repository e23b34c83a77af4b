const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For user text placed in an HTML email: every character that could open markup is escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** The frame every HTML email shares: a plain, readable single column. */
export function htmlLayout(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;color:#1a1b1e;max-width:560px;margin:0 auto;padding:24px">
${bodyHtml}
<p style="color:#868e96;font-size:12px;margin-top:32px">Customer Care Registry</p>
</body></html>`;
}
