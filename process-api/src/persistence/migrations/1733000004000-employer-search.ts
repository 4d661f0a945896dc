import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employer search on the task list: a substring of the name, case- and accent-insensitive ("lefebvre" finds
 * "Lefèbvre", "Goossens" finds "Taverne Goossens VOF"), fast on a million task rows.
 *
 * `employer_search` is a stored generated column holding the folded name; a pg_trgm GIN index serves
 * `LIKE '%term%'` and a btree index serves the accent-aware sort. Both extensions ship with the embedded
 * PostgreSQL 18 (and are "trusted": a database owner may create them on a managed server).
 */
export class EmployerSearch1733000004000 implements MigrationInterface {
  name = 'EmployerSearch1733000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const [{ schema }] = await q.query(`SELECT quote_ident(extnamespace::regnamespace::text) AS schema FROM pg_extension WHERE extname = 'unaccent'`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary by schema-qualified name makes
    // the wrapper safe to declare IMMUTABLE, which a generated column requires. Qualified names also keep it working
    // under the empty search_path of pg_dump/pg_restore. lower() runs after unaccent because the C locale only
    // lower-cases ASCII.
    await q.query(`
      CREATE FUNCTION werkbank_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        RETURN pg_catalog.lower(${schema}.unaccent('${schema}.unaccent'::regdictionary, value))`);
    const [{ fn }] = await q.query(`SELECT quote_ident(current_schema()) || '.werkbank_fold' AS fn`);
    await q.query(`ALTER TABLE user_task ADD COLUMN employer_search text GENERATED ALWAYS AS (${fn}(employer_name)) STORED`);
    await q.query(`DROP INDEX user_task_employer_name_idx`);
    await q.query(`CREATE INDEX user_task_employer_search_trgm_idx ON user_task USING gin (employer_search gin_trgm_ops)`);
    await q.query(`CREATE INDEX user_task_employer_search_sort_idx ON user_task (employer_search, key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_task_employer_search_sort_idx, user_task_employer_search_trgm_idx`);
    await q.query(`ALTER TABLE user_task DROP COLUMN employer_search`);
    await q.query(`DROP FUNCTION werkbank_fold(text)`);
    await q.query(`CREATE INDEX user_task_employer_name_idx ON user_task (lower(employer_name) text_pattern_ops)`);
  }
}
