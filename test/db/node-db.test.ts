import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db.ts'
import { createTestDb } from '../support/db.ts'

// A lock held elsewhere (short busy timeout, asynchronous retries, 503) is tested in test/outbound/database.test.ts.
describe('the Node database connection', () => {
  let db: Db
  let file: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ db, file, cleanup } = await createTestDb())
  })
  afterEach(() => cleanup())

  it('runs in WAL mode with synchronous = NORMAL', async () => {
    expect(await db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
    expect(await db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1n }])
  })

  it('answers alike through prepared statements kept across queries: reads, writes, transactions, raw SQL', async () => {
    for (let i = 0; i < 3; i++) {
      const contact = await db.contact.upsert({
        where: { channel_externalId: { channel: 'web', externalId: 'same' } },
        create: { channel: 'web', externalId: 'same' },
        update: { locale: i % 2 ? 'en' : 'vi' },
      })
      expect(contact.locale).toBe(i === 0 ? 'vi' : i % 2 ? 'en' : 'vi')
      const [n, found] = await db.$transaction([db.contact.count(), db.contact.findUnique({ where: { id: contact.id } })])
      expect(n).toBe(1)
      expect(found?.externalId).toBe('same')
      expect(Number((await db.$queryRawUnsafe<{ v: unknown }[]>('SELECT ? AS v', i))[0]!.v)).toBe(i)
    }
    // A failed statement leaves the cached one usable.
    await expect(db.contact.create({ data: { channel: 'web', externalId: 'same' } })).rejects.toThrow()
    expect(await db.contact.count()).toBe(1)
  })
})
