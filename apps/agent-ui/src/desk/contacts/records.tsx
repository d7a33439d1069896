import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { Link } from '../router.js';
import { contactsText } from './contacts-text.js';
import { Pager } from './pager.js';

/** A records screen's heading (labelling its section through `titleId`) and its "new" link. */
export function RecordsHead(props: { titleId: string; title: string; newHref: string; newLabel: string }) {
  return (
    <div className="records-head">
      <h1 id={props.titleId}>{props.title}</h1>
      <Link href={props.newHref} className="button-link primary">
        {props.newLabel}
      </Link>
    </div>
  );
}

/**
 * One page of records: loading and failure states, `empty` when there are none, each row as
 * `row` renders it (kept on screen, marked busy, while the next page loads), and the pager.
 */
export function PagedRecords<R extends { id: number }>(props: {
  list: UseQueryResult<{ rows: R[]; hasNext: boolean }>;
  empty: string;
  page: number;
  hrefOf(page: number): string;
  row(record: R): ReactNode;
}) {
  const t = useCatalogue(contactsText);
  const { list } = props;
  return (
    <>
      {list.isPending && <p role="status">{t('loading')}</p>}
      {list.isError && (
        <p className="error" role="alert">
          {t('failed', { message: list.error.message })}
        </p>
      )}
      {list.data?.rows.length === 0 && <p>{props.empty}</p>}
      {list.data && list.data.rows.length > 0 && (
        <ul className="record-rows" aria-busy={list.isFetching}>
          {list.data.rows.map((record) => (
            <li key={record.id} className="record-row">
              {props.row(record)}
            </li>
          ))}
        </ul>
      )}
      {list.data && <Pager page={props.page} hasNext={list.data.hasNext} hrefOf={props.hrefOf} t={t} />}
    </>
  );
}
