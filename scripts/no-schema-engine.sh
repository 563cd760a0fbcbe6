#!/bin/sh
# The native Prisma schema engine cannot be downloaded on this network. Pointing PRISMA_SCHEMA_ENGINE_BINARY
# here makes the prisma CLI skip the download; commands that truly need the engine fail loudly instead of
# silently doing nothing (which is what /bin/true would do).
echo "schema-engine binary is not available offline; use: node scripts/prisma-wasm.mjs (diff|deploy|sql)" >&2
exit 1
