import type { CapabilityFactory } from '../capability.ts'
import { createPolicyFeature } from './conversation.ts'

/** Policy answers: the `policy.*` intents, topic buttons, the topic picker and the out-of-scope path. */
export const policy: CapabilityFactory = (deps) => ({
  name: 'policy',
  chat: createPolicyFeature(deps),
})
