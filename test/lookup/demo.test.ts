import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_COMMUNE, DEMO_HOUSEHOLDS } from '../../prisma/seed/households.ts'
import type { Db } from '../../src/db.ts'
import { findHouseholds } from '../../src/lookup/find.ts'
import { computeStats } from '../../src/lookup/stats.ts'
import { whatIf2027 } from '../../src/lookup/whatif.ts'
import { createPlaces } from '../../src/places.ts'
import { createTestDb } from '../support/db.ts'

let db: Db
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ db, cleanup } = await createTestDb())
})
afterAll(() => cleanup())

const DEMO = new Set([DEMO_COMMUNE])

describe('the demo households of a fresh database', () => {
  it('are all clearly fake, in a made-up commune outside the real place tree', async () => {
    const rows = await db.household.findMany()
    expect(rows).toHaveLength(DEMO_HOUSEHOLDS.length)
    expect(rows.every((h) => h.code.startsWith('DEMO-') && h.head.includes('Mẫu') && h.communeCode === DEMO_COMMUNE)).toBe(true)
    const places = await db.place.findMany({ where: { source: { startsWith: 'Dữ liệu mẫu' } }, orderBy: { code: 'asc' } })
    expect(places.map((p) => [p.code, p.name, p.parentCode])).toEqual([
      ['demo/xa-mau', 'xã Mẫu (dữ liệu mẫu)', null],
      ['demo/xa-mau/thon-mau-a', 'thôn Mẫu A', 'demo/xa-mau'],
      ['demo/xa-mau/thon-mau-b', 'thôn Mẫu B', 'demo/xa-mau'],
    ])
    // No real commune has a village of the demo.
    expect(await db.place.count({ where: { kind: 'village', source: { startsWith: 'Dữ liệu mẫu' }, NOT: { parentCode: DEMO_COMMUNE } } })).toBe(0)
  })

  it('can be looked up, counted and re-classified by an officer of the demo commune', async () => {
    expect(await findHouseholds(db, DEMO, { name: "h'mau" })).toMatchObject({ kind: 'one', household: { code: 'DEMO-A03' } })
    expect(await findHouseholds(db, DEMO, { code: 'DEMO-A02' })).toMatchObject({ kind: 'one', history: [{ year: 2024 }, { year: 2025 }] })
    const stats = await computeStats(db, DEMO, { level: 'village' })
    expect(stats.total).toMatchObject({ year: 2025, counts: { listed: 10, poor: 5, nearPoor: 2 }, previous: { year: 2024, counts: { listed: 4, poor: 3, nearPoor: 1 } } })
    const w = await whatIf2027(db, createPlaces(db), DEMO)
    expect(w.total.households).toBe(10)
    expect(w.changed.length).toBeGreaterThan(0)
  })
})
