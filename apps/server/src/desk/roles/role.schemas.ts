import { idParams } from '../../platform/http/schemas.js';

export const viewRoleSchema = { params: idParams };
