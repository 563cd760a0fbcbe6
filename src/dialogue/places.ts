import type { Db } from '../db.ts'

/** The communes the bot has contact data for: the five that cover the former huyện Đăk Hà since 1/7/2025. */
export const SERVED_COMMUNES = ['quang-ngai/xa-dak-ha', 'quang-ngai/xa-dak-pxi', 'quang-ngai/xa-dak-mar', 'quang-ngai/xa-dak-ui', 'quang-ngai/xa-ngok-reo'] as const

/**
 * The current commune for any place code: a village goes to its commune, a unit that was merged on 1/7/2025 goes to
 * its successor. Returns null for places above commune level or outside the served area.
 */
export async function currentCommune(db: Db, code: string | null | undefined): Promise<{ code: string; name: string } | null> {
  let current = code ? await db.place.findUnique({ where: { code } }) : null
  for (let hops = 0; current && hops < 4; hops++) {
    if (current.kind === 'village' && current.parentCode) {
      current = await db.place.findUnique({ where: { code: current.parentCode } })
      continue
    }
    if (current.successorCode && current.validTo) {
      current = await db.place.findUnique({ where: { code: current.successorCode } })
      continue
    }
    break
  }
  if (!current || !(SERVED_COMMUNES as readonly string[]).includes(current.code)) return null
  return { code: current.code, name: current.name }
}
