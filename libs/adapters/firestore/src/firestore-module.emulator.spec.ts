import { expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { AccountPool, Clock, FlowRunStore, StepLeaseStore, TemplateRepo } from '@worker-chart-export/domain';
import { aFlowRun, FakeClock, RUN_ID } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreAccountPool } from './firestore-account-pool.js';
import { FirestoreFlowRunStore } from './firestore-flow-run-store.js';
import { firestoreModule } from './firestore-module.js';
import { FirestoreStepLeaseStore } from './firestore-step-lease-store.js';
import { FirestoreTemplateRepo } from './firestore-template-repo.js';

describeWithFirestoreEmulator('firestoreModule', () => {
  const emulator = useEmulatorFirestore('firestore-module');

  it('binds the Firestore adapters to the ports, talking to the configured project', async () => {
    await emulator.db().collection('flow_runs').doc(RUN_ID).set(aFlowRun());
    const container = new Container();
    container.bind<Clock>(Clock).toConstantValue(new FakeClock());
    const accounts = [{ id: 'acc-1', apiKey: 'k', dailyLimit: 44, priority: 100, plan: 'BASIC' as const }];
    container.loadSync(firestoreModule({ projectId: emulator.projectId, databaseId: '(default)', accounts }));

    expect(container.get(FlowRunStore)).toBeInstanceOf(FirestoreFlowRunStore);
    expect(container.get(StepLeaseStore)).toBeInstanceOf(FirestoreStepLeaseStore);
    expect(container.get(TemplateRepo)).toBeInstanceOf(FirestoreTemplateRepo);
    expect(container.get(AccountPool)).toBeInstanceOf(FirestoreAccountPool);
    await expect(container.get<FlowRunStore>(FlowRunStore).load(RUN_ID)).resolves.toEqual(aFlowRun());
    await container.unbindAll();
  });

  it('leaves AccountPool unbound without accounts', () => {
    const container = new Container();
    container.loadSync(firestoreModule({ projectId: emulator.projectId }));

    expect(container.isBound(AccountPool)).toBe(false);
    expect(container.isBound(FlowRunStore)).toBe(true);
  });

  it('leaves the stores named in except to another module', () => {
    const container = new Container();
    container.loadSync(firestoreModule({ projectId: emulator.projectId, except: ['flowRuns', 'leases'] }));

    expect(container.isBound(FlowRunStore)).toBe(false);
    expect(container.isBound(StepLeaseStore)).toBe(false);
    expect(container.isBound(TemplateRepo)).toBe(true);
  });
});
