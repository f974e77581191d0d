// Reads a JSON body under a size limit, from a web Request (framework mounts may hand over an
// already-parsed body instead: then there is nothing to read).

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'not-json' };

export async function readJson(request: Request, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: false, reason: 'not-json' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
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
