/** Bytes arriving in chunks, consumed from the front without re-copying what is still waiting. */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private head = 0; // offset into chunks[0]
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Offset of the first `byte` from the front, or -1. */
  indexOf(byte: number): number {
    let base = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i] as Buffer;
      const from = i === 0 ? this.head : 0;
      const at = c.indexOf(byte, from);
      if (at >= 0) return base + at - from;
      base += c.length - from;
    }
    return -1;
  }

  /** Remove and return the first `n` bytes (n <= length). */
  take(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length - this.head >= n) {
      const out = first.subarray(this.head, this.head + n);
      this.advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0] as Buffer;
      const part = Math.min(n - filled, c.length - this.head);
      c.copy(out, filled, this.head, this.head + part);
      filled += part;
      this.advance(part);
    }
    return out;
  }

  private advance(n: number): void {
    this.length -= n;
    this.head += n;
    while (this.chunks.length > 0 && this.head >= (this.chunks[0] as Buffer).length) {
      this.head -= (this.chunks[0] as Buffer).length;
      this.chunks.shift();
    }
  }
}
