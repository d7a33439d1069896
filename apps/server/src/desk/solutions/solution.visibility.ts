import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { DeskDB } from '../db.js';

/** Who is looking at the knowledge base: folder visibility decides what each may see. */
export type KbViewer =
  { kind: 'agent' } | { kind: 'visitor' } | { kind: 'contact'; contactId: number; companyId: number | null };

/** Folder visibility values (Freshdesk): 1 all users, 2 logged-in users, 3 agents, 4 selected companies. */
export const VISIBILITY = { allUsers: 1, loggedIn: 2, agents: 3, companies: 4 } as const;

/**
 * The SQL condition "this folder is visible to the viewer", for a query that has
 * `solution_folders` in its FROM under that name. Agents see every folder; visitors only
 * "all users" folders; signed-in contacts also "logged-in users" folders and "selected companies"
 * folders that list their company. Deleted folders are never visible.
 */
export function folderVisibleTo(
  eb: ExpressionBuilder<DeskDB, 'solution_folders'>,
  viewer: KbViewer,
): ExpressionWrapper<DeskDB, 'solution_folders', SqlBool> {
  const alive = eb('solution_folders.deleted_at', 'is', null);
  if (viewer.kind === 'agent') return alive;
  if (viewer.kind === 'visitor')
    return eb.and([alive, eb('solution_folders.visibility', '=', VISIBILITY.allUsers)]);
  const ofCompany =
    viewer.companyId === null
      ? eb.val(false)
      : eb.and([
          eb('solution_folders.visibility', '=', VISIBILITY.companies),
          eb.exists(
            eb
              .selectFrom('solution_folder_companies as sfc')
              .select('sfc.folder_id')
              .whereRef('sfc.folder_id', '=', 'solution_folders.id')
              .where('sfc.company_id', '=', viewer.companyId),
          ),
        ]);
  return eb.and([
    alive,
    eb.or([eb('solution_folders.visibility', 'in', [VISIBILITY.allUsers, VISIBILITY.loggedIn]), ofCompany]),
  ]);
}

/** The same rule in memory, for a folder already loaded. */
export function isFolderVisibleTo(
  folder: { visibility: number; deleted_at: Date | null; company_ids: number[] },
  viewer: KbViewer,
): boolean {
  if (folder.deleted_at !== null) return false;
  if (viewer.kind === 'agent') return true;
  if (folder.visibility === VISIBILITY.allUsers) return true;
  if (viewer.kind === 'visitor') return false;
  if (folder.visibility === VISIBILITY.loggedIn) return true;
  return (
    folder.visibility === VISIBILITY.companies &&
    viewer.companyId !== null &&
    folder.company_ids.includes(viewer.companyId)
  );
}
