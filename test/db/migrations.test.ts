import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listMigrations, migrateSqliteFile } from '../../src/db/migrate.ts'
import { SEED_MIGRATIONS } from '../../scripts/gen-seed-migration.ts'
import { createTestDb, migrationsDir } from '../support/db.ts'
import type { Db } from '../../src/db.ts'

const root = path.resolve(import.meta.dirname, '../..')

describe('migrations', () => {
  it('has a D1 copy of every Prisma migration, byte for byte (npm run db:diff keeps them in sync)', () => {
    const d1Dir = path.join(root, 'prisma/d1-migrations')
    const names = listMigrations(migrationsDir)
    expect(fs.readdirSync(d1Dir).filter((f) => f.endsWith('.sql')).sort()).toEqual(names.map((n) => `${n}.sql`))
    for (const name of names) {
      expect(fs.readFileSync(path.join(d1Dir, `${name}.sql`), 'utf8')).toBe(fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8'))
    }
  })

  it('keeps the seed migrations identical to what the seed data generates', () => {
    for (const [name, sql] of Object.entries(SEED_MIGRATIONS)) {
      expect(fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8')).toBe(sql())
    }
  })

  it('applies once: a second run applies nothing', async () => {
    const { file, cleanup } = await createTestDb()
    try {
      expect(migrateSqliteFile(file, migrationsDir).applied).toEqual([])
    } finally {
      await cleanup()
    }
  })
})

describe('seed data', () => {
  let db: Db
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    ;({ db, cleanup } = await createTestDb())
  })
  afterAll(() => cleanup())

  it('has the former Đăk Hà district with its 11 units: the town and 10 communes', async () => {
    const units = await db.place.findMany({ where: { parentCode: 'kon-tum/dak-ha' } })
    expect(units).toHaveLength(11)
    expect(units.filter((u) => u.kind === 'town').map((u) => u.name)).toEqual(['thị trấn Đăk Hà'])
    expect(units.every((u) => u.validTo === '2025-06-30' && u.successorCode?.startsWith('quang-ngai/'))).toBe(true)
  })

  it('has the 5 new communes of tỉnh Quảng Ngãi that cover it since 1/7/2025', async () => {
    const communes = await db.place.findMany({ where: { parentCode: 'quang-ngai' }, orderBy: { code: 'asc' } })
    expect(communes.map((c) => c.name)).toEqual(['xã Đăk Hà', 'xã Đăk Mar', 'xã Đăk Pxi', 'xã Đăk Ui', 'xã Ngọk Réo'])
    const intoDakHa = await db.place.findMany({ where: { successorCode: 'quang-ngai/xa-dak-ha' } })
    expect(intoDakHa.map((p) => p.name).sort()).toEqual(['thị trấn Đăk Hà', 'xã Hà Mòn', 'xã Đăk La'])
  })

  it('has the reported statistics with their source and year', async () => {
    const district = await db.povertyStatistic.findFirstOrThrow({ where: { placeCode: 'kon-tum/dak-ha' } })
    expect(district).toMatchObject({ year: 2021, poorHouseholds: 2692, poorRateBasisPoints: 1487, ethnicMinorityPoor: 2545 })
    expect(district.source).toContain('Báo Kon Tum')
    const town = await db.povertyStatistic.findFirstOrThrow({ where: { placeCode: 'kon-tum/dak-ha/tt-dak-ha' } })
    expect(town).toMatchObject({ poorHouseholds: 165, poorRateBasisPoints: 399, standard: '2022-2025' })
    const village = await db.povertyStatistic.findFirstOrThrow({ where: { place: { name: 'thôn Kon Trang Long Loi' } } })
    expect(village).toMatchObject({ poorHouseholds: 100, nearPoorHouseholds: 5 })
  })
})
