import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createNodeDb } from '../../src/db.ts'
import { findHouseholds } from '../../src/lookup/find.ts'
import { computeStats } from '../../src/lookup/stats.ts'
import { whatIf2027 } from '../../src/lookup/whatif.ts'
import { createPlaces } from '../../src/places.ts'
import { createServices } from '../../src/services.ts'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { createNlu } from '../../src/nlu/index.ts'
import { createInvite } from '../../src/roles/invites.ts'
import { placeNames } from '../../prisma/seed/places.ts'
import { fakeName, fakePlace, largeHouseholdList } from '../support/households.ts'
import { csvBytes, xlsxBytes } from '../support/spreadsheets.ts'
import { median, percentile, round } from './stats.ts'

/**
 * The household register at a province's size: importing 20,000 households (time, peak memory, and the
 * statements it sends, against D1's limits), then looking households up by name among them.
 */
const root = path.resolve(import.meta.dirname, '../..')
const HOUSEHOLDS = 20_000
const D1 = { maxBoundValues: 100, maxSqlBytes: 100_000, maxValueBytes: 2_000_000 }

interface Child {
  ms: number
  rssBeforeMiB: number
  maxRssMiB: number
  summary: null | { ok: boolean; imported: number; updated: number; unchanged: number; writes?: { statements: number; atomicGroups: number; maxBoundValues: number; maxSqlBytes: number; maxValueBytes: number } }
}

function child(dbFile: string, listFile: string, mode?: string): Child {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/bench/import-child.ts'), dbFile, listFile, ...(mode ? [mode] : [])], {
    cwd: root,
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').pop() as string) as Child
}

async function importRuns(dir: string, name: string, bytes: Uint8Array, runs = 3): Promise<Record<string, unknown>> {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  const fresh: Child[] = []
  let again: Child | null = null
  for (let i = 0; i < runs; i++) {
    const dbFile = path.join(dir, `${name}-${i}.db`)
    fresh.push(child(dbFile, file))
    if (i === 0) again = child(dbFile, file)
  }
  const idle = child(path.join(dir, `${name}-idle.db`), file, '--none')
  const first = fresh[0] as Child
  const writes = first.summary?.writes
  return {
    fileKiB: round(bytes.length / 1024, 0),
    imported: first.summary?.imported,
    medianMs: round(median(fresh.map((c) => c.ms)), 0),
    samplesMs: fresh.map((c) => round(c.ms, 0)),
    reimportUnchangedMs: again ? round(again.ms, 0) : null,
    reimportUnchanged: again?.summary?.unchanged,
    peakRssMiB: round(Math.max(...fresh.map((c) => c.maxRssMiB)), 0),
    processWithoutImportPeakRssMiB: round(idle.maxRssMiB, 0),
    writes,
    fitsD1: writes
      ? writes.maxBoundValues <= D1.maxBoundValues && writes.maxSqlBytes <= D1.maxSqlBytes && writes.maxValueBytes <= D1.maxValueBytes
      : null,
  }
}

async function lookups(dbFile: string): Promise<Record<string, unknown>> {
  const db = createNodeDb(dbFile)
  try {
    const commune = new Set(['quang-ngai/xa-dak-pxi'])
    // Names of Đăk Pxi's households (every fifth), as an officer types them: a given name alone, family and given
    // name without diacritics, the full name as written, the full name with the village.
    const queries: { name: string; village?: string }[] = Array.from({ length: 200 }, (_, k) => {
      const i = k * 5 * 19
      const name = fakeName(i)
      const words = name.split(' ')
      const plain = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd')
      if (k % 4 === 0) return { name: words[words.length - 1] as string }
      if (k % 4 === 1) return { name: plain(`${words[0]} ${words[words.length - 1]}`) }
      if (k % 4 === 2) return { name }
      return { name, village: fakePlace(i).village }
    })
    for (const q of queries.slice(0, 20)) await findHouseholds(db, commune, q)
    // Interleaved, in alternating order, so that neither scope gets the warmer cache.
    const byName: number[] = []
    const byNameAll: number[] = []
    const sizes: number[] = []
    for (const [k, q] of queries.entries()) {
      for (const scope of k % 2 === 0 ? (['commune', 'all'] as const) : (['all', 'commune'] as const)) {
        const t = performance.now()
        const r = await findHouseholds(db, scope === 'all' ? 'all' : commune, q)
        ;(scope === 'all' ? byNameAll : byName).push(performance.now() - t)
        if (scope === 'commune') sizes.push(r.kind === 'many' ? r.total : r.kind === 'one' ? 1 : 0)
      }
    }
    const byCode: number[] = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      await findHouseholds(db, 'all', { code: `BENCH-${String(i * 97).padStart(6, '0')}` })
      byCode.push(performance.now() - t)
    }
    const timed = async (f: () => Promise<unknown>, n = 10) => {
      const s: number[] = []
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        await f()
        s.push(performance.now() - t)
      }
      return round(median(s), 1)
    }
    return {
      households: await db.household.count(),
      byNameInCommune: {
        queries: queries.length,
        medianMs: round(median(byName), 2),
        p90Ms: round(percentile(byName, 90), 2),
        medianMatches: median(sizes),
        found: sizes.filter((n) => n > 0).length,
      },
      byNameWholeDeployment: { medianMs: round(median(byNameAll), 2), p90Ms: round(percentile(byNameAll, 90), 2) },
      byCode: { medianMs: round(median(byCode), 2), p90Ms: round(percentile(byCode, 90), 2) },
      statsByVillageMedianMs: await timed(() => computeStats(db, 'all', { level: 'village' })),
      whatIf2027WholeDeploymentMedianMs: await timed(() => whatIf2027(db, createPlaces(db), 'all'), 5),
    }
  } finally {
    await db.$disconnect()
  }
}

