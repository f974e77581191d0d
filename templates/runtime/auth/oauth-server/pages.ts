// The sign-in, consent and error pages: server-rendered HTML with inline styles, no script and no
// external asset, readable on a phone. Every value from a client (its name, its redirect host) is
// escaped; nothing a client sends is rendered as markup.

export interface PageContext {
  readonly appName: string;
  readonly logo: string | undefined;
}

const SCOPE_TEXT: Record<string, string> = { read: 'Read your data', write: 'Create, change and delete your data' };

export function describeScope(scope: string): string {
  const known = SCOPE_TEXT[scope];
  if (known) return known;
  const [toolset, access] = scope.split(':');
  return access === 'write' ? `Change data in ${toolset}` : `Read data in ${toolset}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f4f5;color:#18181b}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}section{background:#fff;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:.5rem 0 1rem}header{display:flex;align-items:center;gap:.75rem;color:#52525b}header img{width:2.5rem;height:2.5rem;border-radius:.5rem}
label{display:flex;gap:.75rem;align-items:flex-start;padding:.5rem 0}input[type=checkbox]{width:1.25rem;height:1.25rem;margin-top:.15rem}
input[type=password]{width:100%;padding:.75rem;font:inherit;border:1px solid #a1a1aa;border-radius:.5rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}button{flex:1;padding:.8rem;font:inherit;font-weight:600;border-radius:.5rem;border:1px solid #18181b;cursor:pointer}
button.primary{background:#18181b;color:#fff}button.secondary{background:#fff;color:#18181b}.muted{color:#52525b;font-size:.9rem}.host{font-family:ui-monospace,monospace;word-break:break-all}
.error{color:#b91c1c}@media (prefers-color-scheme:dark){body{background:#18181b;color:#f4f4f5}section{background:#27272a}button.secondary{background:#27272a;color:#f4f4f5;border-color:#f4f4f5}button.primary{background:#f4f4f5;color:#18181b}.muted,header{color:#a1a1aa}}`;

function layout(ctx: PageContext, title: string, body: string): string {
  const logo = ctx.logo ? `<img src="${escapeHtml(ctx.logo)}" alt="">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(ctx.appName)}</title><style>${STYLE}</style></head>
<body><main><header>${logo}<strong>${escapeHtml(ctx.appName)}</strong></header><section>${body}</section></main></body></html>`;
}

export interface ClientView {
  readonly name: string;
  readonly redirectHost: string;
}

export function signInPage(ctx: PageContext, client: ClientView, form: { action: string; sealed: string; error?: string }): string {
  return layout(
    ctx,
    'Sign in',
    `<h1>Sign in to connect ${escapeHtml(client.name)}</h1>
<p class="muted">Paste one of your MCP API keys (<code>mcp-gen keys create</code>). It is checked once and not kept by ${escapeHtml(client.name)}.</p>
${form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : ''}
<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="request" value="${escapeHtml(form.sealed)}">
<label for="api_key" style="display:block">API key</label>
<input type="password" id="api_key" name="api_key" autocomplete="current-password" required>
<div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`,
  );
}

export function consentPage(ctx: PageContext, client: ClientView, form: { action: string; sealed: string; scopes: readonly string[]; who: string }): string {
  const boxes = form.scopes
    .map((s) => `<label><input type="checkbox" name="scope" value="${escapeHtml(s)}" checked><span>${escapeHtml(describeScope(s))} <span class="muted">(${escapeHtml(s)})</span></span></label>`)
    .join('\n');
  return layout(
    ctx,
    'Allow access',
    `<h1>${escapeHtml(client.name)} wants to use ${escapeHtml(ctx.appName)} as ${escapeHtml(form.who)}</h1>
<p class="muted">After you allow it, you will be sent to <span class="host">${escapeHtml(client.redirectHost)}</span>. Untick what it should not get.</p>
<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="request" value="${escapeHtml(form.sealed)}">
<fieldset style="border:0;padding:0;margin:0"><legend class="muted">It asks to:</legend>
${boxes}
</fieldset>
<div class="actions"><button class="secondary" type="submit" name="decision" value="deny">Deny</button><button class="primary" type="submit" name="decision" value="allow">Allow</button></div>
</form>`,
  );
}

export function errorPage(ctx: PageContext, message: string): string {
  return layout(ctx, 'Cannot connect', `<h1>This connection request cannot continue</h1><p class="error" role="alert">${escapeHtml(message)}</p><p class="muted">Close this page and try connecting again from the app.</p>`);
}
