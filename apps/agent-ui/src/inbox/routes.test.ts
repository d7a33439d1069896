import { describe, expect, it } from 'vitest';
import { adminPath, inboxPath, parseRoute } from './routes.js';

const ID = '0b9e6f9e-0f4c-4c4e-9a43-3e1f1f0f0f0f';

describe('inbox routes', () => {
  it.each([
    ['/inbox', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/inbox/', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/inbox/resolved', { name: 'inbox', view: 'resolved', conversationId: null }],
    [`/inbox/all/${ID}`, { name: 'inbox', view: 'all', conversationId: ID }],
    ['/inbox/nonsense', { name: 'inbox', view: 'mine', conversationId: null }],
    ['/invitations/abc%20d', { name: 'invitation', token: 'abc d' }],
    ['/inbox/admin', { name: 'admin', section: null, rest: [] }],
    ['/inbox/admin/', { name: 'admin', section: null, rest: [] }],
    ['/inbox/admin/sites', { name: 'admin', section: 'sites', rest: [] }],
    ['/inbox/admin/webhooks/w%201/log', { name: 'admin', section: 'webhooks', rest: ['w 1', 'log'] }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds the admin paths it parses', () => {
    expect(adminPath()).toBe('/inbox/admin');
    expect(parseRoute(adminPath('webhooks', 'w 1', 'log'))).toEqual({
      name: 'admin',
      section: 'webhooks',
      rest: ['w 1', 'log'],
    });
  });

  it('builds the paths it parses', () => {
    expect(parseRoute(inboxPath('unassigned', ID))).toEqual({
      name: 'inbox',
      view: 'unassigned',
      conversationId: ID,
    });
  });
});
