import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { parseCsv } from './csv';

/** Where `npm start` finds the code lists (the process runs from the repository root). */
export const DEFAULT_DATA_DIR = resolve(process.cwd(), 'process-api/data');

/** Loads NACE-BEL 2008 and the CBE legal forms into `nace_code` and `legal_form`; idempotent (upsert). */
export async function loadCodeLists(dataSource: DataSource, dataDir = DEFAULT_DATA_DIR): Promise<{ nace: number; legalForms: number }> {
  const nace = parseCsv(readFileSync(resolve(dataDir, 'nace2008_belgif.csv'), 'utf8'));
  const forms = parseCsv(readFileSync(resolve(dataDir, 'cbe-org2003_belgif.csv'), 'utf8'));
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO nace_code (code, broader, label_nl, label_fr, label_en)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET broader = excluded.broader, label_nl = excluded.label_nl, label_fr = excluded.label_fr, label_en = excluded.label_en`,
      [
        nace.map((r) => r['code']),
        nace.map((r) => r['broader'] || null),
        nace.map((r) => r['label_nl']),
        nace.map((r) => r['label_fr'] || r['label_nl']),
        // the source has English labels only down to four digits
        nace.map((r) => r['label_en'] || r['label_nl']),
      ],
    );
    await tx.query(
      `INSERT INTO legal_form (code, label_nl, label_fr, label_de)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (code) DO UPDATE SET label_nl = excluded.label_nl, label_fr = excluded.label_fr, label_de = excluded.label_de`,
      [forms.map((r) => r['code']), forms.map((r) => r['label_nl'].trim()), forms.map((r) => r['label_fr'].trim()), forms.map((r) => r['label_de'] || null)],
    );
  });
  return { nace: nace.length, legalForms: forms.length };
}
