import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorText } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import {
  explanationOf,
  type FaqCategory,
  type FaqFolder,
  type FaqImport,
  type FaqSelection,
  type FaqTree,
} from './helpdesk-api.js';
import {
  articleChecked,
  categoryState,
  folderState,
  toggleArticle,
  toggleCategory,
  toggleFolder,
  type Picks,
} from './helpdesk-faq-picks.js';
import {
  causeText,
  faqTreeKey,
  HelpdeskLoadError,
  useHelpdeskApi,
  type HelpdeskT,
} from './helpdesk-shared.js';
import type { HelpdeskTextKey } from './helpdesk-text.js';

const POLL_MS = 400;

/** The FAQ import (I3): the helpdesk's tree with checkboxes, then an import's progress and result. */
export function HelpdeskFaqImport({ t }: { t: HelpdeskT }) {
  const api = useHelpdeskApi();
  const tree = useQuery({ queryKey: faqTreeKey, queryFn: api.faqTree });

  if (tree.isPending) return <p role="status">{t('loading')}</p>;
  if (tree.isError) return <HelpdeskLoadError error={tree.error} onRetry={() => void tree.refetch()} t={t} />;
  return <ImportPicker tree={tree.data} t={t} />;
}

/** A checkbox that can also show "some of these" (a parent with part of its children picked). */
function TriCheckbox({
  checked,
  mixed,
  label,
  disabled,
  describedBy,
  onChange,
}: {
  checked: boolean;
  mixed: boolean;
  label: string;
  disabled?: boolean;
  describedBy?: string;
  onChange: () => void;
}) {
  const id = useId();
  return (
    <span className="helpdesk-check">
      <input
        id={id}
        type="checkbox"
        ref={(element) => {
          if (element) element.indeterminate = mixed && !checked;
        }}
        checked={checked}
        aria-checked={mixed && !checked ? 'mixed' : checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

const VISIBILITY_KEYS: Record<number, HelpdeskTextKey> = {
  3: 'visibility.3',
  4: 'visibility.4',
  5: 'visibility.5',
  6: 'visibility.6',
  7: 'visibility.7',
};

/** Why a folder cannot be imported, in the admin's language (its own visibility or a folder above it). */
function reasonOf(folder: FaqFolder, category: FaqCategory, t: HelpdeskT, depth = 0): string {
  const own = VISIBILITY_KEYS[folder.visibility];
  if (own) return t(own);
  const parent = category.folders.find((f) => f.id === folder.parent_folder_id);
  if (parent && !parent.importable && depth < 20)
    return t('visibility.parent', { reason: reasonOf(parent, category, t, depth + 1) });
  return folder.reason && folder.visibility > 7 ? folder.reason : t('visibility.other');
}

function ImportPicker({ tree, t }: { tree: FaqTree; t: HelpdeskT }) {
  const { t: tShared } = useI18n();
  const api = useHelpdeskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [picks, setPicks] = useState<Picks>(() => ({
    folders: new Set(tree.selection.folder_ids),
    articles: new Set(tree.selection.article_ids),
  }));
  const [preserve, setPreserve] = useState(tree.selection.preserve_category_text);
  // A running import is picked up again (and the last result shown) when the screen opens.
  const [jobId, setJobId] = useState<string | null>(tree.last_import?.id ?? null);
  const [problem, setProblem] = useState<string | null>(null);

  const job = useQuery({
    queryKey: ['helpdesk', 'faq-import', jobId],
    queryFn: () => api.faqImport(jobId!),
    enabled: jobId !== null,
    initialData: jobId !== null && jobId === tree.last_import?.id ? tree.last_import : undefined,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'done' || state === 'failed' ? false : POLL_MS;
    },
  });
  const finished = job.data?.state === 'done' || job.data?.state === 'failed';
  const running = jobId !== null && !finished && !job.isError;

  const wasFinished = useRef(finished);
  useEffect(() => {
    // The tree's "imported" marks change when an import finishes while the admin watches.
    if (finished && !wasFinished.current) void queryClient.invalidateQueries({ queryKey: faqTreeKey });
    wasFinished.current = finished;
  }, [finished, queryClient]);

  const start = useMutation({
    mutationFn: (selection: FaqSelection) => api.startFaqImport(selection),
    onMutate: () => setProblem(null),
    onSuccess: (started) => {
      queryClient.setQueryData(['helpdesk', 'faq-import', started.id], started);
      setJobId(started.id);
    },
    onError: (error) => {
      // One import runs at a time: follow the one already running.
      const active =
        error instanceof ApiError && error.status === 409
          ? (error.body as { active_import?: { id?: string } } | undefined)?.active_import?.id
          : undefined;
      if (active) return setJobId(active);
      const explanation = explanationOf(error);
      setProblem(explanation ? causeText(explanation, t) : errorText(error, tShared));
    },
  });

  const nothingPicked = picks.folders.size === 0 && picks.articles.size === 0;
  const anyImported =
    tree.categories.some((c) => c.folders.some((f) => f.imported)) || job.data?.state === 'done';

  return (
    <section className="helpdesk-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('faq.title')}</h3>
      <p className="hint">{t('faq.intro')}</p>
      {tree.categories.length === 0 ? (
        <p>{t('faq.empty')}</p>
      ) : (
        <ul className="helpdesk-tree" aria-label={t('faq.tree')}>
          {tree.categories.map((category) => {
            const importable = category.folders.some((f) => f.importable);
            const state = categoryState(picks, category.folders);
            return (
              <li key={category.id}>
                <TriCheckbox
                  {...state}
                  label={category.name}
                  disabled={!importable || running}
                  onChange={() => setPicks(toggleCategory(picks, category.folders))}
                />
                <ul>
                  {category.folders.map((folder) => {
                    const reasonId = `${id}-${folder.id}-reason`;
                    // The path runs from the category down to the folder: sub-folders show where they sit.
                    const name = folder.path.slice(1).join(' › ') || folder.name;
                    return (
                      <li key={folder.id} className={folder.importable ? undefined : 'not-importable'}>
                        <TriCheckbox
                          {...folderState(picks, folder)}
                          label={name}
                          disabled={!folder.importable || running}
                          describedBy={folder.importable ? undefined : reasonId}
                          onChange={() => setPicks(toggleFolder(picks, folder))}
                        />
                        {folder.imported && <span className="helpdesk-tag">{t('faq.imported')}</span>}
                        {folder.importable ? (
                          <span className="hint">
                            {' '}
                            {t('faq.articles', { count: folder.articles.length })}
                          </span>
                        ) : (
                          <p id={reasonId} className="hint helpdesk-reason">
                            {t('faq.notImportable', { reason: reasonOf(folder, category, t) })}
                          </p>
                        )}
                        {folder.importable &&
                          (folder.articles.length === 0 ? (
                            <p className="hint">{t('faq.noArticles')}</p>
                          ) : (
                            <ul>
                              {folder.articles.map((article) => (
                                <li key={article.id}>
                                  <TriCheckbox
                                    checked={articleChecked(picks, folder, article.id)}
                                    mixed={false}
                                    label={article.title}
                                    disabled={running}
                                    onChange={() => setPicks(toggleArticle(picks, folder, article.id))}
                                  />
                                  {article.imported && (
                                    <span className="helpdesk-tag">{t('faq.imported')}</span>
                                  )}
                                </li>
                              ))}
                            </ul>
                          ))}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      <div className="helpdesk-switch">
        <input
          id={`${id}-preserve`}
          type="checkbox"
          checked={preserve}
          disabled={running}
          aria-describedby={`${id}-preserve-hint`}
          onChange={(event) => setPreserve(event.target.checked)}
        />
        <label htmlFor={`${id}-preserve`}>{t('faq.preserve')}</label>
      </div>
      <p id={`${id}-preserve-hint`} className="hint">
        {t('faq.preserveHint')}
      </p>
      <div className="helpdesk-buttons">
        <button
          type="button"
          disabled={running || start.isPending || nothingPicked}
          aria-describedby={nothingPicked ? `${id}-pick` : undefined}
          onClick={() =>
            start.mutate({
              folder_ids: [...picks.folders],
              article_ids: [...picks.articles],
              preserve_category_text: preserve,
            })
          }
        >
          {anyImported ? t('faq.reimport') : t('faq.import')}
        </button>
        {nothingPicked && (
          <p id={`${id}-pick`} className="hint">
            {t('faq.pickSomething')}
          </p>
        )}
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {jobId !== null && <ImportProgress job={job.data} error={job.error} t={t} />}
    </section>
  );
}

function ImportProgress({
  job,
  error,
  t,
}: {
  job: FaqImport | undefined;
  error: Error | null;
  t: HelpdeskT;
}) {
  const { t: tShared } = useI18n();
  const id = useId();
  if (error) return <p className="error">{errorText(error, tShared)}</p>;
  if (!job) return null;
  const total = job.total ?? 0;
  const text =
    job.state === 'queued' || job.total === null
      ? t('faq.queued')
      : job.state === 'done'
        ? t('faq.done', {
            created: job.created,
            updated: job.updated,
            unchanged: job.unchanged,
            removed: job.removed,
          })
        : job.state === 'failed'
          ? t('faq.failed')
          : t('faq.progress', { done: job.done, total });
  return (
    <div className="helpdesk-progress">
      <label htmlFor={`${id}-bar`}>{t('faq.progressLabel')}</label>
      <progress
        id={`${id}-bar`}
        max={Math.max(total, 1)}
        value={job.state === 'done' ? Math.max(total, 1) : Math.min(job.done, total)}
        aria-describedby={`${id}-text`}
      />
      <p id={`${id}-text`} role="status" className={job.state === 'failed' ? 'error' : undefined}>
        {text}
      </p>
      {job.errors.length > 0 && (
        <>
          <p className="error">{t('faq.errors', { count: job.errors.length })}</p>
          <ul className="helpdesk-import-errors">
            {job.errors.map((problem, i) => (
              <li key={i}>
                {typeof problem.message === 'string' ? problem.message : JSON.stringify(problem)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
