import type { FieldError } from '../../platform/http/errors.js';
import { findExistingAgentIds } from '../agents/index.js';
import type { DeskDb } from '../db.js';
import { VISIBILITY } from './solution.visibility.js';
import { findExistingCompanyIds, findExistingPortalIds } from './solution.repository.js';

/**
 * Rules shared by the solution commands. Each returns the field errors it finds so a request
 * reports all of them at once.
 */

const missingIds = (asked: number[], found: number[]) => asked.filter((id) => !found.includes(id));

/** Every id of `visible_in_portals` names a portal. */
export async function checkPortalIds(db: DeskDb, ids: number[]): Promise<FieldError[]> {
  const missing = missingIds(ids, await findExistingPortalIds(db, ids));
  if (missing.length === 0) return [];
  return [
    {
      field: 'visible_in_portals',
      code: 'invalid_value',
      message: `There are no portals matching the given ids: ${missing.join(', ')}`,
    },
  ];
}

/**
 * Visibility 4 (selected companies) needs a non-empty list of existing companies; every other
 * visibility takes none. Returns the companies to store with the errors found.
 */
export async function checkFolderCompanies(
  db: DeskDb,
  visibility: number,
  companyIds: number[] | undefined,
): Promise<{ companyIds: number[]; errors: FieldError[] }> {
  if (visibility !== VISIBILITY.companies) {
    if (companyIds !== undefined && companyIds.length > 0)
      return {
        companyIds: [],
        errors: [
          {
            field: 'company_ids',
            code: 'invalid_value',
            message: 'It can be set only when visibility is 4 (selected companies)',
          },
        ],
      };
    return { companyIds: [], errors: [] };
  }
  if (companyIds === undefined || companyIds.length === 0)
    return {
      companyIds: [],
      errors: [
        {
          field: 'company_ids',
          code: 'invalid_value',
          message: 'It should not be empty when visibility is 4 (selected companies)',
        },
      ],
    };
  const missing = missingIds(companyIds, await findExistingCompanyIds(db, companyIds));
  if (missing.length > 0)
    return {
      companyIds,
      errors: [
        {
          field: 'company_ids',
          code: 'invalid_value',
          message: `There are no companies matching the given ids: ${missing.join(', ')}`,
        },
      ],
    };
  return { companyIds, errors: [] };
}

/** An article's author must be an agent. */
export async function checkArticleAgent(db: DeskDb, agentId: number): Promise<FieldError[]> {
  const found = await findExistingAgentIds(db, [agentId]);
  if (found.includes(agentId)) return [];
  return [
    { field: 'agent_id', code: 'invalid_value', message: 'There is no agent matching the given agent_id' },
  ];
}

export const duplicateName = (field = 'name'): FieldError => ({
  field,
  code: 'duplicate_value',
  message: 'It should be a unique value',
});
