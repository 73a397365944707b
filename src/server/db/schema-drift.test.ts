import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-app';
import type { OpenedDatabase } from './database';
import { GENERATED_SCHEMA_FILE, generateSchemaTypes } from './schema-codegen';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => {
  await opened.close();
});

describe('generated table types', () => {
  it(`${GENERATED_SCHEMA_FILE} is what the migrations produce (run npm run db:codegen after changing a migration)`, async () => {
    const generated = await generateSchemaTypes(opened.db);
    expect(generated, 'the migrated schema differs from the committed table types: run `npm run db:codegen`').toBe(
      fs.readFileSync(GENERATED_SCHEMA_FILE, 'utf8'),
    );
  });
});
