import type { DataSource, EntityManager } from 'typeorm';
import type { Contact, EmployerSummary } from '@werkbank/shared';
import type { EmployerDirectory } from '../application/employer-directory.port';
import { checkEnterpriseNumber, formatEnterpriseNumber } from '../domain/employer/enterprise-number';

interface EmployerRow {
  enterprise_number: string;
  name: string;
  language: string;
  legal_form_code: string | null;
  legal_form_nl: string | null;
  legal_form_fr: string | null;
  nace_code: string | null;
  nace_nl: string | null;
  nace_fr: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
}

export interface ContactInput {
  kind: Contact['kind'];
  value: string;
  label: string | null;
}

/** Employers and their central contact data (tables `employer`, `employer_contact`). */
export class EmployerRepository implements EmployerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async summary(enterpriseNumber: string, tx?: EntityManager): Promise<EmployerSummary | null> {
    const checked = checkEnterpriseNumber(enterpriseNumber);
    if (!checked.valid) return null;
    const m = tx ?? this.dataSource.manager;
    const [row]: EmployerRow[] = await m.query(
      `SELECT e.enterprise_number, e.name, e.language, e.legal_form_code, lf.label_nl AS legal_form_nl, lf.label_fr AS legal_form_fr,
              e.nace_code, n.label_nl AS nace_nl, n.label_fr AS nace_fr, e.street, e.postal_code, e.city
       FROM employer e
       LEFT JOIN legal_form lf ON lf.code = e.legal_form_code
       LEFT JOIN nace_code n ON n.code = e.nace_code
       WHERE e.enterprise_number = $1`,
      [checked.value],
    );
    if (!row) return null;
    const contacts: Contact[] = await m.query(
      `SELECT kind, value, label FROM employer_contact WHERE enterprise_number = $1 AND valid_to IS NULL ORDER BY kind, id`,
      [checked.value],
    );
    // Labels follow the employer's language: the people reading this case write to the employer in it.
    const fr = row.language === 'fr';
    return {
      enterpriseNumber: row.enterprise_number,
      formattedNumber: formatEnterpriseNumber(row.enterprise_number),
      name: row.name,
      legalForm: row.legal_form_code ? { code: row.legal_form_code, label: (fr ? row.legal_form_fr : row.legal_form_nl) ?? row.legal_form_code } : null,
      nace: row.nace_code ? { code: row.nace_code, label: (fr ? row.nace_fr : row.nace_nl) ?? row.nace_code } : null,
      address: row.street && row.postal_code && row.city ? { street: row.street, postalCode: row.postal_code, city: row.city } : null,
      contacts,
    };
  }

  /** Names of known employers, keyed by enterprise number. */
  async names(enterpriseNumbers: string[], tx: EntityManager): Promise<Map<string, string>> {
    if (enterpriseNumbers.length === 0) return new Map();
    const rows: { enterprise_number: string; name: string }[] = await tx.query(
      `SELECT enterprise_number, name FROM employer WHERE enterprise_number = ANY($1::text[])`,
      [enterpriseNumbers],
    );
    return new Map(rows.map((r) => [r.enterprise_number, r.name]));
  }

  /** Creates minimal records for employers first seen in an event; existing ones are untouched. */
  async ensureMinimal(employers: { enterpriseNumber: string; name: string }[], tx: EntityManager): Promise<void> {
    if (employers.length === 0) return;
    await tx.query(
      `INSERT INTO employer (enterprise_number, name)
       SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (enterprise_number) DO NOTHING`,
      [employers.map((e) => e.enterpriseNumber), employers.map((e) => e.name)],
    );
  }

  /** Replaces the employer's current contacts from one source: old ones are closed (valid_to), never deleted. */
  async replaceContacts(enterpriseNumber: string, contacts: ContactInput[], source: string, tx: EntityManager): Promise<void> {
    await tx.query(`UPDATE employer_contact SET valid_to = now() WHERE enterprise_number = $1 AND valid_to IS NULL`, [enterpriseNumber]);
    if (contacts.length === 0) return;
    await tx.query(
      `INSERT INTO employer_contact (enterprise_number, kind, value, label, source)
       SELECT $1, c.kind, c.value, c.label, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS c(kind, value, label)`,
      [enterpriseNumber, contacts.map((c) => c.kind), contacts.map((c) => c.value), contacts.map((c) => c.label), source],
    );
    await tx.query(`UPDATE employer SET updated_at = now() WHERE enterprise_number = $1`, [enterpriseNumber]);
  }

  /** What a letter needs of its addressee, in one statement: the name (null when unknown) and the language, 'nl' or 'fr'. */
  async addressee(enterpriseNumber: string, tx?: EntityManager): Promise<{ name: string | null; language: 'nl' | 'fr' }> {
    const [row]: { name: string; language: string }[] = await (tx ?? this.dataSource.manager).query(`SELECT name, language FROM employer WHERE enterprise_number = $1`, [enterpriseNumber]);
    return { name: row?.name ?? null, language: row?.language === 'fr' ? 'fr' : 'nl' };
  }
}
