// What a command's handler needs to hand work to the long-work thread (decision 0026): the pool, and the bytes it
// sends back as Buffers again.
import type { CommandContext } from '../dispatch/handler';

export function longWorkOf({ app }: Pick<CommandContext, 'app'>) {
  const pool = app.longWork;
  // Dispatch runs these commands only while the store is open, and the pool lives exactly as long as the store.
  if (!pool) throw new Error('The store is open but has no long-work pool');
  return pool;
}

/**
 * Bytes back from a long-work thread arrive as a Uint8Array (structured cloning does not keep Buffer): a Buffer over
 * the same memory, no copy. Its offset and length are the view's own, which need not be its whole ArrayBuffer.
 */
export function crossedBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
