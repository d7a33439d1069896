import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { orNull, saveErrorsOf, splitList } from './form-controls.js';

describe('saveErrorsOf', () => {
  it('puts each shown field’s first error beside it and lists the rest', () => {
    const error = new ApiError(400, {
      description: 'Validation failed',
      errors: [
        { field: 'email', message: 'It should be in the valid email address format', code: 'invalid_value' },
        { field: 'email', message: 'second message', code: 'invalid_value' },
        { field: 'seo_data.meta_keywords', message: 'Has 300 characters', code: 'invalid_value' },
        {
          field: 'custom_fields.cf_x',
          message: 'Unexpected/invalid field in request',
          code: 'invalid_field',
        },
      ],
    });
    expect(saveErrorsOf(error, ['email', 'seo_data'])).toEqual({
      byField: {
        email: 'It should be in the valid email address format',
        seo_data: 'Has 300 characters',
      },
      others: [
        {
          field: 'custom_fields.cf_x',
          message: 'Unexpected/invalid field in request',
          code: 'invalid_field',
        },
      ],
    });
  });

  it('reports a failure without field errors as a message, and no error as nothing', () => {
    expect(
      saveErrorsOf(new ApiError(403, { code: 'access_denied', message: 'No access' }), ['name']),
    ).toEqual({
      byField: {},
      others: [],
      message: 'No access',
    });
    expect(saveErrorsOf(new TypeError('Failed to fetch'), ['name'])?.message).toBe('Failed to fetch');
    expect(saveErrorsOf(null, ['name'])).toBeUndefined();
  });
});

describe('list and empty-text helpers', () => {
  it('splits comma lists, dropping empty parts, and maps blank text to null', () => {
    expect(splitList(' acme.example, ,acme.test ,')).toEqual(['acme.example', 'acme.test']);
    expect(splitList('   ')).toEqual([]);
    expect(orNull('  ')).toBeNull();
    expect(orNull(' CTO ')).toBe('CTO');
  });
});
