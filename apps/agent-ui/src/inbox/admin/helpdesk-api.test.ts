import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api.js';
import { explanationOf, mappingErrorsOf } from './helpdesk-api.js';

describe('reading the Helpdesk API refusals', () => {
  it("finds the helpdesk explanation in Chat's error body", () => {
    const helpdesk = {
      cause: 'invalid_key',
      message: 'The helpdesk refused the API key',
      field: 'api_key',
      answer: { status: 401, body: '{"code":"invalid_credentials"}', request_id: 'r-1' },
    };
    const error = new ApiError(502, 'x', [{ field: 'api_key', message: 'm' }], { code: 502, helpdesk });
    expect(explanationOf(error)).toEqual(helpdesk);
    expect(explanationOf(new ApiError(400, 'x', [], { code: 400 }))).toBeUndefined();
    expect(explanationOf(new ApiError(502, 'x', [], { helpdesk: { cause: 1 } }))).toBeUndefined();
    expect(explanationOf(new Error('offline'))).toBeUndefined();
  });

  it('groups mapping field errors by row and part', () => {
    const error = new ApiError(400, 'x', [
      { field: 'mappings[1].attribute', message: 'free text may not be one of its choices' },
      { field: 'mappings[3].fixed_value', message: '"Gold" is not one of its choices' },
      { field: 'mappings[3].ticket_field', message: 'mapped twice' },
      { field: 'mappings', message: 'too many' },
    ]);
    const byRow = mappingErrorsOf(error);
    expect([...byRow.keys()]).toEqual([1, 3]);
    expect(byRow.get(1)).toEqual([{ part: 'attribute', message: 'free text may not be one of its choices' }]);
    expect(byRow.get(3)!.map((p) => p.part)).toEqual(['fixed_value', 'ticket_field']);
    expect(mappingErrorsOf(new Error('offline')).size).toBe(0);
  });
});
