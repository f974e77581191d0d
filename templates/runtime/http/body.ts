// Reads request bodies under a size limit, from a web Request (framework mounts may hand over an
// already-parsed body instead: then there is nothing to read). Reading stops at the limit, so a
// body without Content-Length (chunked) cannot make the server buffer more than that.

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'not-json' | 'unreadable' };
export type TextResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' };

/** The body as UTF-8 text, at most `limit` bytes; an absent body is ''. */
export async function readText(request: Request, limit: number): Promise<TextResult> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A client that stops sending (request time-out) or goes away: nothing to answer, nothing to log.
    const next = await reader.read().catch(() => undefined);
    if (!next) return { ok: false, reason: 'unreadable' };
    const { done, value } = next;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

export async function readJson(request: Request, limit: number): Promise<BodyResult> {
  if (!request.body) return { ok: false, reason: 'not-json' };
  const read = await readText(request, limit);
  if (!read.ok) return read;
  try {
    return { ok: true, value: JSON.parse(read.text) };
  } catch {
    return { ok: false, reason: 'not-json' };
  }
}
