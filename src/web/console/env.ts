import type { Child } from 'hono/jsx'
import type { StaffActor } from '../../roles/actor.ts'

/** Hono's typed variables for officer-console routes: the signed-in person, set once by the sign-in middleware. */
export interface ConsoleEnv {
  Variables: {
    actor: StaffActor
    /** The console session's id hash (null for requests signed with the bearer admin token). */
    sessionId: string | null
    /** Renders a whole page (layout and this person's navigation) around `body`. */
    page: (title: string | undefined, body: Child) => string
  }
}

/** One entry of the console's navigation, declared by the capability that owns the page. */
export interface NavEntry {
  /** Path under /admin, e.g. `/handovers`. */
  path: string
  /** Locale key of the label. */
  labelKey: string
  order: number
  /** Only for these roles (default: officers and admins). */
  roles?: readonly ('collaborator' | 'officer' | 'admin')[]
}
