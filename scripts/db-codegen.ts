// Migrates an empty in-memory database and writes its table types (npm run db:codegen).
import fs from 'node:fs';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { GENERATED_SCHEMA_FILE, generateSchemaTypes } from '../src/server/db/schema-codegen';

const opened = await openDatabase({});
try {
  await migrateToLatest(opened.db);
  fs.writeFileSync(GENERATED_SCHEMA_FILE, await generateSchemaTypes(opened.db));
  console.log(`wrote ${GENERATED_SCHEMA_FILE}`);
} finally {
  await opened.close();
}
