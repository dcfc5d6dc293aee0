// Writes sql/compressed.{duckdb,spark,bigquery}.sql from the one template
// (src/lib/data/sql/compressed-summary-sql.ts). Run: npx tsx scripts/generate-sql.ts
// tests/unit/data/sql/compressed-summary-sql.test.ts fails when the committed files differ.
import { writeFileSync } from 'node:fs';
import {
  COMPRESSED_SQL_FILES,
  SQL_DIALECTS,
  compressedSummarySql
} from '../src/lib/data/sql/compressed-summary-sql.ts';

for (const dialect of SQL_DIALECTS) {
  writeFileSync(COMPRESSED_SQL_FILES[dialect], compressedSummarySql(dialect));
  console.log(`wrote ${COMPRESSED_SQL_FILES[dialect]}`);
}
