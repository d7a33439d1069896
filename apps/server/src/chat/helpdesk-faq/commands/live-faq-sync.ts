import { enqueueJob } from '../../../platform/jobs/index.js';
import type { ChatServices } from '../../context.js';
import { findHelpdeskConnection, helpdeskClientOf } from '../../helpdesk/index.js';
import {
  countQueuedJobs,
  findActiveFaqImport,
  findFaqImportState,
  lockFaqImportState,
  updateFaqImportState,
} from '../faq-import.repository.js';
import { exclusively, jobContext, LIVE_SYNC_ACTOR } from '../faq-import-context.js';
import { failureOf } from './perform-faq-import.js';
import { runFaqImport } from './run-faq-import.js';

/** The durable job queue live sync runs on: always exactly one job, due every interval. */
export const FAQ_SYNC_QUEUE = 'helpdesk-faq-sync';

/**
 * Makes sure the live-sync job exists once there is a selection to keep in sync (at start, and
 * after each import is queued). It reads `live_faq_sync` each round, so turning the switch on
 * (H1's settings) needs nothing else; with nothing ever picked, no job runs at all.
 */
export async function ensureLiveFaqSync(services: ChatServices) {
  await services.db.transaction().execute(async (trx) => {
    const state = await lockFaqImportState(trx);
    if (state.folder_ids.length + state.article_ids.length === 0) return;
    if ((await countQueuedJobs(trx, FAQ_SYNC_QUEUE, ['pending', 'running'])) === 0)
      await enqueueJob(trx, FAQ_SYNC_QUEUE, {}, { maxAttempts: 3 });
  });
}

/**
 * One live-sync round (B3): when the switch is on and a selection is saved, re-imports it (on
 * Desk, a quiet change feed makes that one call); then schedules the next round unless another
 * is already waiting (e.g. a worker died after scheduling), so one pending job remains.
 */
export async function runLiveFaqSync(services: ChatServices, jobId: string) {
  let interval = 20;
  try {
    const [connection, state] = await Promise.all([
      findHelpdeskConnection(services.db),
      findFaqImportState(services.db),
    ]);
    interval = state?.sync_interval_seconds ?? interval;
    const picked = (state?.folder_ids.length ?? 0) + (state?.article_ids.length ?? 0) > 0;
    // A manual import running now does the same work; this round waits for the next.
    if (connection?.live_faq_sync && state && picked && !(await findActiveFaqImport(services.db))) {
      await exclusively(services, async () => {
        const started = new Date();
        try {
          const tally = await runFaqImport(
            jobContext(services, LIVE_SYNC_ACTOR),
            await helpdeskClientOf(services),
            {
              folderIds: state.folder_ids,
              articleIds: state.article_ids,
              preserveCategoryText: state.preserve_category_text,
            },
          );
          await updateFaqImportState(services.db, {
            last_sync_at: started,
            last_sync_result: { ...tally, state: 'done' },
          });
        } catch (error) {
          await updateFaqImportState(services.db, {
            last_sync_at: started,
            last_sync_result: { state: 'failed', errors: [failureOf(error)] },
          });
        }
      });
    }
  } catch (error) {
    // The round itself failed (before the import's own handling): say so; the next one runs anyway.
    await updateFaqImportState(services.db, {
      last_sync_at: new Date(),
      last_sync_result: { state: 'failed', errors: [failureOf(error)] },
    }).catch(() => undefined);
  } finally {
    await services.db.transaction().execute(async (trx) => {
      await lockFaqImportState(trx);
      if ((await countQueuedJobs(trx, FAQ_SYNC_QUEUE, ['pending'], jobId)) === 0)
        await enqueueJob(
          trx,
          FAQ_SYNC_QUEUE,
          {},
          {
            maxAttempts: 3,
            runAt: new Date(Date.now() + interval * 1000),
          },
        );
    });
  }
}
