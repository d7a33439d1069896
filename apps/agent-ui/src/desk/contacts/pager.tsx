import type { CatalogueTranslate } from '../../shared/i18n.js';
import { Link } from '../router.js';
import type { ContactsKey } from './contacts-text.js';

/** Previous / next links of a paged list; nothing when there is a single page. */
export function Pager(props: {
  page: number;
  hasNext: boolean;
  hrefOf(page: number): string;
  t: CatalogueTranslate<ContactsKey>;
}) {
  const { page, hasNext, hrefOf, t } = props;
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('pager')}>
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} rel="prev">
          {t('previous')}
        </Link>
      ) : (
        <span />
      )}
      <span>{t('pageOf', { page })}</span>
      {hasNext ? (
        <Link href={hrefOf(page + 1)} rel="next">
          {t('next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
