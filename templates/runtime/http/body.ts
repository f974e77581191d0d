// Reads a JSON body under a size limit, from a web Request (framework mounts may hand over an
// already-parsed body instead: then there is nothing to read).

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'not-json' | 'unreadable' };

export async function readJson(request: Request, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: false, reason: 'not-json' };
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
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, reason: 'not-json' };
  }
}
