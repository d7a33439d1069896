import type { TestDesk } from '../../test/desk-harness.js';

/** Test setup helpers for the tickets suites: rows inserted directly (setup, not under test). */

export async function insertGroup(desk: TestDesk, name: string): Promise<number> {
  const now = new Date();
  const row = await desk.services.db
    .insertInto('groups')
    .values({
      name,
      description: null,
      escalate_to: null,
      unassigned_for: null,
      business_hour_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCompany(desk: TestDesk, name: string): Promise<number> {
  const now = new Date();
  const row = await desk.services.db
    .insertInto('companies')
    .values({
      name,
      description: null,
      note: null,
      health_score: null,
      account_tier: null,
      industry: null,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertContact(
  desk: TestDesk,
  values: { name: string; email?: string; company_id?: number },
) {
  const now = new Date();
  const row = await desk.services.db
    .insertInto('contacts')
    .values({ ...values, custom_fields: '{}', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCustomField(
  desk: TestDesk,
  name: string,
  type: string,
  flags: { required_for_closure?: boolean } = {},
) {
  const now = new Date();
  await desk.services.db
    .insertInto('ticket_fields')
    .values({
      name,
      label: name,
      label_for_customers: name,
      position: 100 + Math.floor(Math.random() * 1000),
      type,
      is_default: false,
      required_for_closure: flags.required_for_closure ?? false,
      choices: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A multipart/form-data payload built by hand, as a client library would send it. */
export function multipart(fields: [string, string][], files: FilePart[] = []) {
  const boundary = `----tandem${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
