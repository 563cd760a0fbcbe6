import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Feature, Outbound } from './types.ts'
import { createCoreFeature } from './handlers/core.ts'
import { createContactFeature } from './handlers/contact.ts'
import { createPolicyFeature } from './handlers/policy.ts'
import { createEligibilityFeature } from './eligibility/index.ts'

export interface FeatureDeps {
  db: Db
  clock: Clock
  logger: Logger
  outbound: Outbound
}

/** Every capability of the bot, in override order (later features win for the same intent or button prefix). */
export function createFeatures(deps: FeatureDeps): Feature[] {
  return [createCoreFeature(deps), createPolicyFeature(deps), createContactFeature(deps), createEligibilityFeature(deps)]
}
