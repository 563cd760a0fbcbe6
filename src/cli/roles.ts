import { openNodeRuntime } from './node-runtime.ts'
import { listAssignments } from '../roles/assignments.ts'

/**
 * `npm run -s roles [-- --all]`: role assignments as JSON lines, newest first (`--all` includes revoked ones):
 * `{"id","contactId","channel","role","place","grantedBy","verifiedAt","revokedAt"}`.
 */
export async function runRoles(argv: string[] = process.argv.slice(3)): Promise<number> {
  const { db } = openNodeRuntime()
  try {
    for (const r of await listAssignments(db, { includeRevoked: argv.includes('--all') })) {
      console.log(
        JSON.stringify({
          id: r.id,
          contactId: r.contactId,
          channel: r.channel,
          role: r.role,
          place: r.placeCode,
          grantedBy: r.grantedBy,
          verifiedAt: r.verifiedAt.toISOString(),
          revokedAt: r.revokedAt?.toISOString() ?? null,
        }),
      )
    }
    return 0
  } finally {
    await db.$disconnect()
  }
}
