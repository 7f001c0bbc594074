import { setTimeout as sleep } from 'node:timers/promises';
import type { DapClient } from './dap-client.js';

/** Namespace the demo queries. */
export const NAMESPACE = 'canvas';

/** Pause between two job status requests. */
export const JOB_POLL_INTERVAL_MS = 1_000;

/** A job still running after this long fails the demo. */
export const JOB_TIMEOUT_MS = 120_000;

// Tables that are usually small, so snapshot jobs on a real gateway finish fast. One per client.
const PREFERRED_TABLES = ['accounts', 'roles', 'enrollment_terms', 'grading_periods', 'groups'];

/** Events of one client's workflow, for the progress line. */
export interface WorkflowListener {
  onJobPoll(client: string): void;
  onJobComplete(client: string, polls: number): void;
}

interface Job {
  id: string;
  status: string;
  objects?: { id: string }[];
}

/**
 * Runs one client's part of the demo: list the tables, read one table's schema, run a
 * snapshot job to completion and request the URLs of its result objects.
 */
export async function runDapWorkflow(
  client: DapClient,
  tableIndex: number,
  listener: WorkflowListener,
): Promise<void> {
  const listing = await client.getJson(`dap/query/${NAMESPACE}/table`);
  const table = pickTable(listing.body, tableIndex);
  await client.getJson(`dap/query/${NAMESPACE}/table/${table}/schema`);

  const created = await client.postJson(`dap/query/${NAMESPACE}/table/${table}/data`, {
    format: 'jsonl',
  });
  const job = await pollJob(client, asJob(created.body), listener);

  const objects = job.objects ?? [];
  if (objects.length > 0) await client.postJson('dap/object/url', objects);
}

/** Returns a table name from a `{"tables": [...]}` body, preferring small tables. */
export function pickTable(body: unknown, index: number): string {
  const tables = (body as { tables?: unknown } | null)?.tables;
  if (!Array.isArray(tables) || tables.length === 0) {
    throw new Error(`The table list of namespace ${NAMESPACE} is empty or not an array.`);
  }

  const available = PREFERRED_TABLES.filter((table) => tables.includes(table));
  const candidates = available.length > 0 ? available : tables.map(String);
  return candidates[index % candidates.length] as string;
}

async function pollJob(client: DapClient, first: Job, listener: WorkflowListener): Promise<Job> {
  const name = client.counter.name;
  const deadlineMs = Date.now() + JOB_TIMEOUT_MS;
  let job = first;
  let polls = 0;

  while (job.status !== 'complete') {
    if (job.status === 'failed')
      throw new Error(`Snapshot job ${job.id} failed on the gateway. Run the demo again.`);

    if (Date.now() > deadlineMs) {
      throw new Error(
        `Snapshot job ${job.id} timed out: still ${job.status} after ${JOB_TIMEOUT_MS} ms.`,
      );
    }

    await sleep(JOB_POLL_INTERVAL_MS);
    job = asJob((await client.getJson(`dap/job/${encodeURIComponent(job.id)}`)).body);
    polls += 1;
    listener.onJobPoll(name);
  }

  listener.onJobComplete(name, polls);
  return job;
}

function asJob(body: unknown): Job {
  const job = body as Partial<Job> | null;
  if (typeof job?.id !== 'string' || typeof job.status !== 'string') {
    throw new Error('Invalid job response: the JSON body needs string id and status fields.');
  }

  return job as Job;
}
