import type { CapabilityFactory } from '../capability.ts'
import { createLookupFeature } from './conversation.ts'
import { IMPORT_PATH, UPLOAD_BODY_MAX_BYTES, lookupConsole } from './console.tsx'
import { lookupApi } from './api.ts'
import './texts.ts'

/**
 * The household register: lookups, statistics and the 2027 what-if by chat (conversation.ts); on the officer
 * console the statistics with charts and their export, the what-if, households with search and the upload of a
 * commune's list (console.tsx); the same lookups as JSON for tools (api.ts). All scoped to the reader's area.
 */
export const lookup: CapabilityFactory = (deps) => ({
  name: 'lookup',
  chat: createLookupFeature(deps),
  api: lookupApi(deps),
  console: {
    nav: [
      { path: '/statistics', labelKey: 'lookup.console.navStatistics', order: 10 },
      { path: '/households', labelKey: 'lookup.console.navHouseholds', order: 12 },
      { path: '/whatif', labelKey: 'lookup.console.navWhatIf', order: 14 },
    ],
    uploads: [{ path: IMPORT_PATH, maxBytes: UPLOAD_BODY_MAX_BYTES }],
    ...lookupConsole(deps),
  },
})
