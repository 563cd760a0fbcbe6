import { describe, expect, it } from 'vitest'
import { createApp } from '../src/app.ts'
import { createServices } from '../src/services.ts'
import { loadConfig } from '../src/config.ts'
import { createNodeDb } from '../src/db.ts'
import { systemClock } from '../src/clock.ts'
import { createMemoryLogger } from '../src/logger.ts'
import { testNlu } from './support/app.ts'

describe('HTTP service', () => {
  it('answers /healthz with 503 when the database cannot be reached', async () => {
    // A real SQLite database at a path that cannot exist: every query fails like a lost disk would.
    const db = createNodeDb('/nonexistent-dir/for/sure/test.db')
    const logger = createMemoryLogger()
    const app = createApp(createServices({ config: loadConfig({}), db, clock: systemClock, logger, nlu: testNlu(), defer: () => {} }))
    const res = await app.request('/healthz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'db_missing' } })
  })

  it('answers unknown routes with a JSON 404', async () => {
    const db = createNodeDb('/nonexistent-dir/for/sure/test.db')
    const app = createApp(createServices({ config: loadConfig({}), db, clock: systemClock, logger: createMemoryLogger(), nlu: testNlu(), defer: () => {} }))
    const res = await app.request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})
