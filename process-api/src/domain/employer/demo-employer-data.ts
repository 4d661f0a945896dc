/** Reference data for the deterministic demo employers: real Belgian municipalities, common surnames, sectors. */
export type Language = 'nl' | 'fr';

export interface Municipality {
  postalCode: string;
  city: string;
  language: Language;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  { postalCode: '1000', city: 'Brussel', language: 'nl' },
  { postalCode: '1000', city: 'Bruxelles', language: 'fr' },
  { postalCode: '1030', city: 'Schaerbeek', language: 'fr' },
  { postalCode: '1050', city: 'Ixelles', language: 'fr' },
  { postalCode: '1060', city: 'Saint-Gilles', language: 'fr' },
  { postalCode: '1070', city: 'Anderlecht', language: 'fr' },
  { postalCode: '1080', city: 'Molenbeek-Saint-Jean', language: 'fr' },
  { postalCode: '1090', city: 'Jette', language: 'nl' },
  { postalCode: '1180', city: 'Uccle', language: 'fr' },
  { postalCode: '1200', city: 'Woluwe-Saint-Lambert', language: 'fr' },
  { postalCode: '1300', city: 'Wavre', language: 'fr' },
  { postalCode: '1348', city: 'Louvain-la-Neuve', language: 'fr' },
  { postalCode: '1400', city: 'Nivelles', language: 'fr' },
  { postalCode: '1500', city: 'Halle', language: 'nl' },
  { postalCode: '1800', city: 'Vilvoorde', language: 'nl' },
  { postalCode: '1930', city: 'Zaventem', language: 'nl' },
  { postalCode: '2000', city: 'Antwerpen', language: 'nl' },
  { postalCode: '2100', city: 'Deurne', language: 'nl' },
  { postalCode: '2200', city: 'Herentals', language: 'nl' },
  { postalCode: '2300', city: 'Turnhout', language: 'nl' },
  { postalCode: '2400', city: 'Mol', language: 'nl' },
  { postalCode: '2500', city: 'Lier', language: 'nl' },
  { postalCode: '2800', city: 'Mechelen', language: 'nl' },
  { postalCode: '2900', city: 'Schoten', language: 'nl' },
  { postalCode: '3000', city: 'Leuven', language: 'nl' },
  { postalCode: '3200', city: 'Aarschot', language: 'nl' },
  { postalCode: '3300', city: 'Tienen', language: 'nl' },
  { postalCode: '3500', city: 'Hasselt', language: 'nl' },
  { postalCode: '3600', city: 'Genk', language: 'nl' },
  { postalCode: '3700', city: 'Tongeren', language: 'nl' },
  { postalCode: '3800', city: 'Sint-Truiden', language: 'nl' },
  { postalCode: '3900', city: 'Pelt', language: 'nl' },
  { postalCode: '4000', city: 'Liège', language: 'fr' },
  { postalCode: '4020', city: 'Liège', language: 'fr' },
  { postalCode: '4100', city: 'Seraing', language: 'fr' },
  { postalCode: '4500', city: 'Huy', language: 'fr' },
  { postalCode: '4800', city: 'Verviers', language: 'fr' },
  { postalCode: '5000', city: 'Namur', language: 'fr' },
  { postalCode: '5100', city: 'Jambes', language: 'fr' },
  { postalCode: '5500', city: 'Dinant', language: 'fr' },
  { postalCode: '6000', city: 'Charleroi', language: 'fr' },
  { postalCode: '6700', city: 'Arlon', language: 'fr' },
  { postalCode: '6900', city: 'Marche-en-Famenne', language: 'fr' },
  { postalCode: '7000', city: 'Mons', language: 'fr' },
  { postalCode: '7100', city: 'La Louvière', language: 'fr' },
  { postalCode: '7500', city: 'Tournai', language: 'fr' },
  { postalCode: '7700', city: 'Mouscron', language: 'fr' },
  { postalCode: '8000', city: 'Brugge', language: 'nl' },
  { postalCode: '8400', city: 'Oostende', language: 'nl' },
  { postalCode: '8500', city: 'Kortrijk', language: 'nl' },
  { postalCode: '8800', city: 'Roeselare', language: 'nl' },
  { postalCode: '8900', city: 'Ieper', language: 'nl' },
  { postalCode: '9000', city: 'Gent', language: 'nl' },
  { postalCode: '9100', city: 'Sint-Niklaas', language: 'nl' },
  { postalCode: '9200', city: 'Dendermonde', language: 'nl' },
  { postalCode: '9300', city: 'Aalst', language: 'nl' },
  { postalCode: '9400', city: 'Ninove', language: 'nl' },
  { postalCode: '9700', city: 'Oudenaarde', language: 'nl' },
  { postalCode: '9800', city: 'Deinze', language: 'nl' },
  { postalCode: '9900', city: 'Eeklo', language: 'nl' },
];

