import { parseArgs } from 'node:util'
import { openNodeRuntime } from './node-runtime.ts'

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function inviteCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length])
  return `CB-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

/**
 * `npm run invite -- --place quang-ngai/xa-dak-ha [--role officer|collaborator] [--days 7]`: creates a one-time code;
 * the officer sends `/canbo <code>` to the bot on their channel to be verified for that commune.
 */
export async function runInvite(argv: string[] = process.argv.slice(3)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { place: { type: 'string' }, role: { type: 'string', default: 'officer' }, days: { type: 'string', default: '7' } } })
  const role = values.role ?? 'officer'
  const days = Number(values.days)
  if (!values.place || !['officer', 'collaborator', 'admin'].includes(role) || !(days > 0 && days <= 90)) {
    console.error('usage: npm run invite -- --place <place code> [--role officer|collaborator|admin] [--days 1-90]')
    return 64
  }
  const { db } = openNodeRuntime()
  try {
    const place = await db.place.findUnique({ where: { code: values.place } })
    if (!place) {
      const communes = await db.place.findMany({ where: { kind: 'commune', validTo: null }, select: { code: true } })
      console.error(`Unknown place ${values.place}. Communes: ${communes.map((c) => c.code).join(', ')}`)
      return 2
    }
    const code = inviteCode()
    const expiresAt = new Date(Date.now() + days * 86_400_000)
    await db.officerInvite.create({ data: { code, role, placeCode: place.code, expiresAt } })
    console.log(`Invite for ${role} of ${place.name}, valid until ${expiresAt.toISOString().slice(0, 10)}:\n\n  /canbo ${code}\n\nThe officer sends this line to the bot on Zalo, Telegram or the web chat.`)
    return 0
  } finally {
    await db.$disconnect()
  }
}
