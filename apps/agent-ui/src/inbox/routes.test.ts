import { describe, expect, it } from 'vitest';
import { inboxPath, parseRoute } from './routes.js';

const ID = '0b9e6f9e-0f4c-4c4e-9a43-3e1f1f0f0f0f';

describe('inbox routes', () => {
  it.each([
    ['/inbox', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/inbox/', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/inbox/resolved', { name: 'inbox', view: 'resolved', conversationId: null }],
    [`/inbox/all/${ID}`, { name: 'inbox', view: 'all', conversationId: ID }],
    ['/inbox/nonsense', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/invitations/abc%20d', { name: 'invitation', token: 'abc d' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds the paths it parses', () => {
    expect(parseRoute(inboxPath('unassigned', ID))).toEqual({
      name: 'inbox',
      view: 'unassigned',
      conversationId: ID,
    });
  });
});