/**
 * Lookups as an officer types them, through the whole dialogue (dedupe claim, contact and actor, session, NLU,
 * guard, scoped lookup, audit row, session write): what a chat lookup costs on top of the register query.
 */
async function chatLookups(dbFile: string): Promise<Record<string, unknown>> {
  const db = createNodeDb(dbFile)
  try {
    // Three seconds between messages, as typed: the per-contact limit (30 a minute) never answers for the lookup.
    let seq = 0
    const start = Date.now()
    const clock = { now: () => new Date(start + seq * 3000) }
    const services = createServices({
      config: loadConfig({}),
      db,
      clock,
      logger: createLogger({ level: 'error' }),
      nlu: createNlu({ places: placeNames() }),
      defer: () => undefined,
    })
    const say = async (text: string) => {
      seq++
      const out = await services.dialogue.handle({ channel: 'web', userId: 'bench-officer', messageId: `bench-${seq}`, at: clock.now(), content: { kind: 'text', text } })
      if (out.duplicate) throw new Error('unexpected duplicate')
      return out.replies[0]?.text ?? ''
    }
    const invite = await createInvite(db, { role: 'officer', placeCode: 'quang-ngai/xa-dak-pxi', createdBy: 'bench', now: new Date() })
    await say(`/canbo ${invite.code}`)
    // Names of Đăk Pxi's households, typed the ways officers type them (as in lookups() above), and codes.
    const texts = Array.from({ length: 120 }, (_, k) => {
      const i = k * 5 * 23
      const name = fakeName(i)
      if (k % 3 === 0) return `tra cứu hộ ${name}`
      if (k % 3 === 1) return `tra ho ${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()} thon ${(i % 40) + 1}`
      return `xem hộ BENCH-${String(i).padStart(6, '0')}`
    })
    for (const text of texts.slice(0, 10)) await say(text)
    const byChat: number[] = []
    let answered = 0
    for (const text of texts) {
      const t = performance.now()
      const reply = await say(text)
      byChat.push(performance.now() - t)
      if (/^Hộ BENCH-|^Có \d+ hộ khớp/.test(reply)) answered++
    }
    const stats: number[] = []
    let statsAnswered = 0
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      const reply = await say(i % 2 === 0 ? 'thống kê hộ nghèo' : 'thôn nào nhiều hộ nghèo nhất')
      stats.push(performance.now() - t)
      if (reply.startsWith('Hộ nghèo năm 2025 theo thôn')) statsAnswered++
    }
    const whatIf: number[] = []
    let whatIfAnswered = 0
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      const reply = await say('năm 2027 xã mình thêm bao nhiêu hộ nghèo')
      whatIf.push(performance.now() - t)
      if (reply.startsWith('Ước tính khi áp dụng chuẩn nghèo mới')) whatIfAnswered++
    }
    return {
      householdLookup: { messages: texts.length, answered, medianMs: round(median(byChat), 2), p90Ms: round(percentile(byChat, 90), 2) },
      statsByVillage: { messages: stats.length, answered: statsAnswered, medianMs: round(median(stats), 1) },
      whatIf2027Commune: { messages: whatIf.length, answered: whatIfAnswered, medianMs: round(median(whatIf), 1) },
    }
  } finally {
    await db.$disconnect()
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-bench-lookup-'))
  try {
    const rows = largeHouseholdList(HOUSEHOLDS)
    const xlsx = await importRuns(dir, 'households.xlsx', await xlsxBytes(rows))
    const csv = await importRuns(dir, 'households.csv', csvBytes(rows, { delimiter: ';', encoding: 'windows-1258' }))
    const dbFile = path.join(dir, 'households.xlsx-0.db')
    return { households: HOUSEHOLDS, importXlsx: xlsx, importCsvWindows1258: csv, lookup: await lookups(dbFile), chat: await chatLookups(dbFile) }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
