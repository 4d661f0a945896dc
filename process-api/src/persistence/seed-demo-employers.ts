import type { DataSource } from 'typeorm';
import { generateDemoEmployers, DEMO_EMPLOYER_SEED } from '../domain/employer/demo-employers';

/**
 * Inserts the deterministic demo employers with their contacts in two set-based statements; employers already
 * present are left untouched (and get no second set of contacts), so running it twice changes nothing.
 */
export async function seedDemoEmployers(dataSource: DataSource, options: { count: number; seed?: number }): Promise<{ inserted: number }> {
  const employers = generateDemoEmployers(options.count, options.seed ?? DEMO_EMPLOYER_SEED);
  const contacts = employers.flatMap((e) => e.contacts.map((c) => ({ ...c, enterpriseNumber: e.enterpriseNumber })));
  const rows: { enterprise_number: string }[] = await dataSource.query(
    `WITH inserted AS (
       INSERT INTO employer (enterprise_number, name, legal_form_code, nace_code, street, postal_code, city, language, category)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (enterprise_number) DO NOTHING
       RETURNING enterprise_number
     ), contacts AS (
       INSERT INTO employer_contact (enterprise_number, kind, value, label, source)
       SELECT c.enterprise_number, c.kind, c.value, c.label, 'demo-seed'
       FROM unnest($10::text[], $11::text[], $12::text[], $13::text[]) AS c(enterprise_number, kind, value, label)
       JOIN inserted i ON i.enterprise_number = c.enterprise_number
     )
     SELECT enterprise_number FROM inserted`,
    [
      employers.map((e) => e.enterpriseNumber),
      employers.map((e) => e.name),
      employers.map((e) => e.legalFormCode),
      employers.map((e) => e.naceCode),
      employers.map((e) => e.street),
      employers.map((e) => e.postalCode),
      employers.map((e) => e.city),
      employers.map((e) => e.language),
      employers.map((e) => e.category),
      contacts.map((c) => c.enterpriseNumber),
      contacts.map((c) => c.kind),
      contacts.map((c) => c.value),
      contacts.map((c) => c.label),
    ],
  );
  return { inserted: rows.length };
}
