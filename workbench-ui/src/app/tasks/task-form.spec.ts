import { translateFormSchema } from './task-form';

describe('translateFormSchema', () => {
  const schema = () => ({
    id: 'contact-employer',
    components: [
      { type: 'text', id: 'Text_1', text: 'Still due: **{{amount}}**' },
      {
        type: 'radio', id: 'Field_1', key: 'contactOutcome', label: 'Outcome of the contact', description: 'Pick one',
        values: [{ label: 'Unreachable', value: 'Unreachable' }, { label: 'Phone', value: 'phone' }],
      },
      { type: 'group', id: 'Group_1', label: 'Details', components: [{ type: 'textfield', id: 'Field_2', key: 'Notes', placeholder: 'Notes', validate: { required: true } }] },
      { type: 'datetime', id: 'Field_3', key: 'promisedDate', dateLabel: 'Promised payment date' },
    ],
    translations: {
      nl: {
        'Still due: **{{amount}}**': 'Nog verschuldigd: **{{amount}}**',
        'Outcome of the contact': 'Resultaat van het contact',
        Unreachable: 'Onbereikbaar',
        Notes: 'Notities',
        'Promised payment date': 'Beloofde betalingsdatum',
      },
      fr: { 'Outcome of the contact': 'Résultat du contact' },
    },
  });

  it('should replace the translatable texts that have a translation in the language and drop the translations', () => {
    // given
    const original = schema();
    // when
    const translated = translateFormSchema(original, 'nl');
    // then
    expect(translated).toEqual({
      id: 'contact-employer',
      components: [
        { type: 'text', id: 'Text_1', text: 'Nog verschuldigd: **{{amount}}**' },
        {
          type: 'radio', id: 'Field_1', key: 'contactOutcome', label: 'Resultaat van het contact', description: 'Pick one',
          // a value is data, not text: it stays as it is even when it equals a translated label
          values: [{ label: 'Onbereikbaar', value: 'Unreachable' }, { label: 'Phone', value: 'phone' }],
        },
        { type: 'group', id: 'Group_1', label: 'Details', components: [{ type: 'textfield', id: 'Field_2', key: 'Notes', placeholder: 'Notities', validate: { required: true } }] },
        { type: 'datetime', id: 'Field_3', key: 'promisedDate', dateLabel: 'Beloofde betalingsdatum' },
      ],
    });
    // and the original is untouched (the same schema is translated again when the language changes)
    expect(original).toEqual(schema());
  });

  it('should keep the English text where the language has no translation', () => {
    const translated = translateFormSchema(schema(), 'fr') as ReturnType<typeof schema>;
    expect(translated.components[1]).toEqual(expect.objectContaining({ label: 'Résultat du contact', description: 'Pick one' }));
    expect(translated.components[1].values?.map((v) => v.label)).toEqual(['Unreachable', 'Phone']);
  });

  it('should return the schema without translations for English or a schema that has none', () => {
    const english: Partial<ReturnType<typeof schema>> = schema();
    delete english.translations;
    expect(translateFormSchema(schema(), 'en')).toEqual(english);
    expect(translateFormSchema({ components: [{ label: 'Notes' }] }, 'nl')).toEqual({ components: [{ label: 'Notes' }] });
    expect(translateFormSchema({ components: [], translations: 'broken' }, 'nl')).toEqual({ components: [] });
  });
});