export const SURNAMES: Record<Language, readonly string[]> = {
  nl: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Vermeulen', 'Van den Broeck', 'Hermans', 'Aerts', 'Pauwels', 'Verhoeven', 'De Clercq', 'Van Damme', 'Coppens', 'Martens', 'Lambrechts', 'Smets', 'Desmet', 'Verstraete', 'Claeys'],
  fr: ['Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Laurent', 'Leroy', 'Renard', 'Lejeune', 'Mathieu', 'François', 'Lemaire', 'Henry', 'Collard', 'Denis', 'Michel', 'Gilson', 'Hubert', 'Dumont', 'Lefèbvre', 'Fontaine', 'Noël', 'Gérard', 'Jacquet', 'Thiry'],
};

export const FIRST_NAMES: Record<Language, readonly string[]> = {
  nl: ['Jan', 'Els', 'Pieter', 'An', 'Koen', 'Sofie', 'Tom', 'Lies', 'Bart', 'Griet', 'Wim', 'Katrien', 'Joris', 'Evi'],
  fr: ['Marie', 'Jean', 'Isabelle', 'Luc', 'Nathalie', 'Philippe', 'Sophie', 'Michel', 'Caroline', 'Pierre', 'Anne', 'Olivier', 'Julie', 'Marc'],
};

export const STREETS: Record<Language, readonly string[]> = {
  nl: ['Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Molenstraat', 'Nieuwstraat', 'Schoolstraat', 'Kapelstraat', 'Industrieweg', 'Markt', 'Steenweg op Gent', 'Beekstraat', 'Lindenlaan'],
  fr: ['Rue de la Station', 'Rue de l’Église', 'Grand-Place', 'Rue du Moulin', 'Chaussée de Bruxelles', 'Avenue des Tilleuls', 'Rue Haute', 'Rue de la Gare', 'Place du Marché', 'Rue des Écoles', 'Rue du Commerce', 'Zoning industriel'],
};

/** A sector: NACE-BEL 2008 code, weight among demo employers, name patterns per language (`{s}` = surname, `{c}` = city). */
export interface Sector {
  nace: string;
  weight: number;
  names: Record<Language, readonly string[]>;
  /** Legal form codes (CBE 2003 list) this sector typically uses. */
  legalForms: readonly string[];
}

