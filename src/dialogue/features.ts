import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Feature } from './types.ts'
import { createCoreFeature } from './handlers/core.ts'

export interface FeatureDeps {
  db: Db
  clock: Clock
  logger: Logger
}

/** Every capability of the bot, in override order (later features win for the same intent or button prefix). */
export function createFeatures(_deps: FeatureDeps): Feature[] {
  return [createCoreFeature()]
}
