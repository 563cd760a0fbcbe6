import type { CapabilityFactory } from './capability.ts'
import { core } from './core/index.tsx'
import { roles } from './roles/index.tsx'
import { policy } from './policy/index.ts'
import { contact } from './contact/index.tsx'
import { eligibility } from './eligibility/index.tsx'
import { reminders } from './reminders/index.tsx'
import { lookup } from './lookup/index.tsx'

/**
 * Every capability of the bot, one line each, in override order: a later one wins for the same intent or button
 * prefix (policy answers out_of_scope before the core fallback; the check owns eligibility.check).
 */
export const CAPABILITIES: readonly CapabilityFactory[] = [
  core,
  roles,
  policy,
  contact,
  eligibility,
  reminders,
  lookup,
]
