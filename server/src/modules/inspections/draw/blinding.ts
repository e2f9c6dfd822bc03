import { createHash, createHmac } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The blinding of `zhijian-draw/2` (docs/DRAW.md): a candidate key k is published as
 * blind(k) = hex(SHA-256(nonce(k) ‖ UTF-8(k))) with nonce(k) = HMAC-SHA256(blind secret, UTF-8(k)),
 * so the public record shows who was drawn (each selected id is opened with its key and nonce)
 * but not who else was in the pool.
 */
export const nonceOf = (blindSecret: Buffer, key: string): Buffer => createHmac('sha256', blindSecret).update(key, 'utf8').digest();

export const blindOf = (blindSecret: Buffer, key: string): string =>
  createHash('sha256')
    .update(nonceOf(blindSecret, key))
    .update(key, 'utf8')
    .digest('hex');

/**
 * The order of a draw's strata: the class names by hex(HMAC-SHA256(blind secret, UTF-8(name))),
 * labelled S1, S2, … in that order — secret per draw, so a label does not tell its class.
 */
export function labelClasses(blindSecret: Buffer, classNames: readonly string[]): { label: string; className: string }[] {
  const keyed = classNames.map((className) => ({ className, order: createHmac('sha256', blindSecret).update(className, 'utf8').digest('hex') }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k, i) => ({ label: `S${i + 1}`, className: k.className }));
}

/**
 * A worker blinding one slice of keys (`\n`-separated) the same way, with the HMAC written out as
 * SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ m)) over hash states prepared once (RFC 2104; a
 * 32-byte key needs no hashing): about twice as fast as a new HMAC per key. Plain JavaScript
 * evaluated as the worker's script, so it runs the same from the sources and from the build.
 */
const WORKER = `
const { createHash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const pad = (byte) => createHash('sha256').update(Buffer.from(workerData.secret).map((b) => b ^ byte)).update(Buffer.alloc(32, byte));
const inner = pad(0x36);
const outer = pad(0x5c);
const keys = workerData.keys.split('\\n');
const out = new Array(keys.length);
for (let i = 0; i < keys.length; i++) {
  const key = Buffer.from(keys[i], 'utf8');
  const nonce = outer.copy().update(inner.copy().update(key).digest()).digest();
  out[i] = createHash('sha256').update(nonce).update(key).digest('hex');
}
parentPort.postMessage(out.join('\\n'));
`;

/** Below this many keys the blinding runs here; above, in parallel workers. */
const PARALLEL_FROM = 20_000;

function blindInWorker(blindSecret: Buffer, keys: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { secret: new Uint8Array(blindSecret), keys: keys.join('\n') } });
    worker.once('message', (joined: string) => resolve(joined.split('\n')));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the blinding worker stopped with exit code ${code}`));
    });
  });
}

/** blind(k) of every key, in the keys' order; a large pool is split over the machine's cores. */
export async function blindAll(blindSecret: Buffer, keys: readonly string[], opts: { parallelFrom?: number } = {}): Promise<string[]> {
  if (keys.length < (opts.parallelFrom ?? PARALLEL_FROM)) return keys.map((key) => blindOf(blindSecret, key));
  const parts = Math.max(2, Math.min(availableParallelism(), 8));
  const size = Math.ceil(keys.length / parts);
  const slices: string[][] = [];
  for (let i = 0; i < keys.length; i += size) slices.push(keys.slice(i, i + size) as string[]);
  return (await Promise.all(slices.map((slice) => blindInWorker(blindSecret, slice)))).flat();
}
