import type { Db } from '../db.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Feature, Outbound } from './types.ts'
import { createCoreFeature } from '../core/conversation.ts'
import { createContactFeature } from '../contact/conversation.ts'
import { createPolicyFeature } from '../policy/conversation.ts'
import { createEligibilityFeature } from '../eligibility/conversation.ts'

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
