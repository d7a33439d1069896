import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type FieldError } from './errors.js';
import { parseOrThrow } from './validation.js';
import { email, emailList, includeList } from './schemas.js';

const schema = z.strictObject({
  name: z.string(),
  count: z.number().int(),
  status: z.literal([2, 3]).optional(),
  priority: z.literal([1, 2]),
  kind: z.enum(['a', 'b']).optional(),
  email: email.optional(),
  cc_emails: emailList.optional(),
  nested: z.strictObject({ cf_x: z.boolean() }).optional(),
});

function errorsOf(data: unknown) {
  try {
    parseOrThrow(schema, data);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).body() as { description: string; errors: FieldError[] };
  }
  throw new Error('expected a validation error');
}

describe('zod issues as Freshdesk field errors', () => {
  it('missing_field names the type expected', () => {
    expect(errorsOf({ count: 1, priority: 1 })).toEqual({
      description: 'Validation failed',
      errors: [{ field: 'name', code: 'missing_field', message: 'It should be a/an String' }],
    });
  });

  it('datatype_mismatch says what was sent and what is expected', () => {
    expect(errorsOf({ name: 'x', count: '1', priority: 1 }).errors).toEqual([
      {
        field: 'count',
        code: 'datatype_mismatch',
        message: 'Value set is of type String.It should be a/an Number',
      },
    ]);
  });

  it('invalid_field for each unknown key, including nested ones', () => {
    const body = errorsOf({ name: 'x', count: 1, priority: 1, extra: 1, nested: { cf_x: true, cf_y: 1 } });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'extra', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
        { field: 'nested.cf_y', code: 'invalid_field', message: 'Unexpected/invalid field in request' },
      ]),
    );
  });

  it('invalid_value for enums and emails, with the documented messages', () => {
    const body = errorsOf({
      name: 'x',
      count: 1,
      priority: 1,
      kind: 'c',
      email: 'not-an-email',
      cc_emails: ['ok@example.com', 'bad'],
    });
    expect(body.errors).toEqual([
      { field: 'kind', code: 'invalid_value', message: "It should be one of these values: 'a,b'" },
      { field: 'email', code: 'invalid_value', message: "It should be in the 'valid email address' format" },
      {
        field: 'cc_emails',
        code: 'invalid_value',
        message: "It should contain elements that are in the 'valid email address' format",
      },
    ]);
  });

  it('reports several errors at once', () => {
    expect(errorsOf({}).errors).toHaveLength(3);
  });

  it('enumerations: missing, wrong type and unknown value each get their code', () => {
    const body = errorsOf({ name: 'x', count: 1, status: '2' });
    expect(body.errors).toEqual([
      {
        field: 'status',
        code: 'datatype_mismatch',
        message: 'Value set is of type String.It should be a/an Number',
      },
      { field: 'priority', code: 'missing_field', message: "It should be one of these values: '1,2'" },
    ]);
    expect(errorsOf({ name: 'x', count: 1, priority: 7 }).errors).toEqual([
      { field: 'priority', code: 'invalid_value', message: "It should be one of these values: '1,2'" },
    ]);
  });
});

describe('values reshaped by a transform', () => {
  it('an unknown include value is invalid_value on the query field, not missing_field', () => {
    const query = z.strictObject({ include: includeList(['stats', 'requester']).optional() });
    let body: { errors: FieldError[] } | undefined;
    try {
      parseOrThrow(query, { include: 'stats,bogus' });
    } catch (e) {
      body = (e as AppError).body() as { errors: FieldError[] };
    }
    expect(body?.errors).toEqual([
      {
        field: 'include',
        code: 'invalid_value',
        message: "It should be one of these values: 'stats,requester'",
      },
    ]);
  });
});
