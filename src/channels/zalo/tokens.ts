import type { Db } from '../../db.ts'
import type { ZaloTokens, ZaloTokenStore } from './client.ts'

/**
 * Zalo tokens in the `ChannelCredential` table. The environment's pair only seeds the table: after the first refresh
 * the stored (rotated) pair wins, because the environment's refresh token no longer works. The compare-and-swap on
 * the old refresh token keeps two isolates from overwriting each other's rotation.
 */
export function dbZaloTokenStore(db: Db, initial: ZaloTokens): ZaloTokenStore {
  const channel = 'zalo'
  return {
    async load() {
      const row = await db.channelCredential.findUnique({ where: { channel } })
      if (row) return { accessToken: row.accessToken, refreshToken: row.refreshToken, accessExpiresAt: row.accessExpiresAt }
      try {
        await db.channelCredential.create({
          data: { channel, accessToken: initial.accessToken, refreshToken: initial.refreshToken, accessExpiresAt: initial.accessExpiresAt ?? null },
        })
      } catch {
        // Created concurrently by another request: read it below.
      }
      const created = await db.channelCredential.findUniqueOrThrow({ where: { channel } })
      return { accessToken: created.accessToken, refreshToken: created.refreshToken, accessExpiresAt: created.accessExpiresAt }
    },
    async replace(previousRefreshToken, next) {
      const { count } = await db.channelCredential.updateMany({
        where: { channel, refreshToken: previousRefreshToken },
        data: { accessToken: next.accessToken, refreshToken: next.refreshToken, accessExpiresAt: next.accessExpiresAt ?? null },
      })
      return count === 1
    },
  }
}
