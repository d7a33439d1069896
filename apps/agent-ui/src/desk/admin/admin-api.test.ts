import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { fieldErrorsOf } from './admin-api.js';

describe('fieldErrorsOf', () => {
  it("keys Desk's field errors by the form field they belong to, first message first", () => {
    const error = new ApiError(400, {
      description: 'Validation failed',
      errors: [
        { field: 'email', code: 'invalid_value', message: 'It should be in the valid email format' },
        { field: 'choices[1].value', code: 'invalid_value', message: 'It should not be blank' },
        { field: 'choices[2].value', code: 'invalid_value', message: 'Duplicate choice' },
        { field: 'custom_fields.cf_order', code: 'missing_field', message: 'It should not be blank' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      email: 'It should be in the valid email format',
      choices: 'It should not be blank',
      custom_fields: 'It should not be blank',
    });
  });

  it('is empty for anything but a refused request', () => {
    expect(fieldErrorsOf(new Error('offline'))).toEqual({});
    expect(fieldErrorsOf(new ApiError(500, undefined))).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});
