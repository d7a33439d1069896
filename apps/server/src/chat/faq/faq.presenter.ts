import { isoTime } from '../../platform/http/format.js';
import type {
  FaqArticleCounts,
  FaqArticleRow,
  FaqArticleSummaryRow,
  FaqCategoryRow,
  FaqSearchHitRow,
  VisibleFaqCategoryRow,
} from './faq.repository.js';

/*
 * Two audiences: staff (the admin API: drafts, positions, sources, vote counts) and the widget
 * user (published content only; no status, source or counts, so none can leak there).
 */

/** A category as the admin API shows it. */
export function presentFaqCategory(row: FaqCategoryRow, counts: FaqArticleCounts) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    locale: row.locale,
    source: row.source,
    source_id: row.source_id,
    article_count: counts.total,
    published_article_count: counts.published,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

/** An article as the admin API shows it. */
export function presentFaqArticle(row: FaqArticleRow) {
  return {
    id: row.id,
    category_id: row.category_id,
    title: row.title,
    body: row.body_html,
    body_text: row.body_text,
    position: row.position,
    status: row.status,
    tags: row.tags,
    source: row.source,
    source_id: row.source_id,
    helpful_count: row.helpful_count,
    not_helpful_count: row.not_helpful_count,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

/** A category in the widget, with its number of published articles. */
export function presentWidgetFaqCategory(row: VisibleFaqCategoryRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    locale: row.locale,
    article_count: Number(row.article_count),
  };
}

/** An article in a widget list. */
export function presentWidgetFaqArticleSummary(row: FaqArticleSummaryRow) {
  return {
    id: row.id,
    category_id: row.category_id,
    title: row.title,
    updated_time: isoTime(row.updated_at),
  };
}

/** A published article in the widget, with the viewer's own "did this help" vote (or null). */
export function presentWidgetFaqArticle(row: FaqArticleRow, vote: boolean | undefined) {
  return {
    id: row.id,
    category_id: row.category_id,
    title: row.title,
    body: row.body_html,
    tags: row.tags,
    updated_time: isoTime(row.updated_at),
    feedback: vote === undefined ? null : { helpful: vote },
  };
}

/** A search result in the widget, with a short plain-text snippet. */
export function presentWidgetFaqSearchHit(hit: FaqSearchHitRow & { snippet: string }) {
  return {
    id: hit.id,
    category_id: hit.category_id,
    category_name: hit.category_name,
    title: hit.title,
    snippet: hit.snippet,
  };
}
