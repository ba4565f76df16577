// The frame of every HTML page the hub serves itself (invitation links,
// "forgot password" links): one look, set in one place.
import { escapeHtml } from './http-helpers';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button,.app{display:inline-block;margin-top:1rem;padding:.6rem 1rem;font:inherit;border-radius:.4rem}
button{background:#2f5fd0;color:#fff;border:0}.app{border:1px solid #2f5fd0;color:#2f5fd0;text-decoration:none}
.error{color:#b3261e}@media (prefers-color-scheme:dark){body{background:#15181f;color:#e6e8ee}.error{color:#f2b8b5}}`;

/** A whole page around `body` (HTML the caller has already escaped). */
export function hubPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
