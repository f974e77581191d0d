// Reads the sign-in and consent forms our pages render, the way a browser would submit them:
// hidden inputs, ticked checkboxes, and the button pressed. Only for the markup pages.ts writes.

export interface Form {
  readonly action: string;
  readonly fields: [string, string][];
  readonly checkboxes: string[];
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function readForm(html: string): Form {
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in the page:\n${html.slice(0, 2000)}`);
  const body = form[2]!;
  const fields = [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string]);
  const checkboxes = [...body.matchAll(/<input type="checkbox" name="scope" value="([^"]+)" checked>/g)].map((m) => decode(m[1]!));
  return { action: decode(form[1]!), fields, checkboxes };
}

/** The form's body with `extra` fields added (e.g. the API key, the scopes left ticked, the decision). */
export function submit(form: Form, extra: [string, string][]): string {
  return new URLSearchParams([...form.fields, ...extra]).toString();
}

/** `name=value` of a Set-Cookie header, for the next request's Cookie header. */
export function cookieOf(setCookie: string | null): string {
  if (!setCookie) throw new Error('the page set no cookie');
  return setCookie.split(';')[0]!;
}
