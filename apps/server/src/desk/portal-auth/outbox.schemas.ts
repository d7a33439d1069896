import { z } from 'zod';
import { email, paginationQuery } from '../../platform/http/schemas.js';

export const listOutboxQuery = z.strictObject({ ...paginationQuery, to: email.optional() });
