/*
 * The process contract suite (bpmn-models/contract) over the Camunda 8 REST API: the same scenarios as
 * embedded-engine.contract.spec.ts, the engine driven ONLY through Camunda8RestProcessEngine (@camunda8/sdk 8.8).
 * By default against Werkbank's own /v2 (a Werkbank started on a test database); with WERKBANK_CONTRACT_TARGET=camunda8
 * against the Camunda 8 cluster of the SDK's environment variables (see bpmn-models/README.md). That cluster run has
 * never been done here: no cluster and no internet in this environment.
 */
import { camundaRestEngineUnderTest } from './contract/camunda-rest-engine-under-test';
import { definePaymentDeferralDecisionContract } from './contract/deferral-decision.contract';
import { definePaymentDeferralPlanContract } from './contract/deferral-plan.contract';
import { defineInspectionContract } from './contract/inspection.contract';
import { defineRecoveryContactContract } from './contract/recovery-contact.contract';
import { defineRecoveryDeferralContract } from './contract/recovery-deferral.contract';
import { defineRecoveryInsolvencyContract } from './contract/recovery-insolvency.contract';
import { defineRecoveryLinksContract } from './contract/recovery-links.contract';
import { defineRecoveryPaymentsContract } from './contract/recovery-payments.contract';

jest.setTimeout(60_000);

describe('process contract over the Camunda 8 REST API', () => {
  defineRecoveryPaymentsContract(camundaRestEngineUnderTest);
  defineRecoveryContactContract(camundaRestEngineUnderTest);
  defineRecoveryInsolvencyContract(camundaRestEngineUnderTest);
  defineRecoveryDeferralContract(camundaRestEngineUnderTest);
  defineRecoveryLinksContract(camundaRestEngineUnderTest);
  defineInspectionContract(camundaRestEngineUnderTest);
  definePaymentDeferralDecisionContract(camundaRestEngineUnderTest);
  definePaymentDeferralPlanContract(camundaRestEngineUnderTest);
});
