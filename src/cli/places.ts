import { openNodeRuntime } from './node-runtime.ts'

/**
 * `npm run -s places`: every place as a JSON line `{"code","name","kind","parent","current","successor"}`, current
 * communes first; `current` is false for units merged away on 1/7/2025 (their successor is named).
 */
export async function runPlaces(): Promise<number> {
  const { db } = openNodeRuntime()
  try {
    const rows = await db.place.findMany({ orderBy: { code: 'asc' } })
    const rank = (r: (typeof rows)[number]) => (r.validTo === null ? 0 : 1)
    for (const p of rows.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code))) {
      console.log(JSON.stringify({ code: p.code, name: p.name, kind: p.kind, parent: p.parentCode, current: p.validTo === null, successor: p.successorCode }))
    }
    return 0
  } finally {
    await db.$disconnect()
  }
}
