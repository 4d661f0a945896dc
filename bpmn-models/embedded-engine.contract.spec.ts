/*
 * The process contract suite (bpmn-models/contract) on the embedded engine: every scenario of the three processes,
 * each contract in a world of its own (a fresh migrated PostgreSQL database, the EmbeddedProcessEngine, the workbench's
 * real deferral and inspection workers). A second adapter runs the same contracts with its own EngineUnderTestFactory.
 */
import { embeddedEngineUnderTest } from './contract/embedded-engine-under-test';
import { defineInspectionContract } from './contract/inspection.contract';
import { definePaymentDeferralDecisionContract } from './contract/deferral-decision.contract';
import { definePaymentDeferralPlanContract } from './contract/deferral-plan.contract';
import { defineRecoveryContactContract } from './contract/recovery-contact.contract';
import { defineRecoveryDeferralContract } from './contract/recovery-deferral.contract';
import { defineRecoveryInsolvencyContract } from './contract/recovery-insolvency.contract';
import { defineRecoveryLinksContract } from './contract/recovery-links.contract';
import { defineRecoveryPaymentsContract } from './contract/recovery-payments.contract';

describe('process contract on the embedded engine', () => {
  defineRecoveryPaymentsContract(embeddedEngineUnderTest);
  defineRecoveryContactContract(embeddedEngineUnderTest);
  defineRecoveryInsolvencyContract(embeddedEngineUnderTest);
  defineRecoveryDeferralContract(embeddedEngineUnderTest);
  defineRecoveryLinksContract(embeddedEngineUnderTest);
  definePaymentDeferralDecisionContract(embeddedEngineUnderTest);
  definePaymentDeferralPlanContract(embeddedEngineUnderTest);
  defineInspectionContract(embeddedEngineUnderTest);
});
