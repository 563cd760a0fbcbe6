import type { CapabilityFactory } from '../capability.ts'
import { createLookupFeature } from './conversation.ts'
import './texts.ts'

/**
 * The household register: lookups, statistics and the 2027 what-if by chat (conversation.ts) and on the officer
 * console, the upload of a commune's list, and the export of the statistics for the monthly report.
 */
export const lookup: CapabilityFactory = (deps) => ({
  name: 'lookup',
  chat: createLookupFeature(deps),
})
