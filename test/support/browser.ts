import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'

/**
 * A real browser for the page tests: Debian's chromium (`apt-get install -y chromium fonts-noto-core`, done by
 * .ci/run), driven by playwright-core. Playwright's own browser download cannot work offline, so it is never used
 * (no `playwright install`).
 */

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Headless, without the sandbox (CI runs as root) and without anything that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Where screenshots are kept for people to look at (gitignored). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-artifacts')

/** Whether the browser is installed. CI must have it: there a missing browser is a failure, not a skip. */
export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH)
}

/** Browser tests run wherever chromium is installed, and always in CI (where they fail if it is missing). */
export const runBrowserTests = hasChromium() || Boolean(process.env.CI)

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

/** A file name under test-artifacts/ (the folder is made on first use). */
export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return path.join(ARTIFACTS_DIR, name)
}
