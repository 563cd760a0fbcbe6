import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db } from '../db.ts'

/**
 * Lets one Prisma client serve concurrent requests on workerd.
 *
 * The bug (prisma/orm#28732): the client collects queries into batches in one dispatcher (a DataLoader) for the
 * whole client — `findUnique` calls by shape, and the statements of each `$transaction([...])`. A batch is run by a
 * tick that whichever request queued first scheduled. Under concurrency the batch holds other requests' queries,
 * their D1 calls run in the first request's I/O context, and workerd cancels them as hung ("promise resolved from
 * a different request context"). Measured on wrangler dev, 300 requests 30 at a time, each with a findUnique and a
 * batch transaction: one client per isolate answers 12 of 300.
 *
 * Options measured (same run; details in test/bench/worker.bench.ts and the hardening notes):
 * - a new PrismaClient per request: 300/300, but each request builds its own query compiler (wasm), ParamGraph and
 *   plan cache: about 2× the wall time, +6–8 ms CPU per update, and workerd's memory grows past 1 GB;
 * - turning batching off: findUnique batches go, but the transaction batches still cross requests (16/300), and
 *   turning those off too would silently run `$transaction([...])` statements one by one;
 * - the `no_handle_cross_request_promise_resolution` flag: no help (STACK.md);
 * - **a dispatcher per request on the shared client (this module): 300/300 at the shared client's cost.** Everything
 *   the client builds once (compiler, plans, adapter) stays shared; only the batching is per request, so a batch
 *   only ever holds one request's queries and runs in that request's context.
 *
 * This reaches into the client's `_requestHandler.dataloader` (Prisma 7.10, pinned). If a Prisma upgrade moves it,
 * `scopeBatchesPerRequest` throws at start-up, and test/workers/concurrency.test.ts says why.
 */
export interface RequestScope {
  /** Runs `fn` (a request, a scheduled run) with its own batch dispatcher; everything it starts inherits it. */
  run<T>(fn: () => T): T
}

interface Loader {
  request(request: unknown): Promise<unknown>
}

interface LoaderClass {
  new (options: unknown): Loader
}

export function scopeBatchesPerRequest(client: Db): RequestScope {
  const handler = (client as unknown as { _requestHandler?: { dataloader?: Loader & { options?: unknown } } })._requestHandler
  const shared = handler?.dataloader
  if (!handler || !shared || typeof shared.request !== 'function' || shared.options === undefined) {
    throw new Error('Prisma client internals changed: _requestHandler.dataloader not found (see src/db/request-scope.ts)')
  }
  const SharedLoader = shared.constructor as LoaderClass
  const options = shared.options
  const storage = new AsyncLocalStorage<{ loader?: Loader }>()
  handler.dataloader = Object.assign(Object.create(shared) as Loader & { options: unknown }, {
    request(request: unknown) {
      const scope = storage.getStore()
      // Outside any request (module start-up) only one context runs, so the shared dispatcher is safe.
      if (!scope) return shared.request(request)
      scope.loader ??= new SharedLoader(options)
      return scope.loader.request(request)
    },
  })
  return { run: (fn) => storage.run({}, fn) }
}