export const SECTORS: readonly Sector[] = [
  { nace: '56101', weight: 12, names: { nl: ['Restaurant {s}', 'Brasserie De Markt', 'Eethuis {s}'], fr: ['Brasserie du Centre', 'Restaurant {s}', 'Le Petit {c}'] }, legalForms: ['015', '015', '011'] },
  { nace: '56301', weight: 8, names: { nl: ['Café De Zwaan', 'Taverne {s}', 'Café Sport'], fr: ['Café de la Place', 'Taverne {s}', 'Le Relais'] }, legalForms: ['015', '011'] },
  { nace: '10712', weight: 6, names: { nl: ['Bakkerij {s}', 'Warme Bakker {s}'], fr: ['Boulangerie {s}', 'Boulangerie-Pâtisserie {s}'] }, legalForms: ['015'] },
  { nace: '41201', weight: 10, names: { nl: ['Bouwbedrijf {s}', 'Bouwwerken {s}', '{s} Bouw'], fr: ['Construction {s}', 'Entreprise {s}', 'Bâtiments {s}'] }, legalForms: ['015', '014'] },
  { nace: '43211', weight: 6, names: { nl: ['Elektro {s}', 'Elektriciteitswerken {s}'], fr: ['Électricité {s}', 'Elec {s}'] }, legalForms: ['015'] },
  { nace: '43221', weight: 5, names: { nl: ['Sanitair {s}', 'Loodgieterij {s}'], fr: ['Sanitaire {s}', 'Chauffage {s}'] }, legalForms: ['015'] },
  { nace: '43341', weight: 4, names: { nl: ['Schilderwerken {s}'], fr: ['Peinture {s}'] }, legalForms: ['015', '011'] },
  { nace: '49410', weight: 8, names: { nl: ['Transport {s}', 'Transporten {s}', '{s} Logistics'], fr: ['Transports {s}', 'Transport {s}'] }, legalForms: ['015', '014'] },
  { nace: '45201', weight: 5, names: { nl: ['Garage {s}', 'Autocenter {c}'], fr: ['Garage {s}', 'Garage du Centre'] }, legalForms: ['015'] },
  { nace: '96021', weight: 5, names: { nl: ['Kapsalon {f}', 'Haarstudio {f}'], fr: ['Salon {f}', 'Coiffure {f}'] }, legalForms: ['015', '011'] },
  { nace: '81210', weight: 6, names: { nl: ['Schoonmaak {s}', 'Poetsdienst {c}'], fr: ['Nettoyage {s}', 'Clean {c}'] }, legalForms: ['015', '014'] },
  { nace: '47730', weight: 3, names: { nl: ['Apotheek {s}'], fr: ['Pharmacie {s}'] }, legalForms: ['015'] },
  { nace: '62010', weight: 4, names: { nl: ['{s} Software', 'Codewerk {c}'], fr: ['{s} Informatique', 'Digital {c}'] }, legalForms: ['015', '014'] },
  { nace: '69201', weight: 4, names: { nl: ['Boekhoudkantoor {s}', 'Accountancy {s}'], fr: ['Fiduciaire {s}', 'Bureau comptable {s}'] }, legalForms: ['015'] },
  { nace: '88101', weight: 4, names: { nl: ['Thuiszorg {c}', 'Zorgpunt {c}'], fr: ['Aide à domicile {c}', 'Soins et Famille {c}'] }, legalForms: ['017'] },
  { nace: '85592', weight: 2, names: { nl: ['Opleidingscentrum {c}'], fr: ['Centre de formation {c}'] }, legalForms: ['017'] },
  { nace: '78200', weight: 3, names: { nl: ['Interim {c}', '{s} Uitzendwerk'], fr: ['Intérim {c}', '{s} Travail temporaire'] }, legalForms: ['014'] },
  { nace: '46900', weight: 3, names: { nl: ['Groothandel {s}'], fr: ['Grossiste {s}', 'Comptoir {s}'] }, legalForms: ['014', '008'] },
  { nace: '01130', weight: 2, names: { nl: ['Tuinbouwbedrijf {s}'], fr: ['Maraîchage {s}'] }, legalForms: ['011', '008'] },
];

/** Suffix per legal form code, per language (CBE 2003 codes; 015 is shown with its post-2019 name BV/SRL). */
export const LEGAL_FORM_SUFFIX: Record<string, Record<Language, string>> = {
  '008': { nl: 'CV', fr: 'SC' },
  '011': { nl: 'VOF', fr: 'SNC' },
  '014': { nl: 'NV', fr: 'SA' },
  '015': { nl: 'BV', fr: 'SRL' },
  '017': { nl: 'VZW', fr: 'ASBL' },
};

/** RSZ/ONSS employer categories used by the demo: 010 general, 029 non-profit social sector (simplified). */
export const CATEGORY_BY_LEGAL_FORM: Record<string, string> = { '017': '029' };
export const DEFAULT_CATEGORY = '010';
