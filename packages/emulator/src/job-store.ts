import { randomUUID } from 'node:crypto';

/** A snapshot query job of the DAP API. */
export interface Job {
  id: string;
  clientId: string;
  namespace: string;
  table: string;
  format: string;
  createdAtMs: number;
  /** Status polls left that still report `running`. */
  pollsUntilComplete: number;
}

const JOB_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Wire form of a job: `running` without objects, `complete` with them. */
export function describeJob(job: Job) {
  const expiresAt = new Date(job.createdAtMs + JOB_LIFETIME_MS).toISOString();
  if (job.pollsUntilComplete > 0) {
    return { id: job.id, status: 'running', expires_at: expiresAt };
  }

  return {
    id: job.id,
    status: 'complete',
    expires_at: expiresAt,
    at: new Date(job.createdAtMs).toISOString(),
    schema_version: 1,
    objects: [{ id: objectIdFor(job) }],
  };
}

/** Returns the id of the single result object of `job`. */
export function objectIdFor(job: Job): string {
  return `${job.id}/part-00000.${job.format}`;
}

/** Jobs created on one gateway. */
export class JobStore {
  readonly #jobs = new Map<string, Job>();

  constructor(private readonly pollsUntilComplete: number) {}

  /** Creates a job that completes after the configured number of status polls. */
  create(fields: Omit<Job, 'id' | 'pollsUntilComplete'>): Job {
    const job = { ...fields, id: randomUUID(), pollsUntilComplete: this.pollsUntilComplete };
    this.#jobs.set(job.id, job);

    return job;
  }

  /** Returns a job of `clientId`; another client's job is reported as missing. */
  find(id: string, clientId: string): Job | undefined {
    const job = this.#jobs.get(id);

    return job?.clientId === clientId ? job : undefined;
  }

  /**
   * Counts one status poll and returns the job as it was before the poll, so the first
   * `pollsUntilComplete` polls see `running`.
   */
  poll(job: Job): ReturnType<typeof describeJob> {
    const description = describeJob(job);
    if (job.pollsUntilComplete > 0) job.pollsUntilComplete -= 1;

    return description;
  }

  /** Finds the job that produced `objectId`, regardless of its owner. */
  findByObjectId(objectId: string): Job | undefined {
    const jobId = objectId.split('/')[0] ?? '';
    const job = this.#jobs.get(jobId);

    return job !== undefined && objectIdFor(job) === objectId ? job : undefined;
  }
}
