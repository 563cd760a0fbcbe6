#!/usr/bin/env node
// `prisma generate` for both clients (Node and workerd). The CLI tries to download the native schema engine before
// any command; pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub that fails loudly skips that (generate does not need it).
import { execSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
execSync(`"${process.execPath}" "${path.join(root, 'node_modules/prisma/build/index.js')}" generate`, {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts/no-schema-engine.sh'), PRISMA_HIDE_UPDATE_MESSAGE: '1' },
})
const schemaHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(root, 'prisma/schema.prisma'))).digest('hex')
fs.writeFileSync(path.join(root, 'src/generated/.schema-hash'), schemaHash)
console.error('[generate] Prisma clients generated')
