import type { SearchPage } from './search.repository.js';

/** Freshdesk v2 search response: one page of presented results and the full match count. */
export function presentSearchResults<Row, Out>(page: SearchPage<Row>, present: (row: Row) => Out) {
  return { results: page.rows.map((row) => present(row)), total: page.total };
}
