// Reusable scratch memory for the network builder's temporaries (edge lists, per-pathway draws, marks).
//
// A build runs start to finish on one thread, and a worker builds one network per run: handing out views of one
// buffer that persists between builds spares each run the fresh multi-megabyte allocations (zero pages the kernel
// maps on first touch, under a lock the threads of one process share) that otherwise cost the worker pool part of its
// parallel speed-up. Views are valid until the next `reset`.

/** Buffers above this size are not kept between builds (a one-off huge network should not pin its memory). */
const KEEP_MAX_BYTES = 64 * 1024 * 1024;
const ALIGN = 8;

export class BuildScratch {
  private buffer = new ArrayBuffer(1 << 20);
  private next = 0;

  /** Starts a build: every view handed out before is invalid from here on. */
  reset(): void {
    this.next = 0;
    if (this.buffer.byteLength > KEEP_MAX_BYTES) this.buffer = new ArrayBuffer(1 << 20);
  }

  u32(count: number): Uint32Array {
    return this.view(Uint32Array, count);
  }

  i32(count: number): Int32Array {
    return this.view(Int32Array, count);
  }

  u16(count: number): Uint16Array {
    return this.view(Uint16Array, count);
  }

  f64(count: number): Float64Array {
    return this.view(Float64Array, count);
  }

  private view<T>(
    Ctor: { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number },
    count: number,
  ): T {
    const at = this.take(count * Ctor.BYTES_PER_ELEMENT); // before reading this.buffer, which take() may replace
    return new Ctor(this.buffer, at, count);
  }

  /** Byte offset of `bytes` more in the current buffer; a full buffer is replaced by a larger one (views into the
   * old one stay valid: they keep it alive). Contents are not zeroed. */
  private take(bytes: number): number {
    const size = Math.ceil(bytes / ALIGN) * ALIGN;
    if (this.next + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(2 * this.buffer.byteLength, size));
      this.next = 0;
    }
    const at = this.next;
    this.next += size;
    return at;
  }
}
