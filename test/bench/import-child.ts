/**
 * One household import in a process of its own, so that its peak memory is the process's (`maxRSS`):
 * `node --import tsx test/bench/import-child.ts <database file> <list file> [--read-only]`. Prints one JSON line.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createNodeDb } from '../../src/db.ts'
import { migrateSqliteFile } from '../../src/db/migrate.ts'
import { importHouseholds } from '../../src/lookup/import.ts'

const [dbFile, listFile, mode] = process.argv.slice(2) as [string, string, string | undefined]
migrateSqliteFile(dbFile, path.resolve(import.meta.dirname, '../../prisma/migrations'))
const db = createNodeDb(dbFile)
await db.place.count()
const bytes = new Uint8Array(fs.readFileSync(listFile))
const rssBefore = process.memoryUsage().rss
const started = performance.now()
const summary = mode === '--none' ? null : await importHouseholds(db, bytes, { allowed: 'all' })
const ms = performance.now() - started
await db.$disconnect()
const { file: _f, errors: _e, ...rest } = summary ?? { file: null, errors: null }
console.log(JSON.stringify({ ms, rssBeforeMiB: rssBefore / 2 ** 20, maxRssMiB: process.resourceUsage().maxRSS / 1024, summary: summary ? rest : null }))
