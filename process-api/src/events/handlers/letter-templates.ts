import { formatEuro } from '../../domain/amount/amount';

export type LetterLanguage = 'nl' | 'fr';

export interface LetterValues {
  employerName: string;
  formattedNumber: string;
  quarter: string | null;
  amountDueCents: number | null;
  dueDate: string | null;
}

interface Template {
  title: Record<LetterLanguage, (v: LetterValues) => string>;
  body: Record<LetterLanguage, (v: LetterValues, amount: string) => string>;
}

const TEMPLATES: Record<string, Template> = {
  'recovery-reminder': {
    title: { nl: (v) => `Herinnering openstaande bijdragen ${v.quarter ?? ''}`.trim(), fr: (v) => `Rappel de cotisations impayées ${v.quarter ?? ''}`.trim() },
    body: {
      nl: (v, amount) =>
        `Geachte,\n\nVolgens onze gegevens staat voor ${v.employerName} (ondernemingsnummer ${v.formattedNumber}) voor het kwartaal ${v.quarter ?? '-'} nog een bedrag van ${amount} open` +
        `${v.dueDate ? `, vervallen op ${v.dueDate}` : ''}.\nGelieve dit bedrag binnen 15 dagen te betalen. Heeft u intussen betaald, dan mag u deze brief als zonder voorwerp beschouwen.\n\nMet vriendelijke groeten,\nDienst Invordering`,
      fr: (v, amount) =>
        `Madame, Monsieur,\n\nSelon nos données, ${v.employerName} (numéro d'entreprise ${v.formattedNumber}) reste redevable pour le trimestre ${v.quarter ?? '-'} d'un montant de ${amount}` +
        `${v.dueDate ? `, échu le ${v.dueDate}` : ''}.\nNous vous prions de payer ce montant dans les 15 jours. Si vous avez payé entre-temps, veuillez considérer ce courrier comme sans objet.\n\nVeuillez agréer nos salutations distinguées,\nService Recouvrement`,
    },
  },
  'forced-recovery-notice': {
    title: { nl: () => 'Overdracht aan de gerechtsdeurwaarder', fr: () => 'Transfert à l’huissier de justice' },
    body: {
      nl: (v, amount) =>
        `Geachte,\n\nOndanks onze herinnering en ons contact blijft voor ${v.employerName} (${v.formattedNumber}) een bedrag van ${amount} voor het kwartaal ${v.quarter ?? '-'} onbetaald.\nWij hebben de invordering overgedragen aan een gerechtsdeurwaarder, die u verder zal contacteren.\n\nDienst Invordering`,
      fr: (v, amount) =>
        `Madame, Monsieur,\n\nMalgré notre rappel et notre contact, un montant de ${amount} pour le trimestre ${v.quarter ?? '-'} reste impayé par ${v.employerName} (${v.formattedNumber}).\nNous avons confié le recouvrement à un huissier de justice, qui prendra contact avec vous.\n\nService Recouvrement`,
    },
  },
  'bailiff-transfer': {
    title: { nl: () => 'Overdracht aan gerechtsdeurwaarder', fr: () => 'Transfert à l’huissier de justice' },
    body: {
      nl: (v, amount) => `Dossier overgedragen voor gedwongen invordering.\nWerkgever: ${v.employerName} (${v.formattedNumber})\nKwartaal: ${v.quarter ?? '-'}\nOpenstaand bedrag: ${amount}\n`,
      fr: (v, amount) => `Dossier transféré pour recouvrement forcé.\nEmployeur : ${v.employerName} (${v.formattedNumber})\nTrimestre : ${v.quarter ?? '-'}\nMontant dû : ${amount}\n`,
    },
  },
};

export class UnknownTemplateError extends Error {
  readonly code = 'UNKNOWN_TEMPLATE';
  constructor(template: string) {
    super(`No letter template '${template}' (known: ${Object.keys(TEMPLATES).join(', ')})`);
    this.name = 'UnknownTemplateError';
  }
}

/** Renders a letter in the employer's language; amounts come from exact cents. */
export function renderLetter(template: string, language: LetterLanguage, values: LetterValues): { title: string; content: string } {
  const t = TEMPLATES[template];
  if (!t) throw new UnknownTemplateError(template);
  const amount = values.amountDueCents === null ? '-' : formatEuro(values.amountDueCents, language);
  return { title: t.title[language](values), content: t.body[language](values, amount) };
}
