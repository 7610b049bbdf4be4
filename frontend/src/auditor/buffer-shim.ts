// The two Buffer calls oracle/manifest/read-manifest.ts makes (Buffer.concat and
// Buffer.from(bytes).equals), on plain Uint8Arrays, so the audit library's manifest check runs in
// the browser. Vite injects this import into that one module only (frontend/vite.config.ts,
// plugin "1tt-read-manifest-buffer"); no global Buffer is defined, so no other library mistakes
// it for Node's. It becomes unused once read-manifest.ts stops using Buffer.
class Bytes extends Uint8Array {
  equals(other: Uint8Array): boolean {
    if (other.byteLength !== this.byteLength) return false;
    for (let i = 0; i < this.byteLength; i++) if (this[i] !== other[i]) return false;
    return true;
  }
}

export const Buffer = {
  concat(parts: readonly Uint8Array[]): Bytes {
    const out = new Bytes(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  },
  from(bytes: Uint8Array): Bytes {
    const out = new Bytes(bytes.byteLength);
    out.set(bytes);
    return out;
  },
};
