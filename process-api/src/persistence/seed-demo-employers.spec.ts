import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { loadCodeLists } from './code-lists';
import { EmployerRepository } from './employer.repository';
import { seedDemoEmployers } from './seed-demo-employers';

describe('seedDemoEmployers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCodeLists(db.dataSource, resolve(__dirname, '../../data'));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should load the code lists idempotently', async () => {
    // when loading them a second time
    const counts = await loadCodeLists(db.dataSource, resolve(__dirname, '../../data'));
    // then the tables hold each code once, with labels
    const [row] = await db.dataSource.query(`SELECT (SELECT count(*)::int FROM nace_code) AS nace, (SELECT count(*)::int FROM legal_form) AS forms`);
    expect(row).toEqual({ nace: counts.nace, forms: counts.legalForms });
    expect(counts.nace).toBe(3306);
    const [bakery] = await db.dataSource.query(`SELECT label_fr FROM nace_code WHERE code = '10712'`);
    expect(bakery.label_fr).toBe("Fabrication artisanale de pain et de pâtisserie fraîche");
  });

  it('should insert 2000 employers with contacts fast, and nothing more the second time', async () => {
    // given an empty employer table
    // when seeding twice
    const started = Date.now();
    const first = await seedDemoEmployers(db.dataSource, { count: 2000 });
    const elapsed = Date.now() - started;
    const second = await seedDemoEmployers(db.dataSource, { count: 2000 });
    // then the first run inserted them all within two seconds and the second none
    expect(first.inserted).toBe(2000);
    expect(elapsed).toBeLessThan(2000);
    expect(second.inserted).toBe(0);
    const [row] = await db.dataSource.query(`SELECT (SELECT count(*)::int FROM employer) AS employers, (SELECT count(*)::int FROM employer_contact) AS contacts`);
    const expectedContacts = generateDemoEmployers(2000).reduce((n, e) => n + e.contacts.length, 0);
    expect(row).toEqual({ employers: 2000, contacts: expectedContacts });
  });

  it('should give a summary with code list labels in the employer language', async () => {
    // given a seeded French-speaking employer
    const employer = generateDemoEmployers(2000).find((e) => e.language === 'fr' && e.legalFormCode === '015');
    expect(employer).toBeDefined();
    // when reading its summary with a dotted number
    const dotted = `${employer?.enterpriseNumber.slice(0, 4)}.${employer?.enterpriseNumber.slice(4, 7)}.${employer?.enterpriseNumber.slice(7)}`;
    const summary = await new EmployerRepository(db.dataSource).summary(dotted);
    // then it carries French labels, the address and contacts
    expect(summary).toMatchObject({
      enterpriseNumber: employer?.enterpriseNumber,
      formattedNumber: dotted,
      name: employer?.name,
      legalForm: { code: '015', label: 'Société privée à responsabilité limitée' },
      address: { street: employer?.street, postalCode: employer?.postalCode, city: employer?.city },
    });
    expect(summary?.contacts).toHaveLength(employer?.contacts.length ?? -1);
    expect(await new EmployerRepository(db.dataSource).summary('0403019261')).toBeNull();
    expect(await new EmployerRepository(db.dataSource).summary('not-a-number')).toBeNull();
  });
});
