import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOUSEHOLDS } from '../../prisma/seed/households.ts'
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

const PXI = new Set(['quang-ngai/xa-dak-pxi'])

describe('the demo households of a fresh database', () => {
  it('are all clearly fake: DEMO- codes, made-up names, villages that say they are sample data', async () => {
    const rows = await db.household.findMany()
    expect(rows).toHaveLength(DEMO_HOUSEHOLDS.length)
    expect(rows.every((h) => h.code.startsWith('DEMO-') && h.head.includes('Mẫu'))).toBe(true)
    const villages = await db.place.findMany({ where: { code: { in: [...new Set(rows.map((h) => h.villageCode))] } } })
    expect(villages.map((v) => v.name)).toEqual(['thôn Mẫu A (dữ liệu mẫu)', 'thôn Mẫu B (dữ liệu mẫu)'])
    expect(villages.every((v) => v.source.startsWith('Dữ liệu mẫu'))).toBe(true)
  })

  it('can be looked up, counted and re-classified by an officer of xã Đăk Pxi', async () => {
    expect(await findHouseholds(db, PXI, { name: "h'mau" })).toMatchObject({ kind: 'one', household: { code: 'DEMO-A03' } })
    expect(await findHouseholds(db, PXI, { code: 'DEMO-A02' })).toMatchObject({ kind: 'one', history: [{ year: 2024 }, { year: 2025 }] })
    const stats = await computeStats(db, PXI, { level: 'village' })
    expect(stats.total).toMatchObject({ year: 2025, counts: { listed: 10, poor: 5, nearPoor: 2 }, previous: { year: 2024, counts: { listed: 4, poor: 3, nearPoor: 1 } } })
    const w = await whatIf2027(db, createPlaces(db), PXI)
    expect(w.total.households).toBe(10)
    expect(w.changed.length).toBeGreaterThan(0)
  })
})
