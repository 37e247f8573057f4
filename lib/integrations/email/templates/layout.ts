import { escapeHtml, safeUrl } from "@/lib/integrations/email/escape-html";

/** A paragraph of user-influenced text, escaped. */
export function p(text: string): string {
  return `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
}

/** A call-to-action link; omitted when the URL is missing or not http(s). */
export function button(label: string, url: string | undefined): string {
  const href = safeUrl(url);
  if (!href) return "";
  return `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="background:#111827;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(label)}</a></p>`;
}

/** The shared HTML shell of every customer email. `body` must already be escaped. */
export function layout(title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
${body}
<p style="margin:32px 0 0;color:#6b7280;font-size:13px">${escapeHtml(footer)}</p>
</div>
</body>
</html>`;
}
