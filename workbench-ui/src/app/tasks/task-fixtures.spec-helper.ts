import type { CaseDetail, ProcessDescription, TaskDetail, TaskItem } from '@werkbank/shared';

export function taskItem(overrides: Partial<TaskItem> = {}): TaskItem {
  return {
    id: '1001',
    name: 'Contact employer',
    step: 'contact-employer',
    process: { bpmnProcessId: 'recovery', name: 'Amicable recovery' },
    state: 'CREATED',
    assignee: null,
    assigneeName: null,
    candidateGroups: ['recovery-agents'],
    caseId: '501',
    employer: { enterpriseNumber: '0403170701', name: 'Bakkerij Janssens BV' },
    amountDue: '1234.56',
    dueDate: '2099-01-31',
    createdAt: '2026-10-01T08:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function taskDetail(overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    ...taskItem(),
    form: { formId: 'contact-employer', version: 1, schema: { components: [] } },
    variables: { employerName: 'Bakkerij Janssens BV' },
    ...overrides,
  };
}

export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: '501',
    status: 'OPEN',
    process: { bpmnProcessId: 'recovery', name: 'Amicable recovery', version: 1 },
    employer: {
      enterpriseNumber: '0403170701',
      formattedNumber: '0403.170.701',
      name: 'Bakkerij Janssens BV',
      legalForm: { code: '014', label: 'Naamloze vennootschap' },
      nace: { code: '10.711', label: 'Ambachtelijke vervaardiging van brood' },
      address: { street: 'Kerkstraat 12', postalCode: '9000', city: 'Gent' },
      contacts: [
        { kind: 'phone', value: '+32 9 123 45 67', label: null },
        { kind: 'email', value: 'info@janssens.example', label: null },
      ],
    },
    amountDue: '1234.56',
    openedAt: '2026-09-15T09:12:00Z',
    closedAt: null,
    currentTasks: [],
    timeline: [{ at: '2026-09-15T09:12:00Z', kind: 'event', actor: null, title: 'Debt detected' }],
    documents: [{ id: 'd1', kind: 'letter', title: 'Reminder letter', createdAt: '2026-09-15T09:13:00Z' }],
    ...overrides,
  };
}

const named = (en: string, nl: string, fr: string) => ({ en, nl, fr });

/** GET /api/processes as the models name them (a subset of recovery and inspection). */
export function processes(): ProcessDescription[] {
  return [
    {
      key: '2',
      bpmnProcessId: 'inspection',
      version: 1,
      name: named('Inspection', 'Inspectie', 'Inspection'),
      figures: [],
      steps: [
        { elementId: 'Activity_Register', kind: 'serviceTask', name: named('Register inspection', 'Inspectie registreren', 'Enregistrer l’inspection') },
        { elementId: 'Activity_Triage', kind: 'userTask', name: named('Triage', 'Triage', 'Triage') },
        { elementId: 'Activity_Investigate', kind: 'userTask', name: named('Investigate', 'Onderzoeken', 'Enquêter') },
      ],
    },
    {
      key: '1',
      bpmnProcessId: 'recovery',
      version: 1,
      name: named('Amicable recovery', 'Minnelijke invordering', 'Recouvrement amiable'),
      figures: [],
      steps: [
        { elementId: 'contact-employer', kind: 'userTask', name: named('Contact employer', 'Werkgever contacteren', 'Contacter l’employeur') },
        { elementId: 'Activity_ContactEmployer', kind: 'userTask', name: named('Contact employer', 'Werkgever contacteren', 'Contacter l’employeur') },
        { elementId: 'Activity_SendReminder', kind: 'serviceTask', name: named('Send reminder to e-Box', 'Herinnering naar e-Box sturen', 'Envoyer un rappel dans l’e-Box') },
      ],
    },
  ];
}
