#!/usr/bin/env node
// Wrangler wants flat `<dir>/*.sql` files; Prisma keeps `prisma/migrations/<ts>_<name>/migration.sql`.
// Copy the latter into prisma/d1-migrations/<ts>_<name>.sql (committed; a test checks they match).
import fs from 'node:fs'
import path from 'node:path'

export function syncD1Migrations(root) {
  const from = path.join(root, 'prisma/migrations')
  const to = path.join(root, 'prisma/d1-migrations')
  fs.mkdirSync(to, { recursive: true })
  const names = fs
    .readdirSync(from, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  for (const name of names) {
    fs.copyFileSync(path.join(from, name, 'migration.sql'), path.join(to, `${name}.sql`))
  }
  for (const file of fs.readdirSync(to)) {
    if (file.endsWith('.sql') && !names.includes(file.slice(0, -4))) fs.rmSync(path.join(to, file))
  }
  return names
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
  console.log(`Synced ${syncD1Migrations(root).length} migrations to prisma/d1-migrations`)
}
