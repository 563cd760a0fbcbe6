import type { Db } from './db.ts'

/**
 * A secret the server needs to be the same everywhere (every Node process, every Workers isolate) without anyone
 * configuring it: made at random on first use and kept in the database. The first writer wins (insert-or-ignore),
 * and everyone reads the winner's, so two isolates starting at once still agree.
 */
export function sharedSecret(db: Db, name: string): () => Promise<string> {
  let cached: Promise<string> | null = null
  const load = async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    const fresh = btoa(String.fromCharCode(...bytes))
    await db.$executeRaw`INSERT OR IGNORE INTO "ServerSecret" ("name", "value") VALUES (${name}, ${fresh})`
    const row = await db.serverSecret.findUniqueOrThrow({ where: { name } })
    return row.value
  }
  return () => {
    // A failed read (database busy) is tried again next time rather than remembered.
    cached ??= load().catch((err: unknown) => {
      cached = null
      throw err
    })
    return cached
  }
}
