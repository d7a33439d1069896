import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import { makeAgent, makeApiTokenOf } from '../conversations/conversation-test-helpers.js';
import { connectChatToDesk } from '../helpdesk-conversion/conversion-test-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET /v2/integrations/helpdesk/faq-tree carries the latest import run (`last_import`), so the
 * import screen shows a running import's progress, or the last result, after a reload.
 */
describe.each(TEST_DATABASE_KINDS)('FAQ tree: the latest import (%s)', (kind) => {
  let pair: LinkedPair;
  let folderId: number;

  beforeAll(async () => {
    pair = await startLinkedPair(kind, {
      desk: { rateLimitPerMinute: 1_000_000 },
      chat: { rateLimitPerMinute: 1_000_000 },
    });
    await connectChatToDesk(pair);
    const category = await pair.desk.call('POST', '/api/v2/solutions/categories', {
      body: { name: 'Help' },
    });
    expect(category.statusCode, category.body).toBe(201);
    const folder = await pair.desk.call('POST', `/api/v2/solutions/categories/${category.data.id}/folders`, {
      body: { name: 'Billing', visibility: 1 },
    });
    expect(folder.statusCode, folder.body).toBe(201);
    folderId = folder.data.id;
    const article = await pair.desk.call('POST', `/api/v2/solutions/folders/${folderId}/articles`, {
      body: { title: 'Invoices', description: '<p>Where to find them</p>', status: 2 },
    });
    expect(article.statusCode, article.body).toBe(201);
  }, 60_000);
  afterAll(async () => pair?.close());

  const tree = async (token?: string) =>
    pair.chat.call('GET', '/v2/integrations/helpdesk/faq-tree', token ? { token } : {});

  it('is null before any import, then the run with its progress, then its result', async () => {
    const before = await tree();
    expect(before.statusCode, before.body).toBe(200);
    expect(before.data.last_import).toBeNull();

    const started = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {
      body: { folder_ids: [folderId] },
    });
    expect(started.statusCode, started.body).toBe(202);
    const during = await tree();
    expect(during.data.last_import).toMatchObject({
      id: started.data.id,
      state: expect.stringMatching(/^(queued|running|done)$/),
      selection: { folder_ids: [String(folderId)], article_ids: [] },
    });

    let last: { state: string } | undefined;
    for (let i = 0; i < 400 && last?.state !== 'done' && last?.state !== 'failed'; i++) {
      await sleep(50);
      last = (await tree()).data.last_import;
    }
    expect(last).toMatchObject({ id: started.data.id, state: 'done', done: 1, total: 1, created: 1 });

    // A later run replaces it as the latest.
    const again = await pair.chat.call('POST', '/v2/integrations/helpdesk/faq-imports', {});
    expect(again.statusCode, again.body).toBe(202);
    expect((await tree()).data.last_import).toMatchObject({ id: again.data.id });
  });

  it('agents cannot read it', async () => {
    const token = await makeApiTokenOf(pair.chat, await makeAgent(pair.chat, { role: 'agent' }));
    expect((await tree(token)).statusCode).toBe(403);
  });
});
