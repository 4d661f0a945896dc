import { formatEuro } from '../../domain/amount/amount';

export type LetterLanguage = 'nl' | 'fr';

export interface LetterValues {
  employerName: string;
  formattedNumber: string;
  quarter: string | null;
  amountDueCents: number | null;
  dueDate: string | null;
  /** Payment deferral: the approved schedule and the reason of a refusal or a request for information. */
  schedule?: { number: number; dueDate: string; amountCents: number }[];
  reason?: string | null;
}

const scheduleLines = (v: LetterValues, language: LetterLanguage) =>
  (v.schedule ?? []).map((i) => `  ${i.number}. ${i.dueDate}: ${formatEuro(i.amountCents, language)}`).join('\n');

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
  'deferral-approved': {
    title: { nl: () => 'Uw afbetalingsplan is toegestaan', fr: () => 'Votre plan de paiement est accordé' },
    body: {
      nl: (v, amount) =>
        `Geachte,\n\nWij staan ${v.employerName} (${v.formattedNumber}) toe het bedrag van ${amount} in schijven te betalen, volgens dit plan:\n${scheduleLines(v, 'nl')}\n` +
        `Vermeld bij elke betaling uw ondernemingsnummer. Wordt een schijf niet tijdig betaald, dan kan het plan worden opgezegd en is het volledige saldo opeisbaar.\n\nDienst Invordering`,
      fr: (v, amount) =>
        `Madame, Monsieur,\n\nNous accordons à ${v.employerName} (${v.formattedNumber}) le paiement du montant de ${amount} en plusieurs fois, selon ce plan :\n${scheduleLines(v, 'fr')}\n` +
        `Mentionnez votre numéro d'entreprise lors de chaque paiement. Si une échéance n'est pas payée à temps, le plan peut être annulé et le solde entier devient exigible.\n\nService Recouvrement`,
    },
  },
  'deferral-rejected': {
    title: { nl: () => 'Uw aanvraag tot afbetaling is geweigerd', fr: () => 'Votre demande de plan de paiement est refusée' },
    body: {
      nl: (v, amount) =>
        `Geachte,\n\nWij kunnen de aanvraag van ${v.employerName} (${v.formattedNumber}) om ${amount} in schijven te betalen niet toestaan.\nReden: ${v.reason ?? '-'}\nHet bedrag blijft verschuldigd.\n\nDienst Invordering`,
      fr: (v, amount) =>
        `Madame, Monsieur,\n\nNous ne pouvons pas accorder la demande de ${v.employerName} (${v.formattedNumber}) de payer ${amount} en plusieurs fois.\nMotif : ${v.reason ?? '-'}\nLe montant reste dû.\n\nService Recouvrement`,
    },
  },
  'deferral-information-request': {
    title: { nl: () => 'Bijkomende inlichtingen voor uw aanvraag tot afbetaling', fr: () => 'Informations complémentaires pour votre demande de plan de paiement' },
    body: {
      nl: (v, amount) =>
        `Geachte,\n\nOm de aanvraag van ${v.employerName} (${v.formattedNumber}) voor ${amount} te beoordelen, hebben wij het volgende nodig:\n${v.reason ?? '-'}\nGelieve binnen 14 dagen te antwoorden via uw e-Box.\n\nDienst Invordering`,
      fr: (v, amount) =>
        `Madame, Monsieur,\n\nPour examiner la demande de ${v.employerName} (${v.formattedNumber}) portant sur ${amount}, nous avons besoin de ce qui suit :\n${v.reason ?? '-'}\nVeuillez répondre dans les 14 jours via votre e-Box.\n\nService Recouvrement`,
    },
  },
  'deferral-cancelled': {
    title: { nl: () => 'Uw afbetalingsplan is opgezegd', fr: () => 'Votre plan de paiement est annulé' },
    body: {
      nl: (v, amount) => `Geachte,\n\nHet afbetalingsplan van ${v.employerName} (${v.formattedNumber}) is opgezegd omdat een schijf niet werd betaald.\nHet saldo van ${amount} is onmiddellijk opeisbaar.\n\nDienst Invordering`,
      fr: (v, amount) => `Madame, Monsieur,\n\nLe plan de paiement de ${v.employerName} (${v.formattedNumber}) est annulé car une échéance n'a pas été payée.\nLe solde de ${amount} est immédiatement exigible.\n\nService Recouvrement`,
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
