import { describe, expect, it } from 'vitest';
import { HelpdeskError, normalizeHelpdeskUrl } from './helpdesk-client.js';
import { isAdminRoleName, refusalOf } from './key-owner.js';

describe('normalizeHelpdeskUrl', () => {
  it.each([
    ['https://acme.freshdesk.com', 'https://acme.freshdesk.com'],
    ['  https://acme.freshdesk.com/  ', 'https://acme.freshdesk.com'],
    ['https://acme.freshdesk.com/api/v2/', 'https://acme.freshdesk.com'],
    ['https://acme.freshdesk.com/API/V2/tickets?page=2', 'https://acme.freshdesk.com'],
    ['acme.freshdesk.com', 'https://acme.freshdesk.com'],
    ['http://10.0.0.5:3000/helpdesk/api/v2', 'http://10.0.0.5:3000/helpdesk'],
  ])('%s → %s', (input, expected) => expect(normalizeHelpdeskUrl(input)).toBe(expected));

  it.each(['ftp://acme.example', 'http://exa mple.com', 'https://u:p@acme.example', 'http://'])(
    '%s is malformed_url',
    (input) => {
      const error = (() => {
        try {
          normalizeHelpdeskUrl(input);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(HelpdeskError);
      expect((error as HelpdeskError).problem).toBe('malformed_url');
    },
  );
});

describe('refusalOf', () => {
  const owner = {
    id: 7,
    name: 'Ada',
    email: 'ada@x.test',
    roles: ['Administrator'],
    ticket_scope: 1,
    occasional: false,
  };

  it('accepts a full-time global admin (role names compared case-insensitively)', () => {
    expect(refusalOf(owner)).toBeUndefined();
    expect(refusalOf({ ...owner, roles: ['Agent', 'ACCOUNT ADMINISTRATOR'] })).toBeUndefined();
    expect(isAdminRoleName(' administrator ')).toBe(true);
    expect(isAdminRoleName('Supervisor')).toBe(false);
  });

  it('names the agent and the fix, first failing rule first', () => {
    expect(refusalOf({ ...owner, roles: ['Supervisor'], ticket_scope: 2 })).toMatchObject({
      cause: 'not_admin',
      message: expect.stringContaining('Ada (ada@x.test)'),
    });
    expect(refusalOf({ ...owner, ticket_scope: 3, occasional: true })).toMatchObject({
      cause: 'no_global_scope',
      message: expect.stringMatching(/restricted access.*Global access/),
    });
    expect(refusalOf({ ...owner, occasional: true })).toMatchObject({ cause: 'occasional_agent' });
  });
});
