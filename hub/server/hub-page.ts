// The frame of every HTML page the hub serves itself (invitation links,
// "forgot password" links): one look, set in one place, close to the app's
// own (renderer/src/plugins/vuetify.ts: the same primary colours, light and
// dark from the system's setting, a card on a quiet background). The pages'
// CSP allows inline styles and nothing else: no scripts, no web fonts.
import { escapeHtml } from './http-helpers';

const STYLE = `:root{color-scheme:light dark;--bg:#f4f5f8;--surface:#fff;--text:#1d2330;--muted:#4a5163;--line:#c9cdd6;--primary:#2f5fd0;--on-primary:#fff;--error:#b3261e;--field:#f6f7f9}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--surface:#1e1f22;--text:#e6e8ee;--muted:#b9bfcc;--line:#4a4f5a;--primary:#8ab4f8;--on-primary:#0b1d3a;--error:#f2b8b5;--field:#26282c}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:var(--bg);color:var(--text);font:16px/1.5 Roboto,system-ui,-apple-system,"Segoe UI",sans-serif}
header{padding:1rem 1.5rem;font-weight:500;font-size:1.1rem;letter-spacing:.01em}
main{max-width:32rem;margin:1rem auto 3rem;padding:1.5rem 1.75rem;background:var(--surface);border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12),0 1px 2px rgba(0,0,0,.08)}
@media (max-width:36rem){main{margin:0 .5rem 2rem;padding:1.25rem}}
h1{font-size:1.5rem;line-height:2rem;font-weight:400;margin:0 0 1rem}
p{margin:.75rem 0}.muted{color:var(--muted)}
label{display:block;margin:1rem 0 .25rem;font-size:.875rem;color:var(--muted)}
input{width:100%;padding:.7rem .75rem;font:inherit;color:inherit;background:var(--field);border:1px solid var(--line);border-radius:4px}
input:focus{outline:2px solid var(--primary);outline-offset:-1px}
input[readonly]{font-family:ui-monospace,"Roboto Mono",Menlo,Consolas,monospace;font-size:.95rem}
code{font-family:ui-monospace,"Roboto Mono",Menlo,Consolas,monospace;font-size:.95em;padding:.05rem .3rem;border-radius:4px;background:var(--field);overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button,.button{display:inline-flex;align-items:center;min-height:2.5rem;padding:0 1.25rem;font:inherit;font-weight:500;font-size:.9rem;letter-spacing:.02em;border-radius:4px;text-decoration:none;cursor:pointer}
button,.button.filled{background:var(--primary);color:var(--on-primary);border:0}
.button{border:1px solid var(--primary);color:var(--primary);background:transparent}
button:focus-visible,.button:focus-visible{outline:2px solid var(--text);outline-offset:2px}
.error{color:var(--error)}.next{margin-top:1.5rem;padding-top:1rem;border-top:1px solid var(--line)}`;

/** A whole page around `body` (HTML the caller has already escaped). */
export function hubPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )} · Gatehouse</title><style>${STYLE}</style></head><body><header>Gatehouse</header><main>${body}</main></body></html>`;
}

/**
 * An address to copy into the app: a read-only field a person can select
 * (the pages run no script, so there is no copy button).
 */
export function copyableAddress(id: string, label: string, address: string): string {
  return `<label for="${escapeHtml(id)}">${escapeHtml(label)}</label><input id="${escapeHtml(id)}" readonly value="${escapeHtml(address)}" spellcheck="false">`;
}
