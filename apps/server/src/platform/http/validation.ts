import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { type ZodType } from 'zod';
import { validationError, type FieldError } from './errors.js';

/** Freshdesk's names for JSON types in its messages ("It should be a/an String"). */
function typeName(expected: string | undefined): string {
  switch (expected) {
    case 'string':
      return 'String';
    case 'number':
    case 'int':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'array':
      return 'Array';
    case 'object':
    case 'record':
      return 'key/value pair';
    default:
      return expected ? expected[0]!.toUpperCase() + expected.slice(1) : 'value';
  }
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'Null';
  if (value === TRANSFORMED) return 'String';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return 'key/value pair';
  return typeName(typeof value);
}

/** Stands for a value the input has but that a transform reshaped (e.g. `include=a,b` → array). */
const TRANSFORMED = Symbol('transformed');

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === undefined) return undefined;
    if (current === null || typeof current !== 'object') return TRANSFORMED;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Dotted field name; array indexes are dropped (`cc_emails`, not `cc_emails.1`). */
function fieldName(path: PropertyKey[]): string {
  return path
    .filter((p) => typeof p !== 'number')
    .map(String)
    .join('.');
}

/** Maps zod issues to Freshdesk field errors with the documented codes and messages. */
export function zodIssuesToFieldErrors(issues: z.core.$ZodIssue[], data: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          field: fieldName([...path, key]),
          code: 'invalid_field',
          message: 'Unexpected/invalid field in request',
        });
      }
      continue;
    }
    const field = fieldName(path);
    const explicit = (issue as { params?: { code?: FieldError['code'] } }).params?.code;
    if (explicit) {
      errors.push({ field, code: explicit, message: issue.message });
      continue;
    }
    switch (issue.code) {
      case 'invalid_type': {
        const value = valueAt(data, path);
        if (value === undefined) {
          errors.push({
            field,
            code: 'missing_field',
            message: `It should be a/an ${typeName(issue.expected)}`,
          });
        } else {
          errors.push({
            field,
            code: 'datatype_mismatch',
            message: `Value set is of type ${jsonTypeOf(value)}.It should be a/an ${typeName(issue.expected)}`,
          });
        }
        break;
      }
      case 'invalid_value': {
        const value = valueAt(data, path);
        const message = `It should be one of these values: '${issue.values.map(String).join(',')}'`;
        const expectedType = typeof issue.values[0];
        if (value === undefined) errors.push({ field, code: 'missing_field', message });
        else if (
          value !== TRANSFORMED &&
          issue.values.every((v) => typeof v === expectedType) &&
          typeof value !== expectedType
        ) {
          errors.push({
            field,
            code: 'datatype_mismatch',
            message: `Value set is of type ${jsonTypeOf(value)}.It should be a/an ${typeName(expectedType)}`,
          });
        } else errors.push({ field, code: 'invalid_value', message });
        break;
      }
      case 'invalid_format':
        errors.push({
          field,
          code: 'invalid_value',
          message:
            issue.format === 'email'
              ? path.some((p) => typeof p === 'number')
                ? "It should contain elements that are in the 'valid email address' format"
                : "It should be in the 'valid email address' format"
              : `It should be in the '${issue.format}' format`,
        });
        break;
      case 'too_small':
      case 'too_big':
      case 'not_multiple_of':
      case 'invalid_union':
      case 'custom':
      default:
        errors.push({ field, code: 'invalid_value', message: issue.message });
    }
  }
  return errors;
}

/** Validates with zod and reports failures as one Freshdesk validation error. */
export function parseOrThrow<T>(schema: ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(zodIssuesToFieldErrors(result.error.issues, data));
  return result.data;
}

/** Fastify validator compiler: route schemas are zod schemas, errors are Freshdesk-shaped. */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: validationError(zodIssuesToFieldErrors(result.error.issues, data)) };
  };
