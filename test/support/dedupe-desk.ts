import { seedCentral } from '../../src/main/demo/seed-central';
import { generateCustomers, type SyntheticOptions } from '../../src/main/demo/synthetic-data';
import type { DedupeService } from '../../src/main/dedupe/dedupe-service';
import type { MergeRequest } from '../../src/main/dedupe/merge-customers';
import { MERGE_FIELDS, type MergeField, type MergePlan } from '../../src/shared/dedupe';
import { centralWithClient } from './central-fixture';
import { testServices } from './workspace';

/** A desk synced from a real central database holding synthetic customers with duplicates. */
export async function syncedDedupeDesk(
  options: SyntheticOptions,
  now: Date,
  prepare?: (central: Awaited<ReturnType<typeof centralWithClient>>['central']) => Promise<void>,
) {
  const { database, central } = await centralWithClient();
  await seedCentral(central, generateCustomers(options));
  if (prepare) await prepare(central);
  const services = testServices(undefined, { now: () => now });
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  await services.sync.connect({ url: `${database.url}?sslmode=disable` });
  await services.sync.run();
  return { ...services, central, raw: services.workspace.requireOpen().replica.raw };
}

/** The merge the comparison screen proposes: its survivor and each field's default source. */
export function defaultMerge(plan: MergePlan): MergeRequest {
  return {
    survivorId: plan.survivorId,
    mergedIds: plan.records.map((r) => r.customerId).filter((id) => id !== plan.survivorId),
    fields: Object.fromEntries(MERGE_FIELDS.map((f) => [f, plan.fields[f].from])) as Record<
      MergeField,
      number
    >,
    baseVersions: Object.fromEntries(plan.records.map((r) => [String(r.customerId), r.version])),
  };
}

/** Merges the strongest likely cluster with the defaults the comparison screen proposes. */
export function mergeStrongestCluster(duplicates: DedupeService) {
  const [cluster] = duplicates.clusters({
    band: 'likely',
    minSize: 2,
    text: '',
    offset: 0,
    limit: 1,
  }).clusters;
  if (!cluster) throw new Error('Expected a likely cluster.');
  const plan = duplicates.compare(cluster.members.map((m) => m.customerId));
  return { plan, merge: duplicates.merge(defaultMerge(plan)) };
}
