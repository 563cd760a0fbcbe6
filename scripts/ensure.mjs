#!/usr/bin/env node
// Runs before `npm start` and `npm test` so that a fresh clone needs no other set-up step: installs dependencies when
// node_modules is missing or older than package-lock.json, and generates the Prisma clients when they are missing or
// older than the schema. Dependency-free on purpose: it runs before anything is installed.
import { execSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const at = (...p) => path.join(root, ...p)
const hash = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', env: process.env })

const lockHash = hash(at('package-lock.json'))
const lockStamp = at('node_modules', '.ensure-lock-hash')
const installed = fs.existsSync(at('node_modules', '.package-lock.json'))
const stamped = fs.existsSync(lockStamp) && fs.readFileSync(lockStamp, 'utf8') === lockHash
// node_modules installed after the lockfile was last written counts as fresh (e.g. CI ran `npm ci` itself).
const freshByTime =
  installed && fs.statSync(at('node_modules', '.package-lock.json')).mtimeMs >= fs.statSync(at('package-lock.json')).mtimeMs
if (!stamped && !freshByTime) {
  console.error('[ensure] installing dependencies (npm ci)…')
  run('npm ci --no-audit --no-fund')
}
if (fs.existsSync(at('node_modules'))) fs.writeFileSync(lockStamp, lockHash)

const schemaStamp = at('src', 'generated', '.schema-hash')
const generated = fs.existsSync(at('src', 'generated', 'prisma-node', 'client.ts')) && fs.existsSync(at('src', 'generated', 'prisma-worker', 'client.ts'))
if (!generated || !fs.existsSync(schemaStamp) || fs.readFileSync(schemaStamp, 'utf8') !== hash(at('prisma', 'schema.prisma'))) {
  run('node scripts/generate.mjs')
}

// `npm start` runs the built server (.build/server.mjs): rebuild it when it is missing or older than anything that
// went into it (our sources, locales, content, the generated clients, the lockfile for dependencies).
if (process.argv.includes('--server')) {
  const bundle = at('.build', 'server.mjs')
  const inputsFile = at('.build', 'server.inputs.json')
  const builtAt = fs.existsSync(bundle) && fs.existsSync(inputsFile) ? fs.statSync(bundle).mtimeMs : 0
  const stale = () => {
    if (builtAt === 0) return true
    if (fs.statSync(at('package-lock.json')).mtimeMs > builtAt) return true
    const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'))
    return inputs.some((file) => {
      if (file.startsWith('node_modules/')) return false
      try {
        return fs.statSync(at(file)).mtimeMs > builtAt
      } catch {
        return true // moved or deleted: the sources changed
      }
    })
  }
  if (stale()) run('node scripts/build-server.mjs')
}
