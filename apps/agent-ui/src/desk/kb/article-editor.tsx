import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api } from '../api.js';
import {
  FormSummary,
  orNull,
  saveErrorsOf,
  splitList,
  TextField,
  useFocusFirstInvalid,
} from '../contacts/form-controls.js';
import { navigate, useLocation } from '../router.js';
import { DRAFT, PUBLISHED, type Article, type Folder } from './kb-api.js';
import { DeleteButton, Loaded, Trail } from './kb-structure.js';
import { kbText } from './kb-text.js';
import { RichEditor } from './rich-editor.js';

/** A new article in folder `folderId`. */
export function NewArticle({ folderId }: { folderId: number }) {
  const folder = useQuery({
    queryKey: ['kb', 'folder', folderId],
    queryFn: async () => (await api.get<Folder>(`/solutions/folders/${folderId}`)).data,
  });
  return (
    <Loaded query={folder}>
      {(f) => (
        <ArticleForm
          folderId={folderId}
          hierarchy={[
            ...f.hierarchy,
            { level: f.hierarchy.length, type: 'folder', data: { id: f.id, name: f.name } },
          ]}
        />
      )}
    </Loaded>
  );
}

/** An existing article's editor. */
export function EditArticle({ id }: { id: number }) {
  const article = useQuery({
    queryKey: ['kb', 'article', id],
    queryFn: async () => (await api.get<Article>(`/solutions/articles/${id}`)).data,
  });
  return (
    <Loaded query={article}>
      {(a) => <ArticleForm key={a.id} article={a} folderId={a.folder_id} hierarchy={a.hierarchy} />}
    </Loaded>
  );
}

/**
 * Title, rich body, tags and search keywords, saved as a draft or published; a published
 * article can be unpublished (back to draft). Field errors stay beside their fields.
 */
function ArticleForm(props: { article?: Article; folderId: number; hierarchy: Article['hierarchy'] }) {
  const t = useCatalogue(kbText);
  const queryClient = useQueryClient();
  const { params } = useLocation();
  const { article } = props;
  const [title, setTitle] = useState(article?.title ?? '');
  const [html, setHtml] = useState(article?.description ?? '');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [keywords, setKeywords] = useState(article?.seo_data.meta_keywords ?? '');
  const [justSaved, setJustSaved] = useState(params.get('saved') === '1');
  const statusRef = useRef<HTMLParagraphElement>(null);

  const save = useMutation({
    mutationFn: async (status: number) => {
      const body = {
        title,
        description: html,
        status,
        tags: splitList(tags),
        seo_data: { meta_keywords: orNull(keywords) },
      };
      return article
        ? (await api.put<Article>(`/solutions/articles/${article.id}`, body)).data
        : (await api.post<Article>(`/solutions/folders/${props.folderId}/articles`, body)).data;
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(['kb', 'article', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['kb', 'folder', saved.folder_id] });
      if (!article) navigate(`/a/solutions/articles/${saved.id}?saved=1`, { replace: true });
      else setJustSaved(true);
    },
    onMutate: () => setJustSaved(false),
  });
  const errors = saveErrorsOf(save.error, ['title', 'description', 'tags', 'seo_data']);
  const formRef = useFocusFirstInvalid(errors);
  useEffect(() => {
    if (justSaved) statusRef.current?.focus();
  }, [justSaved]);

  const status = article?.status ?? DRAFT;
  const isPublished = status === PUBLISHED;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(status);
  };

  return (
    <section className="desk-records kb-article" aria-labelledby="kb-article-title">
      <Trail hierarchy={props.hierarchy} />
      <h1 id="kb-article-title">{article ? t('editArticle') : t('newArticle')}</h1>
      {article && (
        <p ref={statusRef} tabIndex={-1} className="kb-status" role="status">
          <span className={`badge ${isPublished ? 'kb-published' : 'kb-draft'}`}>
            {isPublished ? t('published') : t('draft')}
          </span>{' '}
          {justSaved && <span className="success">{t('saved')} </span>}
          {isPublished ? t('publishedNotice') : t('draftNotice')}
        </p>
      )}
      <form ref={formRef} className="record-form kb-form" onSubmit={submit} noValidate>
        <FormSummary errors={errors} fixText={t('fixErrors')} otherText={t('otherErrors')} />
        <TextField
          id="article-title"
          label={t('articleTitle')}
          required
          value={title}
          error={errors?.byField.title}
          onChange={setTitle}
        />
        <div className={`form-field${errors?.byField.description ? ' invalid' : ''}`}>
          <span id="article-body-label" className="field-label">
            {t('articleBody')}
            <span aria-hidden="true"> *</span>
          </span>
          <RichEditor
            id="article-body"
            labelledBy="article-body-label"
            describedBy={['article-body-hint', errors?.byField.description ? 'article-body-error' : '']
              .filter(Boolean)
              .join(' ')}
            invalid={Boolean(errors?.byField.description)}
            initialHtml={html}
            onChange={setHtml}
          />
          <p id="article-body-hint" className="hint">
            {t('editorHint')}
          </p>
          {errors?.byField.description && (
            <p id="article-body-error" className="field-error">
              {errors.byField.description}
            </p>
          )}
        </div>
        <TextField
          id="article-tags"
          label={t('tags')}
          hint={t('tagsHint')}
          value={tags}
          error={errors?.byField.tags}
          onChange={setTags}
        />
        <TextField
          id="article-keywords"
          label={t('keywords')}
          value={keywords}
          error={errors?.byField.seo_data}
          onChange={setKeywords}
        />
        <div className="form-actions">
          {isPublished ? (
            <>
              <button type="submit" className="primary" disabled={save.isPending}>
                {save.isPending ? t('saving') : t('saveChanges')}
              </button>
              <button type="button" onClick={() => save.mutate(DRAFT)} disabled={save.isPending}>
                {t('unpublish')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="primary"
                onClick={() => save.mutate(PUBLISHED)}
                disabled={save.isPending}
              >
                {t('publish')}
              </button>
              <button type="submit" disabled={save.isPending}>
                {save.isPending ? t('saving') : t('saveDraft')}
              </button>
            </>
          )}
          <button type="button" onClick={() => navigate(`/a/solutions/folders/${props.folderId}`)}>
            {t('cancel')}
          </button>
        </div>
      </form>
      {article && (
        <div className="record-actions">
          <DeleteButton
            question={t('deleteConfirmArticle')}
            path={`/solutions/articles/${article.id}`}
            onDeleted={() => navigate(`/a/solutions/folders/${article.folder_id}`)}
          />
        </div>
      )}
    </section>
  );
}
