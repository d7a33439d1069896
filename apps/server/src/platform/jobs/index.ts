/** A domain-free durable job queue on a product's database (table from the product's migration). */
export {
  JOBS_TABLE_SQL,
  enqueueJob,
  claimJobs,
  completeJob,
  failJob,
  pruneJobs,
  type EnqueueOptions,
  type Job,
  type JobStatus,
  type JobsDb,
} from './job-queue.js';
export {
  createJobWorker,
  exponentialBackoff,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
} from './worker.js';
